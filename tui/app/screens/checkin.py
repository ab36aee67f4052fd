"""Phase 2: how last time's actions turned out, and what changed since then."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, Static

from tui.app.screens.notes import NotesScreen, shorten
from tui.app.screens.phase import NARROW
from tui.app.safe import plain
from tui.app.widgets.note_table import ItemTable
from tui.core import operations
from tui.core.i18n import label, t
from tui.core.minutes import format_date
from tui.core.model import ActionReview

OUTCOME_MARKS = {None: "…", "done": "✓", "partly": "◐", "not_done": "✗", "dropped": "⊘"}
"""A mark beside each outcome word, so the state never rests on colour alone."""

CARRIABLE = ("not_done", "partly")
"""Outcomes whose action can be carried forward into this session."""

GUIDE_WIDTH = 39
"""Columns the guide takes beside the work area (its width and border)."""

WIDE = 90
"""From this work-area width on, the review table also shows the due date and the note."""


class ReviewTable(ItemTable):
    """Last time's actions: 1–4 record the outcome, n a note, c carries it forward.

    It replaces the edit/delete keys of :class:`ItemTable`: a review is not deleted but
    marked dropped, and ``e`` edits its note like ``n``.
    """

    BINDINGS = [
        Binding("1", "screen.review('done')", "checkin.key.done"),
        Binding("2", "screen.review('partly')", "checkin.key.partly"),
        Binding("3", "screen.review('not_done')", "checkin.key.not_done"),
        Binding("4", "screen.review('dropped')", "checkin.key.dropped"),
        Binding("n", "screen.edit_review_note", "checkin.key.note"),
        Binding("e", "screen.edit_review_note", "checkin.key.note_e", show=False),
        Binding("c", "screen.carry_forward", "checkin.key.carry"),
        Binding("d,delete", "screen.review_locked", "checkin.key.no_delete", show=False),
    ]

    def show(self, rows: Iterable[tuple[str, Sequence[str]]], select: str | None = None) -> None:
        """Like :meth:`ItemTable.show`, but columns also narrow again when their longest text goes."""
        for column in self.columns.values():
            column.content_width = column.label.cell_len
        super().show(rows, select=select)


class CheckinScreen(NotesScreen):
    """Last time's open actions on top; the changes since then below, entered like notes.

    The changes part is :class:`NotesScreen`'s entry line and table, yielded as they are.
    NotesScreen finds its table with ``query_one(ItemTable)``, which searches breadth-first:
    the review table therefore sits one level deeper (inside ``#reviews``) than the changes
    table, so that lookup keeps finding the changes.
    """

    PHASE = "checkin"
    MERGEABLE = False
    DETAIL = False  # a change is one line; the room below goes to last time's actions

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.note_for: str | None = None
        """The action whose note the note line holds."""
        self.note_draft = ""
        """What the note line holds now (kept here, so it can be saved when the screen goes)."""
        self.wide = False
        """Whether the review table has the due-date and note columns (decided when composing)."""

    # -- layout ------------------------------------------------------------------------------

    def compose_work(self) -> ComposeResult:
        lang = self.lang
        self.wide = self._work_width() >= WIDE
        with Vertical(id="reviews"):
            yield Static(t("minutes.reviews", lang), id="reviews-title", classes="section-title")
            yield Static(t("checkin.review_hint", lang), id="reviews-hint", classes="hint")
            yield ReviewTable(self._review_columns(), id="review-table")
            yield Static(t("checkin.no_reviews", lang), id="no-reviews")
            yield Static("", id="review-detail", markup=False)
            with Horizontal(id="note-row"):
                yield Label(t("checkin.note_label", lang), id="note-label")
                note = Input(placeholder=t("checkin.note_placeholder", lang), id="review-note", compact=True,
                             select_on_focus=False)
                note.can_focus = False  # reached with n, so Tab goes on to the changes entry
                yield note
        yield Static(t("minutes.changes", lang), id="changes-title", classes="section-title")
        yield from super().compose_work()

    def _work_width(self) -> int:
        """Columns available for the tables (an estimate until the screen is laid out)."""
        work = next(iter(self.query("#work")), None)  # not there yet while composing
        if work is not None and work.content_size.width > 0:
            return work.content_size.width
        width = self.app.size.width
        return width - 2 - (GUIDE_WIDTH if width >= NARROW else 0)

    def _review_columns(self) -> list[str]:
        keys = ["minutes.col.outcome", "minutes.col.action", "minutes.col.who"]
        if self.wide:
            keys += ["minutes.col.due", "minutes.col.note"]
        return [t(key, self.lang) for key in keys]

    def on_mount(self) -> None:
        has_reviews = bool(self.session.reviews)
        for widget_id in ("#reviews-hint", "#review-table", "#review-detail", "#note-row"):
            self.query_one(widget_id).display = has_reviews
        self.query_one("#no-reviews").display = not has_reviews
        self.refresh_reviews()
        if has_reviews:  # after NotesScreen has put the cursor in the entry line
            self.call_after_refresh(self.query_one(ReviewTable).focus)

    # -- the changes (NotesScreen hooks) -----------------------------------------------------

    def columns(self) -> list[str]:
        return [t("checkin.col.change", self.lang)]

    def items(self) -> list[Any]:
        return self.session.changes

    def cells(self, item: Any) -> list[str]:
        return [shorten(item.text, max(20, self._work_width() - 4))]

    def add_item(self, text: str, why: str) -> Any:
        return self.live.change(operations.add_change, text)

    @classmethod
    def add_draft(cls, live: Any, text: str, why: str) -> None:
        live.change(operations.add_change, text)

    def changed(self) -> None:
        super().changed()
        self.refresh_reviews()

    def on_resize(self) -> None:
        self.call_after_refresh(self.changed)  # the texts are shortened to the width

    def action_toggle_guide(self) -> None:
        super().action_toggle_guide()
        self.call_after_refresh(self.changed)

    # -- the reviews -------------------------------------------------------------------------

    def _outcome_text(self, review: ActionReview) -> str:
        word = label("outcome", review.outcome, self.lang) if review.outcome else t("checkin.open", self.lang)
        text = f"{OUTCOME_MARKS.get(review.outcome, '?')} {word}"
        if review.carried_forward:
            text += f" → {t('minutes.carried_forward', self.lang)}"
        return text

    def _review_rows(self) -> list[tuple[str, list[str]]]:
        """The review table's rows; the action (and the note) get the width the other columns leave."""
        reviews, lang, wide = self.session.reviews, self.lang, self.wide
        headings = self._review_columns()
        outcomes = [self._outcome_text(r) for r in reviews]
        whos = [shorten(", ".join(r.owners), 22 if wide else 16) or "—" for r in reviews]
        dues = [format_date(r.due, lang) if r.due else "—" for r in reviews]
        fixed = [(headings[0], outcomes), (headings[2], whos)] + ([(headings[3], dues)] if wide else [])
        used = sum(max(len(text) for text in [heading, *cells]) + 2 for heading, cells in fixed)
        free = self._work_width() - used - 2 - (4 if wide else 2)  # scrollbar; padding of the free columns
        note_width = min(max([len(headings[-1]), *(len(r.note) for r in reviews)]), free * 2 // 5) if wide else 0
        what_width = max(12, free - note_width)
        rows = []
        for review, outcome, who, due in zip(reviews, outcomes, whos, dues):
            cells = [outcome, shorten(review.what, what_width), who]
            if wide:
                cells += [due, shorten(review.note, max(8, note_width)) or "—"]
            rows.append((review.action_id, cells))
        return rows

    def refresh_reviews(self, select: str | None = None) -> None:
        """Redraw the review table, its title and the note line."""
        reviews = self.session.reviews
        self.query_one(ReviewTable).show(self._review_rows(), select=select)
        if reviews:
            discussed = sum(1 for r in reviews if r.outcome)
            self.query_one("#reviews-title", Static).update(plain(
                t("minutes.reviews", self.lang) + "  "
                + t("checkin.discussed", self.lang, done=discussed, total=len(reviews))))
        self._load_note()

    def _selected_review(self) -> ActionReview | None:
        selected = self.query_one(ReviewTable).selected_id
        return next((r for r in self.session.reviews if r.action_id == selected), None)

    def _load_note(self) -> None:
        """Show the selected action in full, and its note in the note line (unless being typed)."""
        review = self._selected_review()
        detail = ""
        if review is not None:
            detail = "▸ " + review.what
            if review.due:
                detail += " · " + t("checkin.due", self.lang, date=format_date(review.due, self.lang))
        self.query_one("#review-detail", Static).update(plain(" ".join(detail.split())))  # whole: it wraps
        note_input = self.query_one("#review-note", Input)
        if not note_input.has_focus:
            self.note_for = review.action_id if review else None
            self.note_draft = note_input.value = review.note if review else ""

    @on(DataTable.RowHighlighted, "#review-table")
    def _review_highlighted(self) -> None:
        self._load_note()

    def action_review(self, outcome: str) -> None:
        """Record how the selected action turned out; the same key again clears it."""
        review = self._selected_review()
        if review is None:
            return
        was_carried = review.carried_forward
        new_outcome = None if review.outcome == outcome else outcome
        self.live.change(operations.review_action, review.action_id, new_outcome)
        if was_carried and not review.carried_forward:
            self.notify(t("checkin.uncarried", self.lang, what=shorten(review.what, 40)))
        self.refresh_reviews(select=review.action_id)

    def action_carry_forward(self) -> None:
        """Carry the selected unfinished action into this session's actions, or take it back."""
        review = self._selected_review()
        if review is None:
            return
        if review.carried_forward:
            self.live.change(operations.carry_forward, review.action_id, False)
            self.notify(t("checkin.uncarried", self.lang, what=shorten(review.what, 40)))
        elif review.outcome in CARRIABLE:
            self.live.change(operations.carry_forward, review.action_id, True)
            self.notify(t("checkin.carried", self.lang, what=shorten(review.what, 40)))
        else:
            self.notify(t("checkin.carry_not_allowed", self.lang), severity="warning")
            return
        self.refresh_reviews(select=review.action_id)

    def action_review_locked(self) -> None:
        """Last time's actions are not deleted here; say how to let one go."""
        self.notify(t("checkin.locked", self.lang))

    def action_edit_review_note(self) -> None:
        """Put the cursor in the note line of the selected action."""
        self._load_note()
        if self.note_for is not None:
            note_input = self.query_one("#review-note", Input)
            note_input.can_focus = True
            note_input.action_end()  # typing adds to the note
            note_input.focus()

    @on(Input.Changed, "#review-note")
    def _note_changed(self, event: Input.Changed) -> None:
        self.note_draft = event.value

    @on(Input.Submitted, "#review-note")
    def _note_submitted(self) -> None:
        self._save_note()
        self.query_one(ReviewTable).focus()

    @on(Input.Blurred, "#review-note")
    def _note_blurred(self) -> None:
        self._save_note()  # leaving the line by Tab or mouse keeps what was typed
        self.query_one("#review-note", Input).can_focus = False

    def on_screen_suspend(self) -> None:
        self._save_note(refresh=False)  # leaving the phase (or F1) keeps what was typed too

    def _save_note(self, refresh: bool = True) -> None:
        review = next((r for r in self.session.reviews if r.action_id == self.note_for), None)
        text = self.note_draft.strip()
        if review is None or text == review.note:
            return
        self.live.change(operations.review_action, review.action_id, review.outcome, text)
        if refresh:
            self.notify(t("checkin.note_saved", self.lang))
            self.refresh_reviews(select=review.action_id)

    def action_cancel_edit(self) -> None:
        """Escape: in the note line, put the saved note back and return to the table."""
        note_input = self.query_one("#review-note", Input)
        if note_input.has_focus:
            review = next((r for r in self.session.reviews if r.action_id == self.note_for), None)
            self.note_draft = note_input.value = review.note if review else ""
            self.query_one(ReviewTable).focus()
            return
        super().action_cancel_edit()
