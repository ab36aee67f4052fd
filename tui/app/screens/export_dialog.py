"""The export dialog: which files to write, and whether to anonymise them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Static

from tui.app.bindings import TranslatedBindings
from tui.app.widgets.marked_checkbox import MarkedCheckbox
from tui.core.export import FORMATS
from tui.core.i18n import t


class ExportDialog(TranslatedBindings, ModalScreen[dict | None]):
    """Returns ``{"formats": [...], "anonymised": bool}``, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "form.key.cancel"),
        Binding("f1", "app.help", "app.key.help"),  # a dialog hides the app's own keys
    ]

    def __init__(self, formats: list[str]):
        super().__init__()
        self.formats = formats

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with VerticalScroll(classes="form"):
            yield Static(t("export.title", lang), classes="form-title")
            yield Static(t("export.intro", lang), classes="hint")
            for fmt in FORMATS:
                yield MarkedCheckbox(t(f"export.format.{fmt}", lang), value=fmt in self.formats, id=f"format-{fmt}")
            yield MarkedCheckbox(t("export.anonymise", lang), value=False, id="anonymise")
            yield Static(t("export.anonymise_hint", lang), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(t("export.write", lang), id="write", variant="primary")
                yield Button(t("form.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Checkbox).focus()

    @on(Button.Pressed, "#write")
    def action_write(self) -> None:
        """Write the chosen files."""
        chosen = [fmt for fmt in FORMATS if self.query_one(f"#format-{fmt}", Checkbox).value]
        if not chosen:
            self.notify(t("export.none_chosen", self.app.lang), severity="warning")
            return
        self.dismiss({"formats": chosen, "anonymised": self.query_one("#anonymise", Checkbox).value})

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without writing anything."""
        self.dismiss(None)
