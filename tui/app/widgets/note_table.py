"""A table of notes (or other items) keyed by id, that keeps its cursor across refreshes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from tui.app.bindings import TranslatedBindings


class ItemTable(TranslatedBindings, DataTable[str]):
    """Rows of items, each keyed by the item's id; ``e`` and ``d`` act through the screen."""

    BINDINGS = [
        Binding("e", "screen.edit_selected", "notes.key.edit"),
        Binding("d,delete", "screen.delete_selected", "notes.key.delete"),
    ]

    def __init__(self, columns: Sequence[str], **kwargs: object):
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._columns = list(columns)

    def on_mount(self) -> None:
        self.add_columns(*self._columns)

    @property
    def selected_id(self) -> str | None:
        """The id of the row under the cursor, or None when the table is empty."""
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def show(self, rows: Iterable[tuple[str, Sequence[str]]], select: str | None = None) -> None:
        """Replace the rows; keep the cursor on ``select`` or on the previously selected item."""
        keep = select or self.selected_id
        previous_row = self.cursor_row
        # Cells hold what people typed: never read them as markup ("[/]" would crash).
        prepared = [(item_id, [Text(c) if isinstance(c, str) else c for c in cells]) for item_id, cells in rows]
        # Widths are set here, not left to DataTable's deferred sizing, which can draw a
        # first frame with stale columns; clearing them also lets columns shrink again.
        widths = [cell_len(heading) for heading in self._columns]
        for _, cells in prepared:
            for index, content in enumerate(cells[: len(widths)]):
                widths[index] = max(widths[index], content.cell_len)
        self.clear(columns=True)
        for heading, width in zip(self._columns, widths):
            self.add_column(heading, width=width)
        for item_id, cells in prepared:
            self.add_row(*cells, key=item_id)
        if self.row_count == 0:
            return
        index = min(max(previous_row, 0), self.row_count - 1)
        if keep is not None:
            try:
                index = self.get_row_index(keep)
            except RowDoesNotExist:  # the kept row was deleted: stay near where we were
                pass
        self.move_cursor(row=index, animate=False)


class NoteTable(ItemTable):
    """A table of notes, which can also be merged with ``m``."""

    BINDINGS = [Binding("m", "screen.merge_selected", "notes.key.merge")]
