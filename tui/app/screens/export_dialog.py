"""The export dialog: which files to write, and whether to anonymise them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Checkbox, Static

from tui.app.widgets.form import FormCheckbox, FormScreen
from tui.core.export import FORMATS
from tui.core.i18n import t


class ExportDialog(FormScreen):
    """Returns ``{"formats": [...], "anonymised": bool}``, or None when cancelled.

    Space ticks a box, Enter goes on to the next one and then to Write; Ctrl+S writes.
    """

    BINDINGS = [Binding("ctrl+s", "save_by_key", "export.key.write", key_display="Ctrl+S")]

    def __init__(self, formats: list[str]):
        super().__init__()
        self.formats = formats

    FORM_ID = "export-form"

    def form_title(self) -> str:
        """The dialog's title."""
        return t("export.title", self.app.lang)

    def compose_fields(self) -> ComposeResult:
        """The fields, in the order Enter steps through them."""
        lang = self.app.lang
        yield Static(t("export.intro", lang), classes="hint")
        for fmt in FORMATS:
            yield FormCheckbox(t(f"export.format.{fmt}", lang), value=fmt in self.formats, id=f"format-{fmt}")
        yield FormCheckbox(t("export.anonymise", lang), value=False, id="anonymise")
        yield Static(t("export.anonymise_hint", lang), classes="hint")

    def compose_buttons(self) -> ComposeResult:
        """Cancel, and the main button last."""
        lang = self.app.lang
        yield Button(t("form.cancel", lang), id="cancel")
        yield Button(t("export.write", lang), id="write", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Checkbox).focus()

    @on(Button.Pressed, "#write")
    def action_save(self) -> None:
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
