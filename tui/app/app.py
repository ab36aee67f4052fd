"""The Textual application object: owns the store and the language, pushes the screens."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from tui.app.bindings import translate_bindings
from tui.app.screens.home import HomeScreen
from tui.core.i18n import t
from tui.store.records import RecordsStore


class TerugblikApp(App[None]):
    """Terugblik's terminal interface."""

    CSS_PATH = "terugblik.tcss"
    TITLE = "Terugblik"
    BINDINGS = [
        Binding("q", "quit", "app.key.quit"),
        Binding("f1", "help", "app.key.help"),
    ]

    def __init__(self, store: RecordsStore, lang: str):
        super().__init__()
        self.store = store
        self.lang = lang
        translate_bindings(self, lang)

    def on_mount(self) -> None:
        """Show Home, and any warning the store raised while opening."""
        self.sub_title = t("app.subtitle", self.lang)
        self.push_screen(HomeScreen())
        for warning in self.store.warnings:
            self.notify(warning.message(self.lang), severity="warning", timeout=15)

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        self.action_show_help_panel()
