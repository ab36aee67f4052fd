"""The one door to Textual's private parts: each use here, each checked by tests/app/test_compat.py.

Textual is pinned; when an upgrade changes one of these, its test fails with a message naming
what changed, instead of the app failing in a meeting. Nothing else in ``tui`` touches a
private Textual name (tests/app/test_compat.py scans for it); where Textual's public API does
the job, the code uses that instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import TYPE_CHECKING

from textual._two_way_dict import TwoWayDict  # DataTable's row locations
from textual.binding import Binding
from textual.widgets import DataTable, Select
from textual.widgets._select import SelectCurrent, SelectOverlay  # not exported by textual.widgets
from textual.widgets.data_table import CellType, Row, RowKey

if TYPE_CHECKING:
    from textual.app import App, ComposeResult
    from textual.dom import DOMNode

__all__ = [
    "OneLineRowsTable",
    "SelectCurrent",
    "SelectOverlay",
    "bindings_by_key",
    "class_bindings",
    "drop_notifications",
    "fatal_error_without_locals",
    "select_parts",
    "select_value_at",
]

# --- The crash report --------------------------------------------------------------------------

PRIVATE_APP_PARTS = ("_fatal_error", "_exit_renderables", "_close_messages_no_wait")
"""What :func:`fatal_error_without_locals` uses of ``textual.app.App``."""


def fatal_error_without_locals(app: App) -> None:
    """End the app after an unexpected error, printing the traceback WITHOUT local variables.

    Textual's own ``App._fatal_error`` prints every frame's local variables: the notes, names
    and sessions being handled, on a screen that is often a projector. The traceback stays
    (it is what a maintainer needs); the health data in it does not.
    """
    import rich
    from rich.segment import Segments
    from rich.traceback import Traceback

    app.bell()
    traceback = Traceback(show_locals=False, width=None, suppress=[rich])
    app._exit_renderables.append(Segments(app.console.render(traceback, app.console.options)))
    app._close_messages_no_wait()


# --- Notifications -----------------------------------------------------------------------------

PRIVATE_NOTIFICATION_PARTS = ("_notifications", "_unnotify", "_refresh_notifications")
"""What :func:`drop_notifications` uses of ``textual.app.App``."""


def drop_notifications(app: App, severity: str) -> None:
    """Take every notification of ``severity`` off the screen now; the others stay until they time out.

    ``App.clear_notifications`` (public) takes them all, warnings about saving included.
    """
    for notification in list(app._notifications):
        if notification.severity == severity:
            app._unnotify(notification, refresh=False)
    app._refresh_notifications()


# --- Bindings ----------------------------------------------------------------------------------


def bindings_by_key(node: DOMNode) -> dict[str, list[Binding]]:
    """The bindings a mounted node has, by key: Textual's live table, so replacing a list changes them.

    Textual offers the active bindings of the focused chain (``Screen.active_bindings``) but no
    public way to read or change one node's own bindings, which the translated descriptions
    and the F1 help of parts without the focus need.
    """
    return node._bindings.key_to_bindings


def class_bindings(widget_class: type[DOMNode]) -> list[Binding]:
    """Every binding a widget class has, its bases' included, as Textual merges them for a new widget."""
    return [binding for bindings in widget_class._merge_bindings().key_to_bindings.values() for binding in bindings]


# --- Select ------------------------------------------------------------------------------------


def select_parts(select: Select, overlay_class: type[SelectOverlay]) -> ComposeResult:
    """What ``Select.compose`` yields, with the open list made by ``overlay_class`` (a SelectOverlay).

    Select finds its parts by these two classes, which Textual does not export.
    """
    yield SelectCurrent(select.prompt)
    yield overlay_class(type_to_search=select._type_to_search).data_bind(compact=Select.compact)


def select_value_at(select: Select, index: int) -> object:
    """The value of the option at ``index`` of a Select's open list (the blank choice included).

    Select keeps its (prompt, value) pairs in ``_options``, in the order of its list.
    """
    return select._options[index][1]


# --- DataTable ---------------------------------------------------------------------------------


class OneLineRows(Sequence[tuple[RowKey, int]]):
    """Which row each line of a table of one-line rows shows: line y is row y, line 0 of it."""

    def __init__(self, table: DataTable):
        self._table = table

    def __len__(self) -> int:
        return self._table.row_count

    def __getitem__(self, y: int) -> tuple[RowKey, int]:  # type: ignore[override]
        if not 0 <= y < len(self):
            raise IndexError(y)
        return self._table._row_locations.get_key(y), 0

    def clear(self) -> None:
        """Nothing is kept (``DataTable.clear`` clears its own list)."""


PRIVATE_TABLE_PARTS = ("_data", "_row_locations", "_require_update_dimensions", "_update_count",
                       "_highlight_cursor", "_y_offsets")
"""What :class:`OneLineRowsTable` uses of ``textual.widgets.DataTable``."""


class OneLineRowsTable(DataTable[CellType]):
    """A DataTable whose rows are all one line high, filled at once and looked up without a list per line.

    ``DataTable.add_rows`` adds row by row: each re-validates the cursor and each new cell is
    measured when idle; for 100,000 notes that took seconds. ``DataTable`` also rebuilds a
    list of every line after every change (0.35 s for 100,000 notes), where a one-line row
    table can compute the row of a line when asked.
    """

    def fill_at_once(self, rows: Iterable[tuple[str, Sequence[object]]]) -> None:
        """Put keyed rows into the empty table at once: what ``add_row`` does for each row, done once.

        The columns must have their widths already (they are not measured here) and no key may
        repeat (ValueError).
        """
        keys = [column.key for column in self.ordered_columns]
        data = self._data
        table_rows = self.rows
        locations: dict[RowKey, int] = {}
        for index, (item_id, cells) in enumerate(rows):
            row_key = RowKey(item_id)
            if row_key in locations:
                raise ValueError(f"two rows have the key {item_id!r}")
            locations[row_key] = index
            data[row_key] = dict(zip_longest(keys, cells))  # as add_row: missing cells are None
            table_rows[row_key] = Row(row_key, 1)
        if not locations:
            return
        self._row_locations = TwoWayDict(locations)
        self._require_update_dimensions = True  # the virtual size, when idle
        self._update_count += 1
        self.cursor_coordinate = self.cursor_coordinate
        if self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self.refresh()
        self.check_idle()

    @property
    def _y_offsets(self) -> OneLineRows:  # type: ignore[override]
        # DataTable's own version is a list of (row key, line within the row) per line; every
        # row here is one line high, so line y is row y.
        return OneLineRows(self)
