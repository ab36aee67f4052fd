"""Notifications never cover what the lead is working with: a dialog's buttons, a phase's detail pane."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import Button, Static

from tui.app.screens.confirm import ConfirmDialog
from tui.core import operations


def _toast_regions(app) -> list[Region]:
    return [toast.region for toast in app.screen.query("Toast")]


def _session():
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    operations.add_goes_well(session, "Korte lijnen met de huisarts", "We bellen elkaar direct")
    operations.add_friction(session, "Dossiers sluiten niet aan tussen huisarts, wijkverpleging en sociaal wijkteam")
    operations.set_overall_decision(session, "continue")
    return session


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_deletion_message_leaves_the_detail_pane_free(open_app, size):
    store, app = open_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        app.run_session(_session())
        await pilot.pause()
        await app.show_phase("decide")
        await pilot.pause()
        app.notify("“Dossiers sluiten niet aan tussen huisarts en wijkverpleging” verwijderd — Ctrl+Z om terug te zetten")
        await pilot.pause()
        detail = app.screen.query_one("#decide-detail", Static).region
        assert detail.height > 0
        toasts = _toast_regions(app)
        assert toasts
        for toast in toasts:
            assert not toast.overlaps(detail), (toast, detail)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_message_leaves_a_dialogs_buttons_free(open_app, size):
    store, app = open_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        app.run_session(_session())
        await pilot.pause()
        await app.show_phase("close")
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        app.screen.notify("Een melding die even in beeld blijft terwijl de vraag open staat")
        await pilot.pause()
        toasts = _toast_regions(app)
        assert toasts
        for button in app.screen.query(Button):
            for toast in toasts:
                assert not toast.overlaps(button.region), (toast, button.region)
