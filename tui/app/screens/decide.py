"""Phase screen for "decide" (being built)."""

from __future__ import annotations

from tui.app.screens.phase import PhaseScreen


class DecideScreen(PhaseScreen):
    """The decide phase."""

    PHASE = "decide"
