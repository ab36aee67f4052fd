"""Home: the sessions in the records folder and where that folder is."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui.core.i18n import t


class HomeScreen(Screen[None]):
    """Lists the sessions in the records folder; the guided flow starts here."""

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        yield Header()
        yield Static(t("home.records", lang, folder=self.app.store.folder.resolve()), id="records-folder")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(t("home.placeholder", lang), id="placeholder")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table from the store."""
        lang = self.app.lang
        table = self.query_one(DataTable)
        table.add_columns(*(t(f"cli.list.col.{c}", lang) for c in ("date", "team", "title", "status", "notes")))
        summaries = self.app.store.list_sessions()
        for s in summaries:
            table.add_row(s.date, s.team, s.title, t(f"status.{s.status}", lang), str(s.notes), key=s.id)
        if not summaries:
            self.query_one("#placeholder", Static).update(t("home.empty", lang))
