"""Phase 3: what goes well — and why, so the group can keep doing it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Select

from tui.app.screens.notes import NotesScreen
from tui.core import operations
from tui.core.i18n import t


class GoesWellScreen(NotesScreen):
    """Notes on what goes well, each with its why and an optional author."""

    PHASE = "goes_well"
    WHY = True

    def columns(self) -> list[str]:
        return [t(k, self.lang) for k in ("notes.col.note", "notes.col.why", "notes.col.by")]

    def items(self) -> list[Any]:
        return self.session.goes_well

    def cells(self, item: Any) -> list[str]:
        person = self.session.participant(item.author) if item.author else None
        return [item.text, item.why or "—", person.name if person else ""]

    def detail(self, item: Any) -> str:
        person = self.session.participant(item.author) if item.author else None
        lines = [" ".join(item.text.split()) + (f" — {person.name}" if person else "")]
        if item.why.strip():
            lines.append(f"{t('minutes.why', self.lang)}: {' '.join(item.why.split())}")
        return "\n".join(lines)

    def compose_extra(self) -> ComposeResult:
        yield self.author_select()

    def _author(self) -> str | None:
        value = self.query_one("#author", Select).value
        return value if isinstance(value, str) else None

    def add_item(self, text: str, why: str) -> Any:
        return self.live.change(operations.add_goes_well, text, why, self._author())

    @classmethod
    def add_draft(cls, live: Any, text: str, why: str) -> None:
        live.change(operations.add_goes_well, text, why, None)

    def extra_values(self, item: Any) -> None:
        self.query_one("#author", Select).value = item.author or Select.NULL

    def extra_fields(self) -> dict[str, Any]:
        return {"author": self._author()}

