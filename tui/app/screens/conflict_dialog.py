"""Choosing between the versions of a session that two laptops (or a sync tool) left in the records folder."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.app.bindings import TranslatedBindings
from tui.app.safe import plain
from tui.core.i18n import t
from tui.store.summaries import SessionSummary


class ConflictDialog(TranslatedBindings, ModalScreen[int | None]):
    """Shows every version of one session; returns the number (from 0) of the one to keep, or None."""

    BINDINGS = [
        *(Binding(str(n), f"keep({n - 1})", "conflict.key.choose", show=False) for n in range(1, 10)),
        Binding("escape", "cancel", "form.key.cancel"),
        Binding("f1", "app.help", "app.key.help"),  # a dialog hides the app's own keys
    ]

    def __init__(self, versions: list[tuple[str, SessionSummary]]):
        super().__init__()
        self.versions = versions

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        first = self.versions[0][1]
        with VerticalScroll(classes="form"):
            yield Static(plain(t("conflict.title", lang, count=len(self.versions), title=first.title or "—",
                                 team=first.team, date=first.date)), classes="form-title")
            yield Static(t("conflict.intro", lang), classes="hint")
            for number, (file, summary) in enumerate(self.versions, start=1):
                yield Static(plain(t("conflict.version", lang, number=number, file=file, updated=summary.updated_at,
                                     status=t(f"status.{summary.status}", lang),
                                     phase=t(f"phase.short.{summary.current_phase}", lang), notes=summary.notes)),
                             classes="conflict-version")
            with Horizontal(classes="buttons"):
                for number in range(1, len(self.versions) + 1):
                    yield Button(plain(t("conflict.keep", lang, number=number)), id=f"keep-{number}",
                                 variant="primary" if number == 1 else "default")
                yield Button(t("form.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def action_keep(self, index: int) -> None:
        """Keep the version with this number (from 0)."""
        if 0 <= index < len(self.versions):
            self.dismiss(index)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        """A button: keep its version, or cancel."""
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
        elif event.button.id and event.button.id.startswith("keep-"):
            self.dismiss(int(event.button.id.removeprefix("keep-")) - 1)

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
