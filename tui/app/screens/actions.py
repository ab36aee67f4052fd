"""Phase screen for "actions" (being built)."""

from __future__ import annotations

from tui.app.screens.phase import PhaseScreen


class ActionsScreen(PhaseScreen):
    """The actions phase."""

    PHASE = "actions"
