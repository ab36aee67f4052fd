"""Phase 7: every action item of this session — what, who, by when — checked before closing."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tui.app.screens.action_form import ActionForm
from tui.app.safe import plain
from tui.app.screens.decide import free_width, owner_names, warn_before_meeting
from tui.core.text import shorten
from tui.app.screens.phase import TablePhaseScreen
from tui.app.widgets.note_table import ItemTable
from tui.core import operations
from tui.core.i18n import t
from tui.core.minutes import format_date
from tui.core.model import Action


class ActionTable(ItemTable):
    """The action items: a adds, e edits, d deletes (Ctrl+Z brings it back)."""

    BINDINGS = [
        Binding("a", "screen.add_action", "actions.key.add"),
        Binding("e", "screen.edit_selected", "actions.key.edit"),
        Binding("d,delete", "screen.delete_selected", "actions.key.delete"),
    ]


class ActionsScreen(TablePhaseScreen):
    """All action items; those without an owner or a date are marked with a warning."""

    PHASE = "actions"
    """Whether the table has its columns (a resize can arrive before the mount)."""

    def compose_work(self) -> ComposeResult:
        lang = self.lang
        yield Static(t("actions.hint", lang), id="actions-hint", classes="hint")
        yield ActionTable([t("minutes.col.what", lang), t("minutes.col.who", lang), t("minutes.col.due", lang),
                           t("actions.col.from", lang)], id="action-items")
        yield Static("", id="actions-summary")
        yield Static("", id="actions-detail", markup=False)

    def on_mount(self) -> None:
        self.refresh_items()
        self.query_one(ActionTable).focus()
        self.table_ready = True

    # -- what is shown ---------------------------------------------------------------------

    def source_text(self, action: Action) -> str:
        """Where an action came from: a note's text, "carried forward", or nothing (a free action)."""
        note = self.session.note(action.source_note_id)
        if note is not None:
            return note.text
        if action.carried_from:
            return t("minutes.carried_forward", self.lang)
        return ""

    def widths(self) -> tuple[int, int, int]:
        """Characters for what, who and from; the date column and the cell padding take 25."""
        rest = free_width(self, 25, least=51)
        who, source = max(13, rest // 4), max(10, rest // 4)
        return rest - who - source, who, source

    def cells(self, action: Action, widths: tuple[int, int, int]) -> list[Any]:
        lang = self.lang
        what, who, source = widths
        names = owner_names(self.session, action)
        return [
            plain(shorten(action.what, what)),
            plain(shorten(names, who)) if names else t("actions.no_owner", lang),
            format_date(action.due, lang) if action.due else t("actions.no_due", lang),
            plain(shorten(self.source_text(action), source) or "—"),
        ]

    def refresh_items(self, select: str | None = None) -> None:
        """Redraw the table, the counts and the selected action's details from the session."""
        actions = self.session.actions
        widths = self.widths()
        self.drawn_shape = self.table_shape()
        self.query_one(ActionTable).show(((a.id, self.cells(a, widths)) for a in actions), select=select)
        lang = self.lang
        missing = sum(1 for a in actions if not a.owners or a.due is None)
        summary = t("actions.summary", lang, count=len(actions)) if actions else t("actions.empty", lang)
        if missing:
            summary += "  " + t("actions.summary_missing", lang, missing=missing)
        self.query_one("#actions-summary", Static).update(plain(summary))
        self.show_detail()

    def show_detail(self) -> None:
        """The selected action in full."""
        action = self._selected()
        detail = self.query_one("#actions-detail", Static)
        detail.display = action is not None
        if action is None:
            return
        lang = self.lang
        lines = [" ".join(action.what.split())]
        names = owner_names(self.session, action)
        lines.append(f"{t('minutes.col.who', lang)}: {names or t('actions.no_owner', lang)}  ·  "
                     f"{t('minutes.col.due', lang)}: "
                     f"{format_date(action.due, lang) if action.due else t('actions.no_due', lang)}")
        source = self.source_text(action)
        if source:
            lines.append(f"{t('minutes.col.from', lang)}: {' '.join(source.split())}")
        detail.update(plain("\n".join(lines)))

    @on(DataTable.RowHighlighted, "#action-items")
    def _highlighted(self) -> None:
        self.show_detail()

    # -- changing actions --------------------------------------------------------------------

    def _selected(self) -> Action | None:
        selected = self.query_one(ActionTable).selected_id
        return next((a for a in self.session.actions if a.id == selected), None)

    def action_add_action(self) -> None:
        """Add an action that does not come from a note."""
        def saved(fields: dict | None) -> None:
            if fields:
                action = self.live.change(operations.add_action, fields["what"], fields["owners"], fields["due"])
                warn_before_meeting(self, fields["what"], fields["due"])
                self.refresh_items(select=action.id)

        self.app.push_screen(ActionForm(self.session.participants), saved)

    def action_edit_selected(self) -> None:
        """Change what, who or by when of the selected action."""
        action = self._selected()
        if action is None:
            return
        note = self.session.note(action.source_note_id)

        def saved(fields: dict | None) -> None:
            if fields:
                self.live.change(operations.edit_item, action.id, **fields)
                warn_before_meeting(self, fields["what"], fields["due"])
                self.refresh_items(select=action.id)

        self.app.push_screen(ActionForm(self.session.participants, action, source=note.text if note else None),
                             saved)

    def action_delete_selected(self) -> None:
        """Delete the selected action (Ctrl+Z brings it back)."""
        action = self._selected()
        if action is not None:
            self.live.change(operations.delete_item, action.id)
            self.notify(t("actions.deleted", self.lang, what=shorten(action.what, 40)), markup=False)
            self.refresh_items()
