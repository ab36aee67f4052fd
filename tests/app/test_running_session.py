"""The running session's controller is the one way in: a change made through it, as a member's
device would make it, shows on the phase screen the lead is looking at."""

from __future__ import annotations

from textual import events
from textual.widgets import Static

from tui.app.widgets.note_entry import NoteEntry
from tui.app.widgets.note_table import ItemTable
from tui.core import operations


async def test_a_change_from_a_device_appears_on_the_running_phase(open_app):
    store, app = open_app()
    session = operations.start_session("Team", "en", "kort")
    operations.add_participant(session, "Anna", "Praktijk", "gp")
    operations.add_goes_well(session, "Here already", "")
    session.current_phase = "goes_well"
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_session(session)
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#items", ItemTable)
        await pilot.press(*"Half typed")
        assert [row.key.value for row in table.ordered_rows] == [session.goes_well[0].id]

        note = app.running.apply("device-1", operations.add_goes_well, "From a phone", "why not", None)
        await pilot.pause()
        assert app.screen is screen
        assert [row.key.value for row in table.ordered_rows] == [session.goes_well[0].id, note.id]
        assert "From a phone" in str(table.get_row(note.id)[0])
        assert "2" in str(screen.query_one("#entry-label", Static).render())
        assert screen.query_one(NoteEntry).value == "Half typed", "what the lead was typing stays"
        assert app.autosaver.flush()
    assert [n.text for n in store.get_session(session.id).goes_well] == ["Here already", "From a phone"]


async def test_phase_keys_move_through_messages_and_home_lists_the_latest_state(open_app):
    store, app = open_app()
    session = operations.start_session("Team", "en", "kort")
    operations.add_participant(session, "Anna", "Praktijk", "gp")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_session(session)
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert app.screen.PHASE == "checkin" and app.running.phase == "checkin"
        app.screen.post_message(app.screen.Move(phase="frictions"))
        await pilot.pause()
        assert app.screen.PHASE == "frictions" and session.current_phase == "frictions"
        await pilot.press(*"Unfinished")
        await app.screen.run_action("home")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen" and app.running is None
        assert [s.current_phase for s in app.screen.summaries] == ["frictions"]
        assert app.autosaver.flush()
    assert [n.text for n in store.get_session(session.id).frictions] == ["Unfinished"]


async def test_keys_queued_behind_a_phase_move_reach_the_new_phase(open_app):
    """Typed fast (or pasted), keys already wait behind F8: they are typed into the next phase, in order."""
    _, app = open_app()
    session = operations.start_session("Team", "en", "kort")
    operations.add_participant(session, "Anna", "Praktijk", "gp")
    session.current_phase = "checkin"
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_session(session)
        await pilot.pause()
        for key in ("f8", "x", "f8", "y", "z"):
            app.post_message(events.Key(key, None if key == "f8" else key))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.PHASE == "frictions"
        assert app.screen.query_one(NoteEntry).value == "yz"
        assert app.running.drafts == {"goes_well": (None, "x")}, "x went to the phase between"
