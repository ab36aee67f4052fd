"""Where the keys of a notes table act: the row under the cursor must never surprise the lead."""

from __future__ import annotations

from rich.color import Color

from tui.app.widgets.note_table import ItemTable
from tui.core import operations


async def _frictions(app, pilot, texts: list[str]):
    session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
    app.run_session(session)
    await pilot.pause()
    await app.show_phase("frictions")
    await pilot.pause()
    for text in texts:
        await pilot.press(*text, "enter")
    await pilot.pause()
    return app.screen.query_one("#items", ItemTable)


async def test_entering_the_table_selects_the_first_row_not_the_last_added(open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _frictions(app, pilot, ["Een", "Twee", "Drie"])
        await pilot.press("tab", "tab")  # past the category, into the table
        assert table.has_focus
        await pilot.press("plus")
        await pilot.pause()
        assert [n.votes for n in app.live.session.frictions] == [1, 0, 0]


async def test_coming_back_to_the_table_selects_the_row_last_touched(open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _frictions(app, pilot, ["Een", "Twee", "Drie"])
        await pilot.press("tab", "tab", "down", "plus")  # a vote on "Twee"
        await pilot.press("shift+tab", "shift+tab", *"Vier", "enter")  # a new friction meanwhile
        await pilot.press("tab", "tab", "plus")  # back in the table: still "Twee"
        await pilot.pause()
        assert [n.votes for n in app.live.session.frictions] == [0, 2, 0, 0]
        assert table.selected_id == app.live.session.frictions[1].id


async def test_home_and_end_go_to_the_first_and_last_row(open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _frictions(app, pilot, ["Een", "Twee", "Drie", "Vier"])
        await pilot.press("tab", "tab", "end")
        assert table.cursor_row == 3
        await pilot.press("home")
        assert table.cursor_row == 0
        assert table.scroll_x == 0


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: Color, b: Color) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_selected_row_stands_out_in_the_light_theme_also_without_focus(open_app):
    store, app = open_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "textual-light"
        table = await _frictions(app, pilot, ["Een", "Twee"])
        assert not table.has_focus  # the entry line has it, as while typing
        cursor = table.get_component_rich_style("datatable--cursor")
        rows = [table.get_component_rich_style(name) for name in ("datatable--odd-row", "datatable--even-row")]
        background = table.rich_style.bgcolor
        assert cursor.bold
        for row in rows:
            assert _contrast(cursor.bgcolor, row.bgcolor or background) >= 2.5
        assert _contrast(cursor.bgcolor, cursor.color) >= 4.5  # its text stays readable
