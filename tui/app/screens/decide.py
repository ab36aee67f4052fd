"""Phase 6: keep, adjust or stop each note; adjust and stop lead to action items."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tui.app.screens.action_form import ActionForm
from tui.app.safe import plain
from tui.core.text import shorten
from tui.app.screens.phase import PhaseScreen, TablePhaseScreen
from tui.app.widgets.guide import GuidePanel
from tui.app.widgets.note_table import ItemTable
from tui.core import operations
from tui.core.i18n import label, t
from tui.core.minutes import format_date
from tui.core.model import Action, FrictionNote, GoesWellNote, Session

GUIDE_WIDTH = 38
"""Columns the guide takes when shown (see phases.tcss)."""

Note = GoesWellNote | FrictionNote


def free_width(screen: PhaseScreen, fixed: int, least: int = 20) -> int:
    """Characters left for a text column once ``fixed`` columns (cells and padding) are placed."""
    width = screen.app.size.width - 4  # the work area's padding and the table's scrollbar
    guides = screen.query(GuidePanel)
    if guides and guides.first().display:
        width -= GUIDE_WIDTH
    return max(least, width - fixed)


def warn_before_meeting(screen: PhaseScreen, what: str, due: object) -> None:
    """Say so when an action was saved with a due date before the meeting (a slip, usually)."""
    meeting = screen.session.date
    if due is not None and due < meeting:
        screen.notify(t("date.saved_before_meeting", screen.lang, what=shorten(what, 40),
                        date=format_date(due, screen.lang), meeting=format_date(meeting, screen.lang)),
                      severity="warning")


def owner_names(session: Session, action: Action) -> str:
    """The names of an action's owners, joined."""
    people = (session.participant(o) for o in action.owners)
    return ", ".join(p.name for p in people if p is not None)


class DecideTable(ItemTable):
    """All notes; k/a/s/u decide the selected one, x adds another action to it."""

    BINDINGS = [
        Binding("k", "screen.decide('keep')", "decision.keep"),
        Binding("a", "screen.decide('adjust')", "decision.adjust"),
        Binding("s", "screen.decide('stop')", "decision.stop"),
        Binding("u", "screen.decide(None)", "decide.key.undecided"),
        Binding("x", "screen.add_action", "decide.key.add_action"),
    ]


class DecideScreen(TablePhaseScreen):
    """One table of every note: what goes well and the frictions (most votes first), all undecided at first."""

    PHASE = "decide"
    FIXED_COLUMNS = 50
    """Width of every column but the note's text, with cell padding."""
    """Whether the table has its columns (a resize can arrive before the mount)."""

    def compose_work(self) -> ComposeResult:
        lang = self.lang
        yield Static(t("decide.hint", lang), id="decide-hint", classes="hint")
        yield DecideTable([t(f"decide.col.{c}", lang) for c in
                           ("kind", "note", "votes", "influence", "decision", "actions")], id="decide-items")
        yield Static("", id="decide-summary")
        yield Static("", id="decide-detail", markup=False)

    def on_mount(self) -> None:
        self.refresh_items()
        self.query_one(DecideTable).focus()
        self.table_ready = True

    # -- what is shown ---------------------------------------------------------------------

    def items(self) -> list[Note]:
        """Goes-well notes in their order, then the frictions by votes (most first)."""
        return [*self.session.goes_well, *sorted(self.session.frictions, key=lambda note: -note.votes)]

    def cells(self, note: Note, width: int) -> list[Any]:
        lang = self.lang
        actions = len(operations.actions_for_note(self.session, note.id))
        friction = isinstance(note, FrictionNote)
        missing = note.decision in ("adjust", "stop") and actions == 0
        return [
            t("decide.kind.friction" if friction else "decide.kind.goes_well", lang),
            plain(shorten(note.text, width)),
            plain(note.votes, justify="right") if friction else "",
            t(f"decide.influence.{note.influence}", lang) if friction and note.influence else "—",
            label("decision", note.decision, lang) if note.decision else t("decide.undecided", lang),
            f"{actions} ⚠" if missing else str(actions),
        ]

    def refresh_items(self, select: str | None = None) -> None:
        """Redraw the table, the counts and the selected note's details from the session."""
        notes = self.items()
        width = free_width(self, self.FIXED_COLUMNS)
        self.drawn_shape = self.table_shape()
        self.query_one(DecideTable).show(((note.id, self.cells(note, width)) for note in notes), select=select)
        decided = sum(1 for note in notes if note.decision)
        from_notes = sum(1 for a in self.session.actions if self.session.note(a.source_note_id))
        summary = t("decide.summary", self.lang, decided=decided, total=len(notes), actions=from_notes)
        missing = sum(1 for note in notes if note.decision in ("adjust", "stop")
                      and not operations.actions_for_note(self.session, note.id))
        if missing:
            summary += "  " + t("decide.missing", self.lang, count=missing)
        self.query_one("#decide-summary", Static).update(plain(summary) if notes else t("decide.empty", self.lang))
        self.show_detail()

    def show_detail(self) -> None:
        """The selected note in full, with the actions that came from it."""
        note = self._selected()
        detail = self.query_one("#decide-detail", Static)
        detail.display = note is not None
        if note is None:
            return
        lines = [" ".join(note.text.split())]
        if isinstance(note, GoesWellNote) and note.why.strip():
            lines.append(f"{t('minutes.why', self.lang)}: {' '.join(note.why.split())}")
        for action in operations.actions_for_note(self.session, note.id):
            facts = [f for f in (owner_names(self.session, action),
                                 format_date(action.due, self.lang) if action.due else "") if f]
            lines.append(f"→ {' '.join(action.what.split())}" + (f" ({', '.join(facts)})" if facts else ""))
        detail.update(plain("\n".join(lines)))

    @on(DataTable.RowHighlighted, "#decide-items")
    def _highlighted(self) -> None:
        self.show_detail()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Notes are edited and deleted in their own phases, not here."""
        return action not in ("edit_selected", "delete_selected")

    # -- deciding ----------------------------------------------------------------------------

    def _selected(self) -> Note | None:
        return self.session.note(self.query_one(DecideTable).selected_id)

    def action_decide(self, decision: str | None) -> None:
        """Keep, adjust or stop the selected note (None: undecided); adjust and stop ask for an action."""
        note = self._selected()
        if note is None:
            return
        self.live.change(operations.set_decision, note.id, decision)
        self.refresh_items(select=note.id)
        if decision in ("adjust", "stop"):
            existing = len(operations.actions_for_note(self.session, note.id))
            if existing:
                self.notify(t("decide.has_actions", self.lang, count=existing))
            else:
                self.open_action_form(note)

    def action_add_action(self) -> None:
        """Add another action to the selected note."""
        note = self._selected()
        if note is not None:
            self.open_action_form(note)

    def open_action_form(self, note: Note) -> None:
        """Ask what, who and by when; a saved form becomes an action that came from ``note``."""
        def saved(fields: dict | None) -> None:
            if fields:
                self.live.change(operations.add_action, fields["what"], fields["owners"], fields["due"],
                                 source_note_id=note.id)
                self.notify(t("decide.action_added", self.lang, what=shorten(fields["what"], 40)), markup=False)
                warn_before_meeting(self, fields["what"], fields["due"])
                self.refresh_items(select=note.id)

        self.app.push_screen(ActionForm(self.session.participants, suggestion=note.text, source=note.text), saved)
