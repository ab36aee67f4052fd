"""Widgets of the Compare screen: the team list and the tables of figures."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from tui.app.bindings import TranslatedBindings
from tui.app.compat import class_bindings
from tui.app.safe import plain
from tui.app.widgets.marked_checkbox import MarkedSelectionList

Row = tuple[str, Sequence[str | Text]]
"""A table row: its key (a session id where the row is one session) and its cells."""

MAX_COLUMN_WIDTH = 40
"""Longer cells (a friction, a rationale) are cut off; the line below the table shows them whole."""


class TeamList(MarkedSelectionList):
    """The teams to compare; a chosen team shows ✔, a left-out one an empty box (not colour alone)."""


def _without_descriptions(widget: type[DataTable]) -> list[Binding]:
    """A widget's own bindings with their (English, untranslated) descriptions taken off."""
    return [dataclasses.replace(binding, description="", tooltip="")
            for binding in class_bindings(widget)]


class FiguresTable(TranslatedBindings, DataTable[str]):
    """A table of figures; Enter on a row that is a session opens its minutes.

    DataTable's own keys are kept but lose their descriptions, so F1 lists only ours.
    """

    inherit_bindings = False
    BINDINGS = [
        *(binding for binding in _without_descriptions(DataTable) if binding.key != "enter"),
        Binding("enter", "select_cursor", "compare_app.key.open_row", show=False),
    ]

    def __init__(self, table_id: str):
        super().__init__(id=table_id, cursor_type="row", zebra_stripes=True, classes="figures")

    @property
    def selected_key(self) -> str | None:
        """The key of the row under the cursor, or None when the table is empty."""
        if self.row_count == 0:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value


def fill(table: FiguresTable, columns: Sequence[str], rows: Iterable[Row]) -> None:
    """Replace a table's rows, keeping the cursor on the same row when it is still there."""
    keep = table.selected_key
    # Cells hold what people typed (team names, frictions): never read them as markup.
    texts = [(key, [plain(cell, one_line=True) if isinstance(cell, str) else cell for cell in cells])
             for key, cells in rows]
    table.clear(columns=True)
    # Fixed column widths, measured here: a width measured later (when Textual is idle) could
    # leave lines drawn in between with the old, narrower columns (seen with textual 8.2.8).
    for index, heading in enumerate(columns):
        width = max([cell_len(heading), *(cells[index].cell_len for _, cells in texts)])
        table.add_column(plain(heading, one_line=True), width=min(width, MAX_COLUMN_WIDTH))
    for key, cells in texts:
        table.add_row(*cells, key=key)  # safe-text: made with plain() above
    if keep is not None and table.row_count:
        try:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        except RowDoesNotExist:
            pass
