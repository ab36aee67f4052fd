"""The minutes on screen, as members will read them; after closing, where the files are."""

from __future__ import annotations

import webbrowser
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static

from tui.app.bindings import TranslatedBindings
from tui.app.messages import ExportMinutes, LeaveSession
from tui.app.safe import plain
from tui.core.i18n import t
from tui.core.minutes import render_markdown
from tui.core.model import Session
from tui.core.text import visible


class MinutesScreen(TranslatedBindings, Screen[None]):
    """A preview of the Markdown minutes; lists the written files when there are any."""

    BINDINGS = [
        Binding("escape", "back", "minutes.key.back"),
        Binding("o", "open_html", "minutes.key.open"),
        Binding("x", "export", "minutes.key.export"),
        Binding("h", "home", "minutes.key.home"),
    ]

    def __init__(self, session: Session, paths: list[Path]):
        super().__init__()
        self.session = session
        self.paths = paths

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        yield Header()
        if self.paths:
            lines = [t("minutes.written", lang)] + [f"  {path}" for path in self.paths]
            yield Static(plain("\n".join(lines)), id="minutes-paths")
        with VerticalScroll(id="minutes-view"):
            # The minutes keep what people typed as text; on a terminal its controls are also shown, not obeyed.
            yield Markdown(visible(render_markdown(self.session)))
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Terugblik"
        self.sub_title = t("minutes.preview_title", self.app.lang)
        self.query_one("#minutes-view", VerticalScroll).focus()

    def action_open_html(self) -> None:
        """Open the HTML minutes in the default browser."""
        html = next((path for path in self.paths if path.suffix == ".html"), None)
        if html is None:
            self.notify(t("minutes.no_html", self.app.lang), severity="warning")
            return
        self._open_in_browser(html)

    @work(thread=True, group="browser")
    def _open_in_browser(self, path: Path) -> None:
        opened = webbrowser.open(path.resolve().as_uri())
        if not opened:
            self.app.call_from_thread(self.notify, t("minutes.no_browser", self.app.lang, path=path), timeout=15)

    def action_export(self) -> None:
        """Write these minutes as files (choose formats, optionally anonymised)."""
        self.post_message(ExportMinutes(self.session))

    def action_back(self) -> None:
        """Back to where you were."""
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def action_home(self) -> None:
        """Back to Home."""
        self.post_message(LeaveSession())
