"""The shared mechanics of phases where the lead types notes fast: type, Enter, next."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Select, Static

from tui.app.screens.phase import PhaseScreen
from tui.app.safe import plain
from tui.app.widgets.dialog_select import DialogSelect
from tui.app.widgets.note_entry import NoteEntry
from tui.app.widgets.note_table import ItemTable, NoteTable
from tui.app.widgets.room_waiting import RoomWaiting, waiting_in_phase
from tui.core import operations, room_session
from tui.core.i18n import t
from tui.core.text import shorten


class NotesScreen(PhaseScreen):
    """A phase whose work is a list of notes: an entry line (text, maybe why) above a table."""

    WHY = False
    """Whether notes have a second field ("why")."""
    MERGEABLE = True
    """Whether two items can be merged into one (notes can; changes cannot)."""
    BINDINGS = [
        Binding("ctrl+n", "new_note", "notes.key.new"),
        Binding("escape", "cancel_edit", "notes.key.cancel", show=False),
        Binding("f5", "reveal_notes", "notes.key.reveal"),
    ]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.editing: str | None = None
        self.merge_from: str | None = None
        self._stage_text = ""
        self._rows_drawn: list[tuple[str, list]] | None = None
        """The rows the table was last filled with as a whole (a row put by itself does not count)."""

    # -- subclass hooks ----------------------------------------------------------------------

    def columns(self) -> list[str]:
        """Table headings."""
        raise NotImplementedError

    def items(self) -> list[Any]:
        """The items shown, in display order."""
        raise NotImplementedError

    def cells(self, item: Any) -> list[str]:
        """The table cells of one item."""
        raise NotImplementedError

    def add_item(self, text: str, why: str) -> Any:
        """Create an item from the entry line (through ``self.live.change``)."""
        raise NotImplementedError

    def compose_extra(self) -> ComposeResult:
        """Extra entry widgets after the text fields (category, author...)."""
        yield from ()

    def extra_values(self, item: Any) -> None:
        """Load an item's extra fields into the entry widgets for editing."""

    def reset_extra(self) -> None:
        """Clear the extra entry widgets, so a choice never sticks to the next note."""
        for select in self.query("#entry Select").results(Select):
            select.clear()

    def extra_fields(self) -> dict[str, Any]:
        """The extra entry widgets' values, as item fields."""
        return {}

    # -- layout ------------------------------------------------------------------------------

    def compose_work(self) -> ComposeResult:
        yield Static(t("notes.new_label", self.lang), id="entry-label", markup=False)  # quotes typed text
        with Horizontal(id="entry"):
            why = t(f"{self.PHASE}.why_placeholder", self.lang) if self.WHY else None
            yield NoteEntry(t(f"{self.PHASE}.text_placeholder", self.lang), why, id="text")
            yield from self.compose_extra()
        yield RoomWaiting(self.PHASE, id="room-waiting")
        yield NoteTable(self.columns(), id="items")

    def on_mount(self) -> None:
        self.refresh_items()
        self._show_waiting()
        entry = self.query_one(NoteEntry)
        draft = self.live.take_draft(self.PHASE)
        if draft is not None:
            entry.restore(draft)
        entry.focus()

    def on_screen_suspend(self) -> None:
        """Keep a half-typed note (not one being edited) for when the lead comes back."""
        entry = self.query_one(NoteEntry)
        keep = not self.editing and (entry.value.strip() or entry.asking_why)
        self.live.keep_draft(self.PHASE, entry.draft() if keep else None)

    def keep_unfinished(self) -> None:
        """Add (or, when editing, apply) what is typed but not yet entered, so quitting loses nothing."""
        entry = self.query_one(NoteEntry)
        pending, value = entry.draft()
        text, why = (pending, value) if pending is not None else (value, entry.pending_why)
        if not text.strip():
            return
        if self.editing:
            fields = {"text": text.strip(), **({"why": why.strip()} if self.WHY else {}), **self.extra_fields()}
            self.live.change(operations.edit_item, self.editing, **fields)
            self.editing = None
        else:
            self.add_item(text.strip(), why.strip())
        entry.reset()

    @classmethod
    def add_draft(cls, live: Any, text: str, why: str) -> None:
        """Add a half-typed note kept from this phase while the lead was elsewhere (no author or category)."""
        raise NotImplementedError

    def author_select(self) -> Select[str]:
        """A select of the present participants, for an optional author."""
        options = [(plain(p.name, one_line=True), p.id) for p in self.session.participants if p.present]
        return DialogSelect(options, prompt=t("notes.author_prompt", self.lang), id="author", allow_blank=True)

    def refresh_items(self, select: str | None = None) -> None:
        """Redraw the table from the session."""
        self._show_rows(self._rows(), select)

    def _rows(self) -> list[tuple[str, list]]:
        return [(item.id, self.cells(item)) for item in self.items()]

    def _show_rows(self, rows: list[tuple[str, list]], select: str | None = None) -> None:
        self._rows_drawn = rows
        self.query_one("#items", ItemTable).show(rows, select=select)
        self._show_stage()

    def refresh_item(self, item: Any) -> None:
        """Show one added or edited item in its own row and select it.

        A new item must come last in :meth:`items` (as an added one does); when it does not,
        or a column would change width, the whole table is redrawn instead.
        """
        table = self.query_one("#items", ItemTable)
        if item.id not in table.rows:
            items = self.items()
            if not items or items[-1] is not item:
                self.refresh_items(select=item.id)
                return
        if not table.put(item.id, self.cells(item)):
            self.refresh_items(select=item.id)
            return
        self._show_stage()

    def _show_stage(self) -> None:
        entry = self.query_one(NoteEntry)
        if entry.asking_why:
            key = "notes.why_label"
        else:
            key = "notes.edit_label" if self.editing else "notes.new_label"
        count = "  " + t("notes.count", self.lang, count=len(self.items()))
        # The note is quoted as far as the line has room, so the hint after it is never cut off.
        width = self.query_one("#entry-label", Static).size.width or self.app.size.width
        room = width - len(t(key, self.lang, text="")) - len(count) - 1
        text = t(key, self.lang, text=shorten(entry.pending_text or "", max(12, min(50, room)))) + count
        if text != self._stage_text:
            self._stage_text = text
            # One line high and as wide as the work area: a repaint, no layout pass.
            self.query_one("#entry-label", Static).update(plain(text), layout=False)

    def changed(self) -> None:
        """A change from elsewhere: redraw the table only when its rows changed.

        Members' notes come in face down, so a burst from the phones mostly changes the
        waiting line alone; rebuilding the table for each would hold the lead's keys.
        """
        rows = self._rows()
        if rows != self._rows_drawn:
            self._show_rows(rows)
        self._show_waiting()

    def _show_waiting(self) -> None:
        """Show how many members' notes wait face down; the reveal key shows only while some do."""
        waiting = self.query_one(RoomWaiting)
        before = waiting.shown[0] > 0
        waiting.show_session(self.session)
        if (waiting.shown[0] > 0) != before:
            self.refresh_bindings()

    def action_reveal_notes(self) -> None:
        """Turn the members' notes waiting in this phase into ordinary notes, all at once."""
        ids = [note.id for note in self.session.incoming if note.phase == self.PHASE]
        if not ids:
            return
        revealed = self.live.change(room_session.reveal, ids)
        self.refresh_items(select=revealed[0].id if revealed else None)
        self._show_waiting()
        self.notify(t("room.revealed", self.lang, count=len(revealed)))

    # -- entering ----------------------------------------------------------------------------

    @on(NoteEntry.StageChanged)
    def _stage_changed(self) -> None:
        self._show_stage()

    @on(DialogSelect.Submitted)
    def _back_to_the_note(self) -> None:
        """Enter on the author or category goes back to the note being typed."""
        self.query_one(NoteEntry).focus()

    @on(NoteEntry.Entered)
    def submit(self, event: NoteEntry.Entered) -> None:
        """Add the typed note, or save the one being edited."""
        if not event.text:
            self.notify(t("notes.empty", self.lang), severity="warning")
            return
        if self.editing:
            fields = {"text": event.text, **({"why": event.why} if self.WHY else {}), **self.extra_fields()}
            self.live.change(operations.edit_item, self.editing, **fields)
            item = next(item for item in self.items() if item.id == self.editing)
            self.editing = None
        else:
            item = self.add_item(event.text, event.why)
        self.reset_extra()
        self.refresh_item(item)

    def action_new_note(self) -> None:
        """Put the cursor in the entry line for a new note."""
        self.action_cancel_edit()
        self.query_one(NoteEntry).focus()

    def action_cancel_edit(self) -> None:
        """Stop editing (or merging) without changing anything."""
        if self.editing or self.merge_from:
            self.editing = None
            self.merge_from = None
            self.query_one(NoteEntry).reset()
            self.reset_extra()
            self._show_stage()

    # -- acting on the selected row ---------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The merge key only shows where items can be merged."""
        if action == "merge_selected":
            return self.MERGEABLE
        if action == "reveal_notes":
            return waiting_in_phase(self.session, self.PHASE)[0] > 0
        return super().check_action(action, parameters)

    def _selected(self) -> Any | None:
        selected = self.query_one("#items", ItemTable).selected_id
        return next((item for item in self.items() if item.id == selected), None)

    def action_edit_selected(self) -> None:
        """Load the selected note into the entry line for editing."""
        item = self._selected()
        if item is None:
            return
        self.editing = item.id
        entry = self.query_one(NoteEntry)
        entry.load(item.text, getattr(item, "why", ""))
        self.extra_values(item)
        self._show_stage()
        entry.focus()

    def action_delete_selected(self) -> None:
        """Delete the selected note (Ctrl+Z brings it back)."""
        item = self._selected()
        if item is None:
            return
        self.live.change(operations.delete_item, item.id)
        if self.editing == item.id:
            self.editing = None
        self.notify(t("notes.deleted", self.lang, text=shorten(item.text, 40)))
        self.refresh_items()

    def action_merge_selected(self) -> None:
        """First press marks a note, the second merges the marked note into the selected one."""
        item = self._selected()
        if item is None:
            return
        if not self.MERGEABLE:
            return
        if self.merge_from is None or self.merge_from == item.id:
            self.merge_from = item.id
            self.notify(t("notes.merge_pick", self.lang, text=shorten(item.text, 40)))
            return
        other, self.merge_from = self.merge_from, None
        self.live.change(operations.merge_notes, item.id, other)
        self.notify(t("notes.merged", self.lang))
        self.refresh_items(select=item.id)
