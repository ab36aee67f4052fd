"""F1 while typing a note also lists the table's keys (edit, delete, vote, sort), as a group of their own."""

from __future__ import annotations

from textual.widgets import DataTable

from tui.app.app import TerugblikApp
from tui.app.screens.help import HelpScreen
from tui.app.widgets.note_entry import NoteEntry
from tui.core import operations
from tui.core.catalog import load_catalog
from tui.core.i18n import t
from tui.store.records import RecordsStore


def _actions(table: DataTable) -> list[str]:
    return [str(table.get_row_at(row)[1]) for row in range(table.row_count)]


async def test_f1_in_the_entry_line_lists_the_table_keys_separately(tmp_path):
    for lang in ("nl", "en"):
        store = RecordsStore.open(tmp_path / lang / "records")
        app = TerugblikApp(store, load_catalog(tmp_path / "no-user-templates"), lang)
        app.animation_level = "none"
        session = operations.start_session("Wijkteam Oost", lang, "zorgnetwerk")
        operations.add_participant(session, "Anna", "", "gp")
        operations.add_friction(session, "Wie regelt de medicatie?")
        async with app.run_test(size=(100, 30)) as pilot:
            app.run_session(session)
            await pilot.pause()
            app.show_phase("frictions")
            await pilot.pause()
            assert isinstance(app.focused, NoteEntry) or app.focused.parent is app.screen.query_one(NoteEntry)
            await pilot.press("f1")
            await pilot.pause()
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen)
            here = _actions(help_screen.query_one("#help-keys", DataTable))
            elsewhere = _actions(help_screen.query_one("#help-other-keys", DataTable))
            table_keys = [t(key, lang) for key in ("notes.key.edit", "notes.key.delete", "notes.key.merge",
                                                   "frictions.key.vote_up", "frictions.key.vote_down",
                                                   "frictions.key.sort")]
            assert all(text in elsewhere for text in table_keys), elsewhere
            assert not set(table_keys) & set(here)  # not where the cursor is
            assert t("phase.key.next", lang) in here and t("phase.key.next", lang) not in elsewhere
            assert help_screen.query_one("#help-elsewhere").display
        store.close()
