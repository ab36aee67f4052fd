"""Deciding on notes and the action items, driven by keys; asserted on what the store saved."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static

from tui.app.screens.action_form import ActionForm, OwnerList
from tui.app.screens.actions import ActionsScreen, ActionTable
from tui.app.screens.decide import DecideScreen, DecideTable
from tui.core import operations
from tui.core.i18n import t
from tui.core.minutes import format_date
from tui.core.model import Session

TODAY = dt.date.today()


def _session() -> Session:
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    operations.add_participant(session, "Carla", "Buurtzorg", "district_nurse")
    operations.add_participant(session, "Anna", "Praktijk De Linde", "gp")
    operations.add_participant(session, "Bram", "", "informal_carer")
    session.participants[0].present = False  # Carla is absent: listed after the present ones
    operations.add_goes_well(session, "Korte lijnen met de huisarts", "We bellen elkaar direct")
    low = operations.add_friction(session, "Dossiers sluiten niet aan")
    high = operations.add_friction(session, "Wie regelt de medicatie?")
    operations.vote(session, low.id, 1)
    operations.vote(session, high.id, 3)
    return session


def _ids(session: Session) -> dict[str, str]:
    return {p.name: p.id for p in session.participants} | {n.text: n.id for n in (*session.goes_well,
                                                                                   *session.frictions)}


async def test_adjust_opens_the_action_form_and_saves_owners_and_date(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    ids = _ids(session)
    async with app.run_test(size=(100, 30)) as pilot:
        app.run_session(session)
        await pilot.pause()
        app.show_phase("decide")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DecideScreen)
        table = screen.query_one(DecideTable)
        assert table.has_focus
        # goes-well first (kept by default), then the frictions by votes
        assert [table.get_row_at(i)[1].plain for i in range(3)] == [
            "Korte lijnen met de huisarts", "Wie regelt de medicatie?", "Dossiers sluiten niet aan"]
        assert str(table.get_row_at(0)[4]) == "Nog open"  # what goes well is decided here too
        summary = str(screen.query_one("#decide-summary", Static).render())
        assert summary.startswith("0 van 3 notities besloten")  # nothing decided yet, and it says so

        await pilot.press("down", "a")  # adjust the friction with most votes: the action form opens
        form = app.screen
        assert isinstance(form, ActionForm)
        assert form.query_one("#what", Input).value == ""  # starts empty: the friction is shown above it
        assert "Wie regelt de medicatie?" in str(form.query_one("#action-source", Static).render())
        owners = form.query_one(OwnerList)
        prompts = lambda: [str(owners.get_option_at_index(i).prompt) for i in range(3)]  # noqa: E731
        assert prompts() == ["  Anna", "  Bram", "  Carla (afwezig)"]  # present ones first
        await pilot.press(*"Rooster", "enter")  # Enter goes to who
        assert owners.has_focus
        await pilot.press("space", "down", "space")  # Anna and Bram...
        assert prompts() == ["✓ Anna", "✓ Bram", "  Carla (afwezig)"]  # ...marked, not by colour only
        await pilot.press("enter")  # Enter moves on
        assert form.query_one("#due", Input).has_focus
        await pilot.press(*"over 2 weken")
        feedback = str(form.query_one("#due-feedback", Static).render())
        assert format_date(TODAY + dt.timedelta(weeks=2), "nl") in feedback
        await pilot.press("enter")  # from the last field to Save: nothing saved yet
        assert app.screen is form and form.query_one("#save").has_focus
        await pilot.press("enter")
        assert isinstance(app.screen, DecideScreen)
        assert str(table.get_row_at(1)[4]) == "Bijstellen" and str(table.get_row_at(1)[5]) == "1"
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    assert saved.frictions[1].decision == "adjust"
    assert saved.goes_well[0].decision is None
    (action,) = saved.actions
    assert action.what == "Rooster"
    assert action.owners == [ids["Anna"], ids["Bram"]]
    assert action.due == TODAY + dt.timedelta(weeks=2)
    assert action.source_note_id == ids["Wie regelt de medicatie?"]
    store.close()


async def test_stop_undecided_another_action_and_an_unreadable_date(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    ids = _ids(session)
    async with app.run_test(size=(100, 30)) as pilot:
        app.run_session(session)
        await pilot.pause()
        app.show_phase("decide")
        await pilot.pause()
        table = app.screen.query_one(DecideTable)
        await pilot.press("down", "down", "s", "escape")  # stop the least-voted friction; cancel the form
        assert isinstance(app.screen, DecideScreen)
        assert str(table.get_row_at(2)[4]) == "Stoppen" and str(table.get_row_at(2)[5]) == "0 ⚠"
        await pilot.press("up", "u")  # the most-voted friction stays undecided
        await pilot.press("up", "x")  # another action for the goes-well note
        form = app.screen
        assert isinstance(form, ActionForm)
        await pilot.press(*"Lijst", "tab", "tab", *"ooit", "enter", "enter")
        assert app.screen is form  # not saved: the date cannot be read, and it says so
        assert form.query_one("#due", Input).has_focus
        feedback = form.query_one("#due-feedback", Static)
        assert "geen datum die ik kan lezen" in str(feedback.render()) and feedback.has_class("error-text")
        await pilot.press("ctrl+u", *"morgen", "ctrl+s")  # Ctrl+S saves from any field
        assert isinstance(app.screen, DecideScreen)
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    decisions = {n.text: n.decision for n in (*saved.goes_well, *saved.frictions)}
    assert decisions == {"Korte lijnen met de huisarts": None, "Wie regelt de medicatie?": None,
                         "Dossiers sluiten niet aan": "stop"}
    (action,) = saved.actions
    assert (action.what, action.owners, action.due) == ("Lijst", [], TODAY + dt.timedelta(days=1))
    assert action.source_note_id == ids["Korte lijnen met de huisarts"]
    store.close()


async def test_actions_add_edit_delete_and_undo(tmp_path, open_app):
    store, app = open_app()
    session = _session()
    ids = _ids(session)
    operations.add_action(session, "Overdrachtsformulier maken", [ids["Anna"]], dt.date(2026, 12, 6),
                          source_note_id=ids["Dossiers sluiten niet aan"])
    operations.add_action(session, "Medicatierol beleggen")
    async with app.run_test(size=(100, 30)) as pilot:
        app.run_session(session)
        await pilot.pause()
        app.show_phase("actions")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        table = screen.query_one(ActionTable)
        assert table.get_row_at(0)[1].plain == "Anna" and str(table.get_row_at(0)[2]) == "6 december 2026"
        assert str(table.get_row_at(1)[1]) == t("actions.no_owner", "nl")  # a mark and a word, not colour only
        assert str(table.get_row_at(1)[2]) == t("actions.no_due", "nl")
        summary = str(screen.query_one("#actions-summary", Static).render())
        assert "⚠ nog zonder wie of wanneer: 1" in summary

        await pilot.press("down", "e")  # change the second: owner Bram, in 2 weeks
        form = app.screen
        assert isinstance(form, ActionForm)
        assert form.query_one("#what", Input).value == "Medicatierol beleggen"
        await pilot.press("enter", "down", "space", "enter", *"over 2 weken", "enter", "enter")
        assert isinstance(app.screen, ActionsScreen)

        await pilot.press("a", *"Apotheek bellen", "enter", "enter", "enter", "enter")  # a free action: on to Save, saved
        assert len(session.actions) == 3
        await pilot.press("up", "up", "d")  # delete the first...
        assert [a.what for a in session.actions] == ["Medicatierol beleggen", "Apotheek bellen"]
        await pilot.press("ctrl+z")  # ...and bring it back
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    assert [a.what for a in saved.actions] == ["Overdrachtsformulier maken", "Medicatierol beleggen",
                                               "Apotheek bellen"]
    assert saved.actions[0].source_note_id == ids["Dossiers sluiten niet aan"]
    assert saved.actions[1].owners == [ids["Bram"]]
    assert saved.actions[1].due == TODAY + dt.timedelta(weeks=2)
    assert saved.actions[2].source_note_id is None and saved.actions[2].owners == []
    store.close()
