"""A table of notes (or other items) keyed by id, that keeps its cursor across refreshes.

A session can hold a great many notes (an import of 100,000 was tried), so the table is
filled in one pass rather than row by row, and adding or editing one item touches only
its own row: see :meth:`ItemTable.show` and :meth:`ItemTable.put`. The one-pass fill and
the line lookup are :class:`tui.app.compat.OneLineRowsTable` (``DataTable`` internals of the
pinned Textual version); ``tests/app/test_note_table_sync.py`` checks them against adding
rows one by one.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.widgets.data_table import RowDoesNotExist

from tui.app.bindings import TranslatedBindings
from tui.app.compat import OneLineRowsTable
from tui.app.safe import plain, shown

Cells = Sequence["str | Text"]


class PlainCell:
    """Typed text in a cell: shown as typed, never read as markup ("[/]" would crash).

    ``plain`` is the text as shown: one line, terminal and bidi controls made visible
    (:func:`tui.app.safe.shown`), so its width is the width on screen.

    It becomes Rich ``Text`` only when drawn, so a table of 100,000 notes does not make
    300,000 ``Text`` objects up front (only the rows on screen are ever drawn).
    """

    __slots__ = ("plain",)

    def __init__(self, plain: str):
        self.plain = plain

    def __rich__(self) -> Text:
        return Text(self.plain, end="")  # safe-text: plain was made safe by _prepared

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"PlainCell({self.plain!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlainCell) and other.plain == self.plain

    def __hash__(self) -> int:
        return hash(self.plain)

    @property
    def cell_len(self) -> int:
        """Columns the text takes on screen."""
        return cell_len(self.plain)


Cell = PlainCell | Text


def _prepared(cells: Cells) -> list[Cell]:
    return [PlainCell(shown(c, one_line=True)) if isinstance(c, str) else c for c in cells]


CELL_PADDING = 2
"""Columns a DataTable adds around each cell (one on either side)."""

LEAST_WIDTH = 12
"""A column is not narrowed below this (or its own width, when smaller) to make a table fit."""


def fit_widths(natural: Sequence[int], room: int, least: int = LEAST_WIDTH) -> list[int]:
    """Column widths that fit ``room`` (text only, padding excluded): the widest columns give way first.

    The one rule for tables of typed text on a narrow screen: columns that fit keep their
    width; otherwise the widest are narrowed to a common width, so a long note and a long
    why share the room and a short column (votes, a date) is never touched. No column goes
    below ``least`` (or its own width); when even that does not fit, the table scrolls.
    """
    widths = list(natural)
    if sum(widths) <= room:
        return widths
    floors = [min(width, least) for width in widths]
    # The common width ``level`` that the widest columns are narrowed to: the largest that fits.
    low, high = 0, max(widths)
    while low < high:
        level = (low + high + 1) // 2
        if sum(max(floor, min(width, level)) for width, floor in zip(widths, floors)) <= room:
            low = level
        else:
            high = level - 1
    return [max(floor, min(width, low)) for width, floor in zip(widths, floors)]


def cut(cell: Cell, width: int) -> Cell:
    """A cell shortened to at most ``width`` columns, ending in "…" when cut (typed text only; styled cells stay)."""
    if not isinstance(cell, PlainCell):
        return cell
    text = cell.plain
    if text.isascii():  # one column per character: no need to measure (most notes; 100,000 of them add up)
        return cell if len(text) <= width else PlainCell(text[: max(0, width - 1)].rstrip() + "…")
    if cell_len(text) <= width:
        return cell
    return PlainCell(set_cell_size(text, max(0, width - 1)).rstrip() + "…")


class ItemTable(TranslatedBindings, OneLineRowsTable[str]):
    """Rows of items, each keyed by the item's id; ``e`` and ``d`` act through the screen.

    The keys act on the row under the cursor, so where the cursor is must never surprise:
    entering the table (Tab, a click, coming back from a dialog) puts it on the row the lead
    last moved to or acted on inside the table, or on the first row, never on whichever row
    was added last while the lead typed in the entry line. Home and End go to the first and
    last row (a table of notes is never scrolled sideways). The cursor row is drawn bold on
    a strong background also while the table has no focus (see ``phases.tcss``).
    """

    BINDINGS = [
        Binding("e", "screen.edit_selected", "notes.key.edit"),
        Binding("d,delete", "screen.delete_selected", "notes.key.delete"),
        Binding("home", "scroll_top", "table.key.first", show=False),
        Binding("end", "scroll_bottom", "table.key.last", show=False),
    ]

    def __init__(self, columns: Sequence[str], **kwargs: object):
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._columns = list(columns)
        self._widths: list[Counter[int]] = []
        """Per column: how many cells have each width (the headings included), to size it."""
        self.touched: str | None = None
        """The id of the row the cursor was last on while the table had focus."""
        self._limits: list[int] | None = None
        """Per column, the most columns a cell may take (see :func:`fit_widths`); None: no limit."""

    def on_mount(self) -> None:
        self.add_columns(*(plain(heading) for heading in self._columns))

    def on_focus(self) -> None:
        """Entering the table: the cursor goes to the row last touched in it, else the first row."""
        if self.row_count == 0:
            return
        index = 0
        if self.touched is not None and self.touched in self.rows:
            index = self.get_row_index(self.touched)
        self.move_cursor(row=index, animate=False)
        self.touched = self.selected_id

    def watch_cursor_coordinate(self, old: object, new: object) -> None:
        super().watch_cursor_coordinate(old, new)
        if self.has_focus:
            self.touched = self.selected_id

    @property
    def selected_id(self) -> str | None:
        """The id of the row under the cursor, or None when the table is empty."""
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def show(self, rows: Iterable[tuple[str, Cells]], select: str | None = None, room: int | None = None) -> None:
        """Replace the rows; keep the cursor on ``select`` or on the previously selected item.

        With ``room`` (the table's width on screen), columns that would not fit are narrowed by
        :func:`fit_widths` and their longer cells end in "…": nothing is cut at the table's edge.
        """
        # Hundreds of thousands of small objects are made here: the cycle collector would
        # walk all of them over and over meanwhile (it cost as much as the filling itself).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._show(rows, select, room)
        finally:
            if collecting:
                gc.enable()

    def _measure(self, prepared: list[tuple[str, list[Cell]]]) -> None:
        self._widths = []
        for index, heading in enumerate(self._columns):
            texts = Counter(cells[index].plain for _, cells in prepared if index < len(cells))
            widths = Counter({cell_len(heading): 1})
            for text, count in texts.items():  # many cells repeat ("—", "Keep"): measured once
                widths[cell_len(text)] += count
            self._widths.append(widths)

    def _show(self, rows: Iterable[tuple[str, Cells]], select: str | None, room: int | None) -> None:
        keep = select or self.selected_id
        previous_row = self.cursor_row
        prepared = [(item_id, _prepared(cells)) for item_id, cells in rows]
        self._measure(prepared)
        self._limits = None
        if room is not None:
            natural = [max(counts) for counts in self._widths]
            limits = fit_widths(natural, room - CELL_PADDING * len(natural))
            if limits != natural:
                self._limits = limits
                narrowed = [index for index, (limit, width) in enumerate(zip(limits, natural)) if limit < width]
                for _, cells in prepared:
                    for index in narrowed:
                        if index < len(cells):
                            cells[index] = cut(cells[index], limits[index])
                # A cut cell is at most as wide as its column's limit: the widths follow without measuring
                # again (the heading, never cut, keeps its own; a column may keep a column to spare).
                for index in narrowed:
                    heading = cell_len(self._columns[index])
                    cells = self._widths[index] - Counter({heading: 1})
                    counts = Counter({heading: 1})
                    for width, count in cells.items():
                        counts[min(width, limits[index])] += count
                    self._widths[index] = counts
        # Widths are set here, not left to DataTable's deferred sizing, which can draw a
        # first frame with stale columns; clearing them also lets columns shrink again.
        self.clear(columns=True)
        for heading, counts in zip(self._columns, self._widths):
            self.add_column(plain(heading), width=max(counts))
        self.fill_at_once(prepared)
        if self.row_count == 0:
            return
        index = min(max(previous_row, 0), self.row_count - 1)
        if keep is not None:
            try:
                index = self.get_row_index(keep)
            except RowDoesNotExist:  # the kept row was deleted: stay near where we were
                pass
        self.move_cursor(row=index, animate=False)

    def put(self, item_id: str, cells: Cells, select: bool = True) -> bool:
        """Show one item's new or changed cells, in its own row (a new item goes last).

        Returns False, changing nothing, when a column would change width (or a cell is longer
        than its narrowed column): then the caller redraws the whole table with :meth:`show`,
        which sizes the columns.
        """
        prepared = _prepared(cells)
        if self._limits is not None and any(cell.cell_len > limit for cell, limit in zip(prepared, self._limits)):
            return False  # longer than its narrowed column: the table is fitted anew
        exists = item_id in self.rows
        old = self.get_row(item_id) if exists else [None] * len(prepared)
        widths = [Counter(counts) for counts in self._widths]
        for counts, before, after in zip(widths, old, prepared):
            if before is not None:
                counts[before.cell_len] -= 1
                if not counts[before.cell_len]:
                    del counts[before.cell_len]
            counts[after.cell_len] += 1
        if len(widths) != len(prepared) or [max(c) for c in widths] != [max(c) for c in self._widths]:
            return False
        self._widths = widths
        if exists:
            for column, before, after in zip(self.ordered_columns, old, prepared):
                if before != after:
                    self.update_cell(item_id, column.key, after)
        else:
            self.add_row(*prepared, key=item_id)  # safe-text: str cells became PlainCell, Text cells come from plain()
            # DataTable sizes itself when idle, after drawing a frame at the old scroll
            # position, and only then scrolls to the cursor: the table would be drawn twice.
            # The new row is one line and the columns keep their widths: size it now.
            header = self.header_height if self.show_header else 0
            self.virtual_size = Size(self.virtual_size.width, self.row_count + header)
        if select:
            self.move_cursor(row=self.get_row_index(item_id), animate=False)
            if not exists:  # it is the last row
                self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        return True


class NoteTable(ItemTable):
    """A table of notes, which can also be merged with ``m``."""

    BINDINGS = [Binding("m", "screen.merge_selected", "notes.key.merge")]
