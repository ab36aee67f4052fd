"""Writing a session's minutes on request: the files chosen in a dialog, written in the background."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from tui.core.errors import UserError
from tui.core.export import DEFAULT_FORMATS, FORMATS
from tui.core.i18n import t
from tui.core.model import Session

if TYPE_CHECKING:
    from tui.store.autosave import Autosaver
    from tui.store.records import RecordsStore
    from tui.store.running import RunningSession


class MinutesExports(App[None]):
    """The app's part that exports minutes (F3's export, the palette, Home's p).

    It uses the app's store, its autosaver (to remember the chosen formats) and the running session.
    """

    store: RecordsStore
    autosaver: Autosaver
    running: RunningSession | None
    lang: str

    def minutes_formats(self) -> list[str]:
        """The files closing a session writes: the user's choice, remembered per records folder."""
        chosen = (self.store.setting("minutes_formats") or "").split(",")
        return [fmt for fmt in FORMATS if fmt in chosen] or list(DEFAULT_FORMATS)

    def export_minutes(self, session: Session | None = None) -> None:
        """Ask which files to write (and whether anonymised), then write them in the background."""
        session = session or (self.running.session if self.running else None)
        if session is None or self.store.read_only:
            self.notify(t("home.read_only", self.lang) if self.store.read_only else t("export.no_session", self.lang))
            return
        from tui.app.screens.export_dialog import ExportDialog  # loaded on first use, not at start-up

        def chosen(choice: dict | None) -> None:
            if choice:
                if not choice["anonymised"]:
                    self.autosaver.remember_setting("minutes_formats", ",".join(choice["formats"]))
                self._export(copy.deepcopy(session), choice["formats"], choice["anonymised"])

        self.push_screen(ExportDialog(self.minutes_formats()), chosen)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, session: Session, formats: list[str], anonymised: bool) -> None:
        try:
            paths = self.store.write_minutes(session, formats, anonymised)
        except UserError as exc:
            self.call_from_thread(self.notify, exc.message(self.lang), severity="error")
            return
        self.call_from_thread(self.notify, t("app.exported", self.lang, paths=", ".join(str(p) for p in paths)),
                              timeout=15)
