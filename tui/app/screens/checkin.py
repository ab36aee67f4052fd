"""Phase screen for "checkin" (being built)."""

from __future__ import annotations

from tui.app.screens.phase import PhaseScreen


class CheckinScreen(PhaseScreen):
    """The checkin phase."""

    PHASE = "checkin"
