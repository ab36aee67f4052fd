"""F1: every key that works on the current screen, with what it does.

First the keys of the part that has the focus (and of the screen and the app); then, as a
separate group, the keys of the screen's other parts that Tab leads to (the notes table's
edit, delete, vote and sort, while the cursor is still in the entry line).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import DataTable, Static

from tui.app.bindings import TranslatedBindings
from tui.app.compat import bindings_by_key
from tui.app.safe import plain
from tui.core.i18n import t, texts


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    """Lists the active keys of the screen it was opened over; Esc or F1 closes it."""

    BINDINGS = [Binding("escape,f1,q", "close", "help.key.close")]

    def __init__(self, over: Screen):
        """``over``: the screen whose keys are listed."""
        super().__init__()
        self.over = over

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with VerticalScroll(id="help-body"):
            yield Static(t("help.title", lang), classes="form-title")
            yield Static(t("help.intro", lang), classes="hint")
            yield DataTable(id="help-keys", cursor_type="row", show_cursor=False)
            yield Static(t("help.elsewhere", lang), classes="form-title", id="help-elsewhere")
            yield DataTable(id="help-other-keys", cursor_type="row", show_cursor=False)

    def on_mount(self) -> None:
        lang = self.app.lang
        ours = set(texts(lang).values())
        seen: set[str] = set()
        here = self._rows((active.binding for active in self.over.active_bindings.values()), ours, seen)
        elsewhere = self._rows(self._elsewhere(), ours, seen)
        for table_id, rows in (("#help-keys", here), ("#help-other-keys", elsewhere)):
            table = self.query_one(table_id, DataTable)
            table.add_columns(t("help.col.key", lang), t("help.col.action", lang))
            table.add_rows(rows)  # safe-text: _rows makes every cell with plain()
        self.query_one("#help-elsewhere").display = bool(elsewhere)
        self.query_one("#help-other-keys").display = bool(elsewhere)

    def _rows(self, bindings: Iterable[Binding], ours: set[str], seen: set[str]) -> list[tuple[Text, Text]]:
        """(key, what it does) for our own bindings (described from the string tables), once each."""
        rows = []
        for binding in bindings:
            if not binding.description or binding.description not in ours or binding.description in seen:
                continue
            seen.add(binding.description)
            rows.append((plain(binding.key_display or self.app.get_key_display(binding)), plain(binding.description)))
        return rows

    def _elsewhere(self) -> Iterable[Binding]:
        """The bindings of the focusable parts of the screen that do not have the focus now."""
        focused = self.over.focused
        current = set(focused.ancestors_with_self) if focused is not None else set()
        for widget in self.over.focus_chain:
            if widget in current:
                continue
            for bindings in bindings_by_key(widget).values():
                for binding in bindings:
                    if self._allowed(widget, binding):
                        yield binding

    def _allowed(self, widget: Widget, binding: Binding) -> bool:
        """Whether the screen (or the widget) would let the key act, as it says in ``check_action``."""
        destination, name, parameters = parse_action(binding.action)
        target = {"screen": self.over, "app": self.app}.get(destination, widget)
        try:
            return target.check_action(name, parameters) is not False
        except Exception:  # noqa: BLE001 - a key that cannot be checked is still worth listing
            return True

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
