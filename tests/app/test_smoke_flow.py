"""The app end to end by keys: Home -> new session -> setup -> notes, saved in the store."""

from __future__ import annotations

from tui.app.app import TerugblikApp
from tui.core.catalog import load_catalog
from tui.store.records import RecordsStore


def _toasts(app) -> list[str]:
    """The texts of the notifications on screen (found by type name: Textual does not export Toast)."""
    return sorted(str(toast.render()) for toast in app.screen.query("Toast"))


async def _at_phase(app, pilot, session, phase: str) -> None:
    """Run ``session`` and show ``phase``; keys pressed next reach that phase."""
    app.run_session(session)
    await pilot.pause()
    await app.show_phase(phase)


async def test_new_session_setup_goes_well_and_frictions(tmp_path, open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.press(*"Wijkteam Oost", "ctrl+s")
        await pilot.pause()
        assert app.live is not None and app.screen.PHASE == "setup"
        await pilot.press("a")
        await pilot.press(*"Anna", "tab", *"Praktijk De Linde", "ctrl+s")
        await pilot.pause()
        assert [p.name for p in app.live.session.participants] == ["Anna"]
        await pilot.press("ctrl+right")  # check-in
        await pilot.press("ctrl+right")  # goes well
        assert app.screen.PHASE == "goes_well"
        await pilot.press(*"Korte lijnen", "enter", *"We bellen elkaar", "enter")
        await pilot.press(*"Vaste contactpersoon", "enter", "enter")
        await pilot.press("ctrl+right")
        assert app.screen.PHASE == "frictions"
        await pilot.press(*"Dossiers sluiten niet aan", "enter")
        await pilot.press(*"Wie regelt medicatie", "enter")
        await pilot.press("tab", "tab", "plus", "plus", "plus")
        await pilot.pause()
        assert app.autosaver.flush()
        saved = store.get_session(app.live.session.id)
    assert [n.text for n in saved.goes_well] == ["Korte lijnen", "Vaste contactpersoon"]
    assert saved.goes_well[0].why == "We bellen elkaar"
    assert [n.text for n in saved.frictions] == ["Dossiers sluiten niet aan", "Wie regelt medicatie"]
    assert sum(n.votes for n in saved.frictions) == 3
    assert saved.current_phase == "frictions"
    assert saved.phase_seconds.get("goes_well", 0) > 0
    store.close()


async def test_half_typed_note_survives_a_visit_to_another_phase(tmp_path, open_app):
    from tui.core import operations

    store, app = open_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await _at_phase(app, pilot, operations.start_session("Team", "en", "kort"), "goes_well")
        await pilot.press(*"Half a tho")
        await pilot.press("ctrl+right", "ctrl+left")
        await pilot.pause()
        assert app.screen.PHASE == "goes_well"
        await pilot.press(*"ught", "enter", "enter")
        assert app.autosaver.flush()
        assert [n.text for n in store.get_session(app.live.session.id).goes_well] == ["Half a thought"]
    store.close()


async def test_text_that_looks_like_markup_is_shown_as_typed(tmp_path, open_app):
    from tui.app.widgets.note_table import ItemTable
    from tui.core import operations

    store, app = open_app("en")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _at_phase(app, pilot, operations.start_session("Team [b]x[/b]", "en", "kort"), "frictions")
        await pilot.press(*"Werkdruk [overbelast] en [/] haken", "enter")
        await pilot.pause()
        table = app.screen.query_one("#items", ItemTable)
        cell = table.get_row_at(0)[1]
        assert str(cell) == "Werkdruk [overbelast] en [/] haken"
        await pilot.press("tab", "tab", "d")  # the notification quotes the text
        await pilot.pause()
        assert table.row_count == 0
        assert app.autosaver.flush()
        assert store.get_session(app.live.session.id).frictions == []
        shown = _toasts(app)
        assert any("Werkdruk [overbelast] en [/] haken" in text for text in shown), shown
    store.close()


async def test_enter_on_home_resumes_an_unfinished_session(tmp_path):
    from tui.core import operations

    store = RecordsStore.open(tmp_path / "records")
    session = operations.start_session("Team", "en", "kort")
    session.current_phase = "frictions"
    store.save_session(session)
    app = TerugblikApp(store, load_catalog(tmp_path / "none"), "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.live is not None and app.screen.PHASE == "frictions"
    store.close()


async def test_passing_messages_do_not_follow_to_the_next_phase_but_warnings_do(tmp_path, open_app):
    from tui.core import operations

    store, app = open_app("en")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _at_phase(app, pilot, operations.start_session("Team", "en", "kort"), "goes_well")
        app.notify("Deleted: a note (Ctrl+Z brings it back)")
        app.notify("Saving failed", severity="error")
        await pilot.pause()
        assert _toasts(app) == ["Deleted: a note (Ctrl+Z brings it back)", "Saving failed"]
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert app.screen.PHASE == "frictions"
        assert _toasts(app) == ["Saving failed"]
    store.close()


async def test_quitting_keeps_half_typed_notes_on_screen_and_from_other_phases(tmp_path, open_app):
    from tui.core import operations

    store, app = open_app("en")
    session = operations.start_session("Team", "en", "kort")
    async with app.run_test(size=(100, 30)) as pilot:
        await _at_phase(app, pilot, session, "goes_well")
        await pilot.press(*"Kept in waiting")  # typed, never entered, then the lead moves on
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert app.screen.PHASE == "frictions"
        await pilot.press(*"Weekend handover", "enter")  # frictions ask no why: added
        await pilot.press(*"Evening rou")  # the next one half typed
        await pilot.press("ctrl+q", "ctrl+q")  # asked first; Ctrl+Q again says yes
        await pilot.pause()
    saved = store.get_session(session.id)
    assert [n.text for n in saved.frictions] == ["Weekend handover", "Evening rou"]
    assert [(n.text, n.why) for n in saved.goes_well] == [("Kept in waiting", "")]
    store.close()


async def test_quitting_while_asking_why_keeps_the_note_and_its_why(tmp_path, open_app):
    from tui.core import operations

    store, app = open_app("en")
    session = operations.start_session("Team", "en", "kort")
    async with app.run_test(size=(100, 30)) as pilot:
        await _at_phase(app, pilot, session, "goes_well")
        await pilot.press(*"GP calls back within a day", "enter", *"Fixed call-back time")
        await pilot.press("ctrl+q", "ctrl+q")
        await pilot.pause()
    saved = store.get_session(session.id)
    assert [(n.text, n.why) for n in saved.goes_well] == [("GP calls back within a day", "Fixed call-back time")]
    store.close()


async def test_the_why_prompt_keeps_its_hint_whole_however_long_the_note(tmp_path, open_app):
    from textual.widgets import Static

    from tui.core import operations

    store, app = open_app("nl")
    async with app.run_test(size=(100, 30)) as pilot:
        await _at_phase(app, pilot, operations.start_session("Team", "nl", "kort"), "goes_well")
        await pilot.press(*"De huisarts belt binnen een dag terug als de wijkverpleging vragen heeft", "enter")
        await pilot.pause()
        label = app.screen.query_one("#entry-label", Static)
        shown = str(label.render())
        assert "Esc om terug te gaan" in shown and len(shown) <= label.size.width
    store.close()


async def test_enter_on_the_category_goes_back_to_the_note_and_the_list_does_not_wrap(tmp_path, open_app):
    from textual.widgets import Select

    from tui.app.widgets.note_entry import NoteEntry
    from tui.core import operations

    store, app = open_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await _at_phase(app, pilot, operations.start_session("Team", "en", "zorgnetwerk"), "frictions")
        await pilot.press(*"Evening handover")
        category = app.screen.query_one("#category", Select)
        category.focus()
        await pilot.press("space")  # opens the list on the first category
        await pilot.press(*["down"] * 30, "enter")  # stops at the last one, never wraps round to the blank
        await pilot.pause()
        first = category.value
        assert first == app.template.friction_categories[-1]
        await pilot.press("enter")  # on the closed dropdown: back to the note
        await pilot.pause()
        assert isinstance(app.focused, NoteEntry)
        await pilot.press("enter")
        assert app.autosaver.flush()
        saved = store.get_session(app.live.session.id)
    assert [(n.text, n.category) for n in saved.frictions] == [("Evening handover", first)]
    store.close()


async def test_f1_works_in_the_new_session_dialog(tmp_path, open_app):
    from tui.app.screens.help import HelpScreen
    from tui.app.screens.new_session import NewSessionScreen

    store, app = open_app("nl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
    store.close()
