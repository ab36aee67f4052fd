"""Phase 5: sort the frictions on a board — within our influence, or outside it (and who can help)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.bindings import TranslatedBindings
from tui.app.safe import plain
from tui.core.text import shorten
from tui.app.screens.phase import PhaseScreen
from tui.core import operations
from tui.core.i18n import label, t
from tui.core.model import FrictionNote

COLUMNS: tuple[str | None, ...] = (None, "within", "outside")
"""The board's columns, left to right, by the ``influence`` they hold (None: not yet sorted)."""


CARD_TEXT_LIMIT = 280
"""Characters of a friction shown on its card (a few lines); a longer one is cut with "…", so one
pasted essay cannot push every other card off the board. The whole text is in the frictions phase."""


def column_id(influence: str | None) -> str:
    """The widget id of the column holding ``influence``."""
    return f"col-{influence or 'unsorted'}"


class BoardColumn(TranslatedBindings, OptionList):
    """One column of the board: frictions as wrapped cards; ←/→ move the selected one across.

    Like :class:`~tui.app.widgets.note_table.ItemTable` it is keyed by item id, tells the
    selected id and keeps its cursor across refreshes; unlike a table it wraps long text,
    so a narrow column still shows every friction whole.
    """

    BINDINGS = [
        Binding("left,h", "screen.move(-1)", "influence.key.left", key_display="←"),
        Binding("right,l", "screen.move(1)", "influence.key.right", key_display="→"),
        Binding("w", "screen.who_can_help", "influence.key.who"),
        Binding("enter", "screen.who_can_help", "influence.key.who_enter", show=False),
    ]

    def __init__(self, influence: str | None, **kwargs: Any):
        super().__init__(classes="column", **kwargs)
        self.influence = influence

    @property
    def selected_id(self) -> str | None:
        """The id of the highlighted friction, or None when the column is empty."""
        option = self.highlighted_option
        return option.id if option is not None and not option.disabled else None

    def show(self, cards: Sequence[tuple[str, Text]], empty: str, select: str | None = None) -> None:
        """Replace the cards; keep the cursor on ``select``, else on the same item, else nearby."""
        ids = [item_id for item_id, _ in cards]
        keep = select if select in ids else self.selected_id
        previous = self.highlighted or 0
        options: list[Option | None] = []
        for item_id, card in cards:
            # safe-text: cards are made by InfluenceScreen._card from plain(); None: a line between cards
            options += [Option(card, id=item_id), None]
        self.set_options(options or [Option(plain(empty, "italic"), disabled=True)])
        if ids:
            self.highlighted = ids.index(keep) if keep in ids else min(previous, len(ids) - 1)


