"""Phase screen for "close" (being built)."""

from __future__ import annotations

from tui.app.screens.phase import PhaseScreen


class CloseScreen(PhaseScreen):
    """The close phase."""

    PHASE = "close"
