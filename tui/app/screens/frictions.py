"""Phase 4: the current frictions, with a category from the template and dot votes."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Select

from tui.app.screens.notes import NotesScreen
from tui.app.safe import plain
from tui.app.widgets.dialog_select import DialogSelect
from tui.app.widgets.note_table import ItemTable, NoteTable
from tui.core import operations
from tui.core.i18n import t


class VoteTable(NoteTable):
    """The friction table: also votes with + and −, and sorts by votes with s."""

    BINDINGS = [
        Binding("plus,equals_sign", "screen.vote(1)", "frictions.key.vote_up", key_display="+"),
        Binding("minus", "screen.vote(-1)", "frictions.key.vote_down", key_display="−"),
        Binding("s", "screen.toggle_sort", "frictions.key.sort"),
    ]


class FrictionsScreen(NotesScreen):
    """Friction notes: text, optional category, votes; sortable by votes."""

    PHASE = "frictions"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.sort_by_votes = False

    def compose_work(self) -> ComposeResult:
        for widget in super().compose_work():
            if isinstance(widget, ItemTable):
                yield VoteTable(self.columns(), id="items")
            else:
                yield widget

    def columns(self) -> list[str]:
        return [t(k, self.lang) for k in ("notes.col.votes", "notes.col.friction", "notes.col.category")]

    def items(self) -> list[Any]:
        if self.sort_by_votes:
            return sorted(self.session.frictions, key=lambda note: -note.votes)
        return self.session.frictions

    def cells(self, item: Any) -> list[str]:
        dots = "●" * min(item.votes, 10) + ("+" if item.votes > 10 else "")
        return [f"{item.votes:>2} {dots}", item.text, item.category or "—"]

    def detail(self, item: Any) -> str:
        category = f" · {item.category}" if item.category else ""
        return f"{' '.join(item.text.split())}{category} · {t('minutes.votes', self.lang, count=item.votes)}"

    def compose_extra(self) -> ComposeResult:
        options = [(plain(name, one_line=True), name) for name in self.template.friction_categories]
        yield DialogSelect(options, prompt=t("frictions.category_prompt", self.lang), id="category",
                           allow_blank=True)

    def _category(self) -> str | None:
        value = self.query_one("#category", Select).value
        return value if isinstance(value, str) else None

    def add_item(self, text: str, why: str) -> Any:
        return self.live.change(operations.add_friction, text, self._category())

    @classmethod
    def add_draft(cls, live: Any, text: str, why: str) -> None:
        live.change(operations.add_friction, text, None)

    def extra_values(self, item: Any) -> None:
        categories = set(self.template.friction_categories)
        self.query_one("#category", Select).value = item.category if item.category in categories else Select.NULL

    def extra_fields(self) -> dict[str, Any]:
        return {"category": self._category()}

    def action_vote(self, delta: int) -> None:
        """Add or remove one dot vote on the selected friction."""
        item = self._selected()
        if item is not None:
            self.live.change(operations.vote, item.id, delta)
            if self.sort_by_votes:  # the order may change
                self.refresh_items(select=item.id)
            else:
                self.refresh_item(item)

    def action_toggle_sort(self) -> None:
        """Switch between the order of entry and most votes first."""
        self.sort_by_votes = not self.sort_by_votes
        self.refresh_items()
        self.notify(t("frictions.sorted" if self.sort_by_votes else "frictions.unsorted", self.lang))
