"""Closing the session and quitting mid-session are confirmed first, in one way: j/y/Enter yes, n/Esc no."""

from __future__ import annotations

from textual.widgets import Button, Input

from tui.app.screens.close import CloseScreen
from tui.app.screens.confirm import ConfirmDialog
from tui.app.screens.minutes import MinutesScreen
from tui.core import operations


def _session():
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    operations.set_overall_decision(session, "continue")
    return session


async def _close_phase(app, pilot, session) -> CloseScreen:
    app.run_session(session)
    await pilot.pause()
    await app.show_phase("close")
    await pilot.pause()
    assert isinstance(app.screen, CloseScreen)
    return app.screen


async def test_f10_asks_before_closing_and_n_keeps_the_session_open(open_app):
    store, app = open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _close_phase(app, pilot, _session())
        await pilot.press("f10")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        for button in dialog.query(Button):  # both buttons fit on an 80x24 screen
            assert button.region.bottom <= 24 and button.region.right <= 80
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and app.live.session.status == "in_progress"
        await pilot.press("f10", "escape")
        assert app.screen is screen and app.live.session.status == "in_progress"
        await pilot.press("f10", "enter")  # Enter says yes (the focused button)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)


async def test_the_close_button_asks_too(open_app):
    store, app = open_app("en")
    session = _session()
    session.language = "en"
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _close_phase(app, pilot, session)
        screen.query_one("#close-session", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)


async def test_ctrl_q_with_a_session_open_asks_and_twice_quits_keeping_what_was_typed(open_app):
    store, app = open_app()
    session = _session()
    async with app.run_test(size=(100, 30)) as pilot:
        app.run_session(session)
        await pilot.pause()
        await app.show_phase("goes_well")
        await pilot.pause()
        await pilot.press(*"Korte lij")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.PHASE == "goes_well" and app.is_running
        assert app.screen.query_one(Input).value == "Korte lij"  # nothing was taken from the entry
        await pilot.press("ctrl+q", "ctrl+q")
        await pilot.pause()
    assert [n.text for n in store.get_session(session.id).goes_well] == ["Korte lij"]


async def test_ctrl_q_on_home_quits_at_once(open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