class InfluenceScreen(PhaseScreen):
    """Three columns — not yet sorted, within our influence, outside our influence — sorted by keys."""

    PHASE = "influence"
    BINDINGS = [Binding("escape", "cancel_who", "influence.key.cancel", show=False)]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.who_for: str | None = None
        """The friction whose "who can help" is being typed."""
        self.who_draft = ""
        """What the who-can-help line holds now (kept here, so it can be saved when the screen goes)."""

    def compose_work(self) -> ComposeResult:
        yield Static(id="board-hint", classes="hint", markup=False)
        with Horizontal(id="board"):
            for influence in COLUMNS:
                yield BoardColumn(influence, id=column_id(influence))
        with Vertical(id="who-entry"):
            yield Static(id="who-label", markup=False)
            yield Input(placeholder=t("influence.who_placeholder", self.lang), id="who", select_on_focus=False)

    def on_mount(self) -> None:
        self.query_one("#who-entry").display = False
        self.refresh_board()
        first = next((c for c in self._columns() if c.selected_id is not None), self._column(None))
        first.focus()

    # -- drawing -----------------------------------------------------------------------------

    def _columns(self) -> list[BoardColumn]:
        return [self._column(influence) for influence in COLUMNS]

    def _column(self, influence: str | None) -> BoardColumn:
        return self.query_one(f"#{column_id(influence)}", BoardColumn)

    def _frictions_in(self, influence: str | None) -> list[FrictionNote]:
        """A column's frictions, most votes first (ties in the order they were noted)."""
        if influence is None:
            notes = [n for n in self.session.frictions if n.influence not in COLUMNS[1:]]
        else:
            notes = [n for n in self.session.frictions if n.influence == influence]
        return sorted(notes, key=lambda note: -note.votes)

    def _card(self, note: FrictionNote) -> Text:
        card = Text()
        card.append(plain(f"{note.votes}● ", "bold"))
        card.append(plain(shorten(note.text, CARD_TEXT_LIMIT)))
        if note.influence == "outside":
            card.append("\n↳ ")
            if note.who_can_help:
                who = shorten(note.who_can_help, CARD_TEXT_LIMIT)
                card.append(plain(f"{t('minutes.who_can_help', self.lang)}: {who}", "italic"))
            else:
                card.append(t("influence.who_missing", self.lang), style="dim italic")
        return card

    def refresh_board(self, select: str | None = None) -> None:
        """Redraw the three columns from the session."""
        lang = self.lang
        for column in self._columns():
            notes = self._frictions_in(column.influence)
            column.border_title = t("influence.unsorted", lang) if column.influence is None \
                else label("influence", column.influence, lang)
            column.border_subtitle = t("influence.count", lang, count=len(notes))
            empty = t("influence.all_sorted" if column.influence is None else "influence.empty", lang)
            column.show([(note.id, self._card(note)) for note in notes], empty, select=select)
        self.query_one("#board-hint", Static).update(
            t("influence.hint" if self.session.frictions else "influence.no_frictions", lang))

    def changed(self) -> None:
        self.refresh_board()

    # -- sorting -----------------------------------------------------------------------------

    def _selected(self) -> tuple[BoardColumn, FrictionNote] | None:
        column = self.focused
        if not isinstance(column, BoardColumn) or column.selected_id is None:
            return None
        note = self.session.note(column.selected_id)
        return (column, note) if isinstance(note, FrictionNote) else None

    def action_move(self, step: int) -> None:
        """Move the selected friction one column left or right; the cursor goes along."""
        selected = self._selected()
        if selected is None:
            return
        column, note = selected
        index = COLUMNS.index(column.influence) + step
        if not 0 <= index < len(COLUMNS):
            return
        target = COLUMNS[index]
        self.live.change(operations.set_influence, note.id, target)
        self.refresh_board(select=note.id)
        self.set_focus(self._column(target))  # at once: a second → typed quickly moves the same friction

    # -- who can help ------------------------------------------------------------------------

    def action_who_can_help(self) -> None:
        """Open the line for who can help with (or should hear about) an outside friction."""
        selected = self._selected()
        if selected is None:
            return
        _, note = selected
        if note.influence != "outside":
            self.notify(t("influence.who_only_outside", self.lang), severity="warning")
            return
        self.who_for = note.id
        room = self.query_one("#work").content_size.width - len(t("influence.who_label", self.lang, what=""))
        self.query_one("#who-label", Static).update(
            plain(t("influence.who_label", self.lang, what=shorten(note.text, max(20, room)))))
        who = self.query_one("#who", Input)
        self.who_draft = who.value = note.who_can_help
        who.action_end()  # typing adds to what is there
        self.query_one("#who-entry").display = True
        who.focus()

    def _save_who(self) -> None:
        note = self.session.note(self.who_for)
        text = self.who_draft.strip()
        if isinstance(note, FrictionNote) and text != note.who_can_help:
            self.live.change(operations.edit_item, note.id, who_can_help=text)
            self.notify(t("influence.who_saved", self.lang))

    def _close_who(self, save: bool) -> None:
        if self.who_for is None:
            return
        if save:
            self._save_who()
        note_id, self.who_for = self.who_for, None
        note = self.session.note(note_id)
        self.refresh_board(select=note_id)
        self._column(note.influence if isinstance(note, FrictionNote) else None).focus()
        self.query_one("#who-entry").display = False

    @on(Input.Changed, "#who")
    def _who_changed(self, event: Input.Changed) -> None:
        self.who_draft = event.value

    def on_screen_suspend(self) -> None:
        if self.who_for is not None:
            self._save_who()  # leaving the phase (or F1) keeps what was typed

    @on(Input.Submitted, "#who")
    def _who_submitted(self) -> None:
        self._close_who(save=True)

    @on(Input.Blurred, "#who")
    def _who_blurred(self) -> None:
        self._close_who(save=True)  # leaving the line by Tab or mouse keeps what was typed

    def action_cancel_who(self) -> None:
        """Escape: close the line without saving."""
        self._close_who(save=False)
