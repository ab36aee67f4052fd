"""Each private Textual part that tui/app/compat.py uses still exists and does what we rely on.

A failure here means a Textual upgrade changed one of them: the message names the part, and
tui/app/compat.py is the one place to follow the change.
"""

from __future__ import annotations

import asyncio
import dataclasses
from importlib.metadata import version

import pytest
from rich.console import Console
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Select, Static

from tui.app.compat import (
    PRIVATE_APP_PARTS,
    PRIVATE_NOTIFICATION_PARTS,
    PRIVATE_TABLE_PARTS,
    OneLineRowsTable,
    SelectCurrent,
    SelectOverlay,
    bindings_by_key,
    class_bindings,
    drop_notifications,
    fatal_error_without_locals,
    select_parts,
    select_value_at,
)

TEXTUAL = version("textual")


def changed(what: str) -> str:
    """The message of a failing check: which part changed, and where to follow it."""
    return f"Textual {TEXTUAL} changed {what}: see tui/app/compat.py"


def _has(cls: type, name: str) -> bool:
    """Whether ``cls`` has ``name`` as a class attribute or sets it in ``__init__``."""
    return hasattr(cls, name) or name in cls.__init__.__code__.co_names


# --- The crash report --------------------------------------------------------------------------


@pytest.mark.parametrize("name", PRIVATE_APP_PARTS)
def test_the_private_app_parts_still_exist(name):
    assert _has(App, name), changed(f"App.{name} (the crash report)")


