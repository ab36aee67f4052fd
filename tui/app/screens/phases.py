"""Which screen shows which phase."""

from __future__ import annotations

from tui.app.screens.actions import ActionsScreen
from tui.app.screens.checkin import CheckinScreen
from tui.app.screens.close import CloseScreen
from tui.app.screens.decide import DecideScreen
from tui.app.screens.frictions import FrictionsScreen
from tui.app.screens.goes_well import GoesWellScreen
from tui.app.screens.influence import InfluenceScreen
from tui.app.screens.notes import NotesScreen
from tui.app.screens.phase import PhaseScreen
from tui.app.screens.setup import SetupScreen

__all__ = ["PHASE_SCREENS", "NotesScreen", "PhaseScreen"]

PHASE_SCREENS: dict[str, type[PhaseScreen]] = {
    "setup": SetupScreen,
    "checkin": CheckinScreen,
    "goes_well": GoesWellScreen,
    "frictions": FrictionsScreen,
    "influence": InfluenceScreen,
    "decide": DecideScreen,
    "actions": ActionsScreen,
    "close": CloseScreen,
}
"""Phase key -> screen class; every phase of :data:`tui.core.model.PHASES` has one."""
