"""Dates typed in a meeting count from the session's date, whatever day the app runs on."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static

from tui.app.screens.action_form import ActionForm
from tui.app.screens.close import CloseScreen
from tui.core import operations

MEETING = dt.date(2027, 1, 19)  # a Tuesday, far from whatever day the tests run
FRIDAY = dt.date(2027, 1, 22)


def _session():
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk", date=MEETING)
    operations.add_friction(session, "Dossiers sluiten niet aan")
    return session


def _toasts(app) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def test_weekday_in_the_action_form_counts_from_the_session_date(open_app):
    store, app = open_app()
    session = _session()
    async with app.run_test(size=(100, 30)) as pilot:
        app.run_session(session)
        await pilot.pause()
        await app.show_phase("decide")
        await pilot.pause()
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ActionForm)
        await pilot.press(*"Belrooster maken")  # "what" starts empty
        form.query_one("#due", Input).focus()
        await pilot.press(*"vrijdag")
        assert "22 januari 2027" in str(form.query_one("#due-feedback", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.live.session.actions[0].due == FRIDAY


async def test_a_date_before_the_meeting_is_warned_about(open_app):
    store, app = open_app()
    session = _session()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.run_session(session)
        await pilot.pause()
        await app.show_phase("decide")
        await pilot.pause()
        await pilot.press("a")
        form = app.screen
        await pilot.press(*"Belrooster maken")  # "what" starts empty
        form.query_one("#due", Input).focus()
        await pilot.press(*"1-12-2026")
        feedback = str(form.query_one("#due-feedback", Static).render())
        assert "⚠" in feedback and "vóór de bijeenkomst" in feedback
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.live.session.actions[0].due == dt.date(2026, 12, 1)  # accepted, but said
        assert any("vóór de bijeenkomst" in text for text in _toasts(app))


async def test_next_date_on_the_close_screen_counts_from_the_session_date(open_app):
    store, app = open_app()
    session = _session()
    async with app.run_test(size=(100, 30)) as pilot:
        app.run_session(session)
        await pilot.pause()
        await app.show_phase("close")
        await pilot.pause()
        assert isinstance(app.screen, CloseScreen)
        app.screen.query_one("#next-date", Input).focus()
        await pilot.press(*"over 2 weken")
        await pilot.pause()
        assert app.live.session.next_date == MEETING + dt.timedelta(weeks=2)
