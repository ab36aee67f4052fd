"""F1: every key that works on the current screen, with what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from tui.app.bindings import TranslatedBindings
from tui.core.i18n import t
from tui.core.strings import STRINGS


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    """Lists the active keys of the screen it was opened over; Esc or F1 closes it."""

    BINDINGS = [Binding("escape,f1,q", "close", "help.key.close")]

    def __init__(self, over: Screen):
        super().__init__()
        self.over = over

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(t("help.title", self.app.lang), classes="form-title")
            yield Static(t("help.intro", self.app.lang), classes="hint")
            yield DataTable(id="help-keys", cursor_type="row", show_cursor=False)

    def on_mount(self) -> None:
        lang = self.app.lang
        table = self.query_one(DataTable)
        table.add_columns(t("help.col.key", lang), t("help.col.action", lang))
        seen: set[str] = set()
        ours = set(STRINGS.get(lang, {}).values())
        for key, active in self.over.active_bindings.items():
            binding = active.binding
            # Only our own keys: their descriptions come from the string tables.
            if not binding.description or binding.description not in ours:
                continue
            if binding.description in seen:
                continue
            seen.add(binding.description)
            table.add_row(binding.key_display or self.app.get_key_display(binding), binding.description)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
