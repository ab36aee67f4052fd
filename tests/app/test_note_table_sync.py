"""The notes tables updated row by row stay equal to a full redraw from the session.

Adding, editing and voting touch one row (``ItemTable.put``); deleting, merging, undo and
sorting redraw the table (``ItemTable.show``). After every step the table must hold the
session's items, in order, with the cells and column widths a full redraw would give.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import DataTable

from tui.app.widgets.note_table import ItemTable
from tui.core import operations


def assert_table_is_the_session(screen) -> None:
    """The table, row by row and column by column, as a full redraw from the session draws it."""
    table = screen.query_one("#items", ItemTable)
    items = screen.items()
    expected = [(item.id, [str(cell) for cell in screen.cells(item)]) for item in items]
    shown = [(row.key.value, [str(cell) for cell in table.get_row(row.key)]) for row in table.ordered_rows]
    assert shown == expected
    widths = [max([cell_len(heading), *(cell_len(cells[i]) for _, cells in expected)])
              for i, heading in enumerate(screen.columns())]
    assert [column.width for column in table.ordered_columns] == widths
    assert str(len(items)) in str(screen.query_one("#entry-label").render())


async def test_goes_well_table_follows_add_edit_delete_and_undo(tmp_path, open_app):
    store, app = open_app()
    session = operations.start_session("Team", "en", "kort")
    operations.add_participant(session, "Anna", "Praktijk", "gp")
    for number in range(30):
        operations.add_goes_well(session, f"Note {number}", "because" if number % 2 else "")
    session.current_phase = "goes_well"
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_session(session)
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#items", ItemTable)
        assert_table_is_the_session(screen)

        await pilot.press(*"Short", "enter", *"Why", "enter")  # no column widens: one row added
        await pilot.pause()
        assert_table_is_the_session(screen)
        assert table.selected_id == session.goes_well[-1].id and table.cursor_row == 30

        await pilot.press(*"A note longer than any other in this table", "enter", "enter")  # widens
        await pilot.pause()
        assert_table_is_the_session(screen)
        assert table.selected_id == session.goes_well[-1].id

        await pilot.press("tab", "tab", "ctrl+home", "down", "down", "e")  # edit the third note
        await pilot.pause()
        third = session.goes_well[2]
        await pilot.press("ctrl+u", *"Edited", "enter", "ctrl+u", *"new why", "enter")
        await pilot.pause()
        assert (third.text, third.why) == ("Edited", "new why")
        assert_table_is_the_session(screen)
        assert table.selected_id == third.id and table.cursor_row == 2

        await pilot.press("tab", "tab", "ctrl+end", "e")  # the widest note made short: the column narrows
        await pilot.pause()
        await pilot.press("ctrl+u", *"Tiny", "enter", "enter")
        await pilot.pause()
        assert session.goes_well[-1].text == "Tiny"
        assert_table_is_the_session(screen)

        await pilot.press("tab", "tab", "ctrl+home", "d")  # delete the first note
        await pilot.pause()
        assert len(session.goes_well) == 31
        assert_table_is_the_session(screen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(session.goes_well) == 32
        assert_table_is_the_session(screen)

        await pilot.press("m", "down", "m")  # merge the first note into the second
        await pilot.pause()
        assert len(session.goes_well) == 31
        assert_table_is_the_session(screen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert_table_is_the_session(screen)

        await pilot.press("ctrl+n", *"After undo", "enter", "enter")
        await pilot.pause()
        assert session.goes_well[-1].text == "After undo"
        assert_table_is_the_session(screen)
        assert table.selected_id == session.goes_well[-1].id
    app.autosaver.close(timeout=5)
    store.close()


async def test_friction_table_follows_votes_sorting_and_added_notes(tmp_path, open_app):
    store, app = open_app()
    session = operations.start_session("Team", "en", "kort")
    for number in range(12):
        operations.add_friction(session, f"Friction {number}")
    session.current_phase = "frictions"
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_session(session)
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#items", ItemTable)
        await pilot.press("tab", "tab", "down", "plus", "plus", "down", "plus")
        await pilot.pause()
        assert [n.votes for n in session.frictions[:3]] == [0, 2, 1]
        assert_table_is_the_session(screen)

        await pilot.press("s", "plus", "plus")  # sorted by votes: the order follows them
        await pilot.pause()
        assert_table_is_the_session(screen)
        assert table.cursor_row == 0 and session.frictions[2].votes == 3

        await pilot.press("ctrl+n", *"New friction", "enter")  # no votes yet: last, also when sorted
        await pilot.pause()
        assert_table_is_the_session(screen)
        assert table.selected_id == session.frictions[-1].id and table.cursor_row == 12

        await pilot.press("s", "ctrl+n", *"Another one", "enter")
        await pilot.pause()
        assert_table_is_the_session(screen)
    app.autosaver.close(timeout=5)
    store.close()


class Tables(App[None]):
    """Two item tables: one filled by ``show``, one the plain way, row by row."""

    lang = "en"

    def compose(self) -> ComposeResult:
        yield ItemTable(["Note", "Why"], id="shown")
        yield ItemTable(["Note", "Why"], id="added")


async def test_filling_at_once_draws_what_adding_row_by_row_draws():
    rows = [(f"n{number}", [f"Note [b]{number}[/b]", "—" if number % 3 else "why"]) for number in range(60)]
    app = Tables()
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.pause()
        shown = app.query_one("#shown", ItemTable)
        added = app.query_one("#added", ItemTable)
        shown.show(rows, select="n45")
        added.clear(columns=True)
        for index, heading in enumerate(["Note", "Why"]):
            added.add_column(heading, width=max(cell_len(text) for text in [heading, *(c[index] for _, c in rows)]))
        for key, cells in rows:
            added.add_row(*(shown.get_row(key)), key=key)
        added.move_cursor(row=45, animate=False)
        await pilot.pause()
        assert shown.virtual_size == added.virtual_size and shown.row_count == added.row_count == 60
        assert shown.cursor_coordinate == added.cursor_coordinate and shown.scroll_offset == added.scroll_offset
        assert [row.key for row in shown.ordered_rows] == [row.key for row in added.ordered_rows]
        width = shown.size.width
        for y in range(shown.size.height):
            region = Region(0, y, width, 1)
            assert shown.render_lines(region)[0].text == added.render_lines(region)[0].text
        assert str(shown.get_row("n1")[0]) == "Note [b]1[/b]"  # typed text, never markup
        assert isinstance(shown, DataTable)


async def test_the_why_label_quotes_text_that_looks_like_markup_as_typed(tmp_path, open_app):
    store, app = open_app()
    session = operations.start_session("Team", "en", "kort")
    session.current_phase = "goes_well"
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_session(session)
        await pilot.pause()
        await pilot.press(*"Werkdruk [/] en [b]", "enter")  # "[/]" read as markup used to crash the app
        await pilot.pause()
        assert "“Werkdruk [/] en [b]”" in str(app.screen.query_one("#entry-label").render())
        await pilot.press(*"Daarom", "enter")
        await pilot.pause()
        assert [(n.text, n.why) for n in session.goes_well] == [("Werkdruk [/] en [b]", "Daarom")]
        assert_table_is_the_session(app.screen)
    app.autosaver.close(timeout=5)
    store.close()


async def test_fitting_a_table_cuts_with_an_ellipsis_and_sizes_columns_as_measuring_would():
    """The widths :meth:`ItemTable.show` derives after cutting hold every cut cell, and the table fits its room."""
    from textual.app import App

    from tui.app.widgets.note_table import ItemTable, PlainCell

    class One(App):
        lang = "nl"

        def compose(self):
            yield ItemTable(["Notitie", "Wanneer klaar", "Door"])

    rows = [("a", ["Een heel lange notitie over de samenwerking in de wijk", "2 februari 2027", "Anna"]),
            ("b", ["Kort", "—", "Zoë van den Berg-Hoogendijk"]),
            ("c", ["日本語のとても長いメモです、全部は入りません", "vrijdag", "Bo"])]
    async with One().run_test(size=(60, 10)) as pilot:
        table = pilot.app.query_one(ItemTable)
        table.show(rows, room=50)
        shown = [[str(cell) for cell in table.get_row(key)] for key in ("a", "b", "c")]
        assert shown[0][0].endswith("…") and shown[2][0].endswith("…")
        derived = [max(counts) for counts in table._widths]
        measured = [max(PlainCell(heading).cell_len, *(PlainCell(row[i]).cell_len for row in shown))
                    for i, heading in enumerate(["Notitie", "Wanneer klaar", "Door"])]
        assert all(d >= m for d, m in zip(derived, measured))  # every cell fits its column
        assert all(not cell.endswith(" …") for row in shown for cell in row)  # no space before the "…"
        assert sum(derived) + 2 * len(derived) <= 50
