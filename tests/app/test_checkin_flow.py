"""Check-in by keys: last time's actions reviewed, noted and carried forward; changes added, deleted, undone."""

from __future__ import annotations

import datetime as dt

from tui.app.screens.checkin import ReviewTable
from tui.core import operations
from tui.core.model import Session
from tui.store.records import RecordsStore

TEAM = "Wijkteam Oost"


def _previous(store: RecordsStore) -> Session:
    """A closed earlier session of the team, leaving three actions open."""
    previous = operations.start_session(TEAM, "nl", "zorgnetwerk", date=dt.date(2026, 10, 1))
    anna = operations.add_participant(previous, "Anna", "Huisartsenpraktijk", "gp")
    bob = operations.add_participant(previous, "Bob", "Thuiszorg", "home_care")
    operations.add_action(previous, "Bel de huisarts", [anna.id], dt.date(2026, 10, 15))
    operations.add_action(previous, "Formulier aanpassen", [bob.id, anna.id])
    operations.add_action(previous, "Mantelzorgcafé", [])
    previous.status = "closed"
    store.save_session(previous)
    return previous


async def _open_checkin(app, pilot, session: Session) -> None:
    app.run_session(session)
    await pilot.pause()
    app.show_phase("checkin")
    await pilot.pause()


async def test_reviews_outcomes_notes_and_carry_forward(tmp_path, open_app):
    store, app = open_app()
    previous = _previous(store)
    session = operations.start_session(TEAM, "nl", "zorgnetwerk", previous=previous)
    anna = operations.add_participant(session, "Anna", "Huisartsenpraktijk", "gp")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_checkin(app, pilot, session)
        assert isinstance(app.screen.focused, ReviewTable)
        await pilot.press("1", "c")  # done; carrying a finished action is refused
        await pilot.press("down", "3", "c", "n", *"ICT", "enter")  # not done, carried, with a note
        await pilot.press("down", "2", "c", "4")  # partly and carried, then dropped: no longer carried
        await pilot.press("d")  # a review is not deleted (and no change is either)
        assert isinstance(app.screen.focused, ReviewTable)
        await pilot.press("up", "n", "!", "f8")  # leaving the phase keeps what was typed
        assert app.screen.PHASE == "goes_well"
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    first, second, third = saved.reviews
    assert [r.outcome for r in saved.reviews] == ["done", "not_done", "dropped"]
    assert [r.carried_forward for r in saved.reviews] == [False, True, False]
    assert (first.note, second.note, third.note) == ("", "ICT!", "")
    assert [(a.what, a.carried_from, a.owners) for a in saved.actions] == [
        ("Formulier aanpassen", second.action_id, [anna.id])]
    store.close()


async def test_same_key_again_clears_the_outcome_and_escape_keeps_the_note(tmp_path, open_app):
    store, app = open_app()
    previous = _previous(store)
    session = operations.start_session(TEAM, "nl", "zorgnetwerk", previous=previous)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_checkin(app, pilot, session)
        await pilot.press("2", "n", *"ok", "enter")
        await pilot.press("n", "!", "enter")  # n again adds to the note
        await pilot.press("n", "x", "escape")  # Escape: the saved note stays
        assert isinstance(app.screen.focused, ReviewTable)
        await pilot.press("2")  # the same outcome again: back to not yet discussed
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    assert saved.reviews[0].outcome is None
    assert saved.reviews[0].note == "ok!"
    store.close()


async def test_changes_added_edited_deleted_and_undone(tmp_path, open_app):
    store, app = open_app()
    previous = _previous(store)
    session = operations.start_session(TEAM, "nl", "zorgnetwerk", previous=previous)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_checkin(app, pilot, session)
        await pilot.press("ctrl+n", *"Weg", "enter", *"Nu", "enter")
        await pilot.press("tab", "end")  # to the changes table (on its first row), End: the latest change
        await pilot.press("m")  # changes are not merged: nothing happens
        await pilot.press("d")
        assert app.autosaver.flush()
        assert [c.text for c in store.get_session(session.id).changes] == ["Weg"]
        await pilot.press("ctrl+z")
        assert app.autosaver.flush()
        assert [c.text for c in store.get_session(session.id).changes] == ["Weg", "Nu"]
        await pilot.press("up", "e", "end", "!", "enter")  # e loads the change, selected
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    assert [c.text for c in saved.changes] == ["Weg!", "Nu"]
    assert [r.outcome for r in saved.reviews] == [None, None, None]
    store.close()


async def test_first_session_says_so_and_starts_in_the_changes(tmp_path, open_app):
    store, app = open_app()
    session = operations.start_session(TEAM, "nl", "zorgnetwerk")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_checkin(app, pilot, session)
        assert app.screen.query_one("#no-reviews").display
        assert not app.screen.query_one(ReviewTable).display
        await pilot.press(*"Nieuw team", "enter")
        assert app.autosaver.flush()
        saved = store.get_session(session.id)
    assert [c.text for c in saved.changes] == ["Nieuw team"]
    store.close()