class _Failing(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("x")

    def on_mount(self) -> None:
        secret_note = " ".join(["mevrouw", "De Boer", "valt vaak"])  # noqa: F841 - a local the traceback must not show
        raise RuntimeError("boom")

    def _fatal_error(self) -> None:
        fatal_error_without_locals(self)


class _Default(_Failing):
    _fatal_error = App._fatal_error


def _crash_report(app_class: type[App]) -> str:
    app = app_class()
    printed: list = []
    app._print_error_renderables = lambda: printed.extend(app._exit_renderables)  # what would reach the screen

    async def run() -> None:
        with pytest.raises(RuntimeError):
            async with app.run_test():
                pass

    asyncio.run(run())
    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    for renderable in printed:
        console.print(renderable)
    return console.export_text()


def test_a_crash_report_shows_the_error_but_no_local_variables():
    report = _crash_report(_Failing)
    assert "RuntimeError" in report and "boom" in report, changed("App._fatal_error / _exit_renderables")
    assert "mevrouw De Boer" not in report


def test_textual_s_own_crash_report_would_show_them():
    """The reason for the override: without it, the note on the projector."""
    assert "mevrouw De Boer" in _crash_report(_Default)


# --- Notifications -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", PRIVATE_NOTIFICATION_PARTS)
def test_the_private_notification_parts_still_exist(name):
    assert _has(App, name), changed(f"App.{name} (notifications)")


class _Plain(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("x")


def _toasts(app: App) -> list[str]:
    """The texts of the notifications on screen (by type name: Textual does not export Toast)."""
    return sorted(str(toast.render()) for toast in app.screen.query("Toast"))


async def test_dropping_one_severity_keeps_the_others_on_screen():
    app = _Plain()
    async with app.run_test(notifications=True) as pilot:
        app.notify("passing")
        app.notify("careful", severity="warning")
        app.notify("failed", severity="error")
        await pilot.pause()
        assert _toasts(app) == ["careful", "failed", "passing"]
        drop_notifications(app, "information")
        await pilot.pause()
        assert _toasts(app) == ["careful", "failed"], changed("App._unnotify / _refresh_notifications")


# --- Bindings ----------------------------------------------------------------------------------


class _Keyed(Static, can_focus=True):
    BINDINGS = [Binding("x", "app.bell", "Do x")]


class _KeyedApp(App[None]):
    def compose(self) -> ComposeResult:
        yield _Keyed("keyed")


async def test_bindings_by_key_is_the_live_table_of_a_node():
    app = _KeyedApp()
    async with app.run_test() as pilot:
        keyed = app.query_one(_Keyed)
        keyed.focus()
        await pilot.pause()
        table = bindings_by_key(keyed)
        assert [b.description for b in table["x"]] == ["Do x"], changed("DOMNode._bindings.key_to_bindings")
        table["x"] = [dataclasses.replace(binding, description="Doe x") for binding in table["x"]]
        assert app.active_bindings["x"].binding.description == "Doe x", changed(
            "DOMNode._bindings (a changed binding no longer reaches the active bindings)")


def test_class_bindings_are_the_bindings_a_new_widget_has():
    merged = [(b.key, b.action, b.description) for b in class_bindings(DataTable)]
    own = [(b.key, b.action, b.description) for bindings in bindings_by_key(DataTable()).values() for b in bindings]
    assert merged == own, changed("DOMNode._merge_bindings")
    assert ("enter", "select_cursor") in {(key, action) for key, action, _ in merged}


# --- Select ------------------------------------------------------------------------------------


class _OwnList(SelectOverlay):
    pass


class _OwnSelect(Select[int]):
    def compose(self) -> ComposeResult:
        yield from select_parts(self, _OwnList)


class _SelectApp(App[None]):
    def __init__(self, type_to_search: bool = False):
        super().__init__()
        self.type_to_search = type_to_search

    def compose(self) -> ComposeResult:
        yield Select([("een", 1), ("twee", 2)], id="plain")
        yield _OwnSelect([("een", 1), ("twee", 2)], id="own", type_to_search=self.type_to_search)


async def test_a_select_is_made_of_the_parts_select_parts_yields():
    app = _SelectApp()
    async with app.run_test():
        plain = app.query_one("#plain", Select)
        assert [type(part) for part in plain.children] == [SelectCurrent, SelectOverlay], changed("Select.compose")
        own = app.query_one("#own", Select)
        assert [type(part) for part in own.children] == [SelectCurrent, _OwnList]


@pytest.mark.parametrize(("type_to_search", "picked"), [(False, 2), (True, 1)])
async def test_a_select_with_its_own_list_works_as_a_select(type_to_search, picked):
    app = _SelectApp(type_to_search)
    async with app.run_test() as pilot:
        own = app.query_one("#own", Select)
        own.focus()
        await pilot.press("enter")  # opens the list, on the blank choice
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert own.value == 2, changed("Select and its SelectOverlay (a list of our own class is not used)")
        await pilot.press("enter", "e", "enter")  # typing "e" finds "een" only when type_to_search is on
        await pilot.pause()
        assert own.value == picked, changed("SelectOverlay(type_to_search=...)")


async def test_select_value_at_is_the_value_of_that_line_of_the_open_list():
    app = _SelectApp()
    async with app.run_test() as pilot:
        own = app.query_one("#own", Select)
        own.focus()
        await pilot.press("enter", "down", "down")  # the blank choice, een, twee
        await pilot.pause()
        highlighted = own.query_one(_OwnList).highlighted
        assert highlighted == 2 and select_value_at(own, highlighted) == 2, changed("Select._options")
        assert select_value_at(own, 0) is Select.NULL and select_value_at(own, 1) == 1


# --- DataTable ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PRIVATE_TABLE_PARTS)
def test_the_private_table_parts_still_exist(name):
    assert _has(DataTable, name), changed(f"DataTable.{name}")


class _Tables(App[None]):
    def compose(self) -> ComposeResult:
        yield OneLineRowsTable(id="at-once")
        yield DataTable(id="row-by-row")


ROWS = [(f"id-{n}", [f"note {n}", str(n % 7)]) for n in range(60)]


async def test_a_table_filled_at_once_is_the_table_add_row_makes():
    app = _Tables()
    async with app.run_test(size=(80, 30)) as pilot:
        at_once = app.query_one("#at-once", OneLineRowsTable)
        row_by_row = app.query_one("#row-by-row", DataTable)
        for table in (at_once, row_by_row):
            table.add_column("Note", width=10)
            table.add_column("Votes", width=5)
        at_once.fill_at_once(ROWS)
        for key, cells in ROWS:
            row_by_row.add_row(*cells, key=key)
        await pilot.pause()
        what = changed("DataTable's rows (_data, _row_locations, _update_count)")
        assert at_once.row_count == row_by_row.row_count == len(ROWS), what
        assert [at_once.get_row_at(i) for i in range(len(ROWS))] == [row_by_row.get_row_at(i) for i in range(len(ROWS))]
        assert [at_once.get_row_index(key) for key, _ in ROWS] == list(range(len(ROWS))), what
        assert at_once.virtual_size == row_by_row.virtual_size, changed("DataTable._require_update_dimensions")
        assert list(at_once._y_offsets) == row_by_row._y_offsets, changed("DataTable._y_offsets")
        at_once.move_cursor(row=42, animate=False)
        await pilot.pause()
        assert at_once.coordinate_to_cell_key(at_once.cursor_coordinate).row_key.value == "id-42"
        at_once.add_row("late", "0", key="late")  # Textual's own add_row goes on from the filled rows
        assert at_once.get_row_index("late") == len(ROWS), what


async def test_filling_at_once_refuses_a_repeated_key():
    app = _Tables()
    async with app.run_test():
        table = app.query_one("#at-once", OneLineRowsTable)
        table.add_column("Note", width=10)
        with pytest.raises(ValueError, match="two rows have the key"):
            table.fill_at_once([("a", ["x"]), ("a", ["y"])])
