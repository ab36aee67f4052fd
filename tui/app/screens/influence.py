"""Phase screen for "influence" (being built)."""

from __future__ import annotations

from tui.app.screens.phase import PhaseScreen


class InfluenceScreen(PhaseScreen):
    """The influence phase."""

    PHASE = "influence"
