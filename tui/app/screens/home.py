"""Home: the sessions in the records folder; start a new one, resume an unfinished one."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui.app.bindings import TranslatedBindings
from tui.app.safe import plain
from tui.core.codec import DocumentError
from tui.core.errors import UserError
from tui.core.i18n import t
from tui.core.model import Session
from tui.store.records import SessionSummary


_DAMAGED = "damaged:"
"""Row keys of sessions that cannot be read start with this, followed by the session's label."""


class HomeScreen(TranslatedBindings, Screen[None]):
    """Recent sessions, with resume offered first when one is unfinished."""

    BINDINGS = [
        Binding("n", "new_session", "home.key.new"),
        Binding("r", "resume", "home.key.resume"),
        Binding("enter", "open_selected", "home.key.open", show=False),
        Binding("p", "preview", "home.key.preview"),
        Binding("c", "compare", "home.key.compare"),
        Binding("v", "versions", "home.key.versions", show=False),  # rare: announced with the conflict, listed on F1
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[SessionSummary] = []
        self.damaged: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        yield Header()
        yield Static(plain(t("home.records", lang, folder=self.app.store.folder.resolve())), id="records-folder")
        yield Static(t("home.loading", lang), id="home-intro")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        lang = self.app.lang
        self.title = "Terugblik"
        self.sub_title = t("app.subtitle", lang)
        table = self.query_one(DataTable)
        table.add_columns(*(plain(t(f"home.col.{c}", lang)) for c in ("date", "team", "title", "status", "notes")))

    def on_screen_resume(self) -> None:
        """Shown (also the first time): list the sessions as they are now.

        The list is read once Home has been drawn ("Loading sessions…"). Started earlier,
        it raced the first frame: when it won, that frame was held back to draw the rows
        with columns as narrow as their headings, redrawn at full width right after.
        """
        self.call_after_refresh(self.load_sessions)

    @work(thread=True, exclusive=True, group="home-load")
    def load_sessions(self) -> None:
        """Read the list of sessions off the UI thread (a large records folder takes a moment)."""
        try:
            summaries = self.app.list_sessions()  # with changes not yet on disk: nothing waits for a save
            damaged = self.app.store.damaged_sessions
        except UserError as exc:
            self.app.call_from_thread(self.show_list_problem, exc.message(self.app.lang))
            return
        self.app.call_from_thread(self.show_sessions, summaries, damaged)

    def show_list_problem(self, reason: str) -> None:
        """The records could not be listed: say why on Home, which stays usable (n still starts a session)."""
        self.query_one("#home-intro", Static).update(plain(t("home.cannot_list", self.app.lang, reason=reason)))

    def show_sessions(self, summaries: list[SessionSummary], damaged: list[tuple[str, str]] = ()) -> None:
        """Fill the table; put the cursor on an unfinished session when there is one.

        Sessions in the database that cannot be read (``damaged``: label and reason) are
        listed last, each with its reason, so nothing in the records goes unmentioned.
        """
        lang = self.app.lang
        self.summaries = summaries
        self.damaged = dict(damaged)
        table = self.query_one(DataTable)
        table.clear()
        for s in summaries:
            status = t(f"status.{s.status}", lang)
            if s.status == "in_progress":
                status = f"▶ {status} · {t(f'phase.short.{s.current_phase}', lang)}"
            if s.versions > 1:
                status = f"{t('home.conflict', lang, count=s.versions)} · {status}"
            table.add_row(*(plain(cell, one_line=True) for cell in (s.date, s.team, s.title or "—", status, s.notes)),
                          key=s.id)
        for label, reason in damaged:
            status = t("home.damaged", lang, reason=reason)
            table.add_row(*(plain(cell, one_line=True) for cell in ("—", "—", label, status, "—")),
                          key=f"{_DAMAGED}{label}")
        unfinished = self.unfinished()
        intro = self.query_one("#home-intro", Static)
        if unfinished is not None:
            table.move_cursor(row=table.get_row_index(unfinished.id))
            intro.update(plain(t("home.resume_offer", lang, team=unfinished.team, date=unfinished.date)))
        elif summaries:
            intro.update(t("home.intro", lang))
        else:
            intro.update(t("home.empty", lang))
        if self.app.store.read_only:
            intro.update(t("home.read_only", lang))
        table.focus()

    def unfinished(self) -> SessionSummary | None:
        """The most recently changed session that is still in progress."""
        running = [s for s in self.summaries if s.status == "in_progress"]
        return max(running, key=lambda s: s.updated_at) if running else None

    def _selected(self) -> SessionSummary | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return next((s for s in self.summaries if s.id == key.value), None)

    # -- actions -----------------------------------------------------------------------------

    def action_new_session(self) -> None:
        """Ask for team, template and language, then start at setup."""
        from tui.app.screens.new_session import NewSessionScreen

        if self.app.store.read_only:
            self.notify(t("home.read_only", self.app.lang), severity="error")
            return
        self.app.push_screen(NewSessionScreen(), self._start)

    def _start(self, choice: dict | None) -> None:
        from tui.core import operations

        if not choice:
            return
        store = self.app.store
        previous = store.sessions_of_team(choice["team"])
        template = choice["template"]
        session = operations.start_session(
            choice["team"], template.language, template.id, template.version,
            profile=store.get_team(choice["team"]), previous=previous[-1] if previous else None,
            date=choice["date"],
        )
        session.title = choice["title"]
        self.app.run_session(session)

    def action_resume(self) -> None:
        """Continue the selected session if unfinished, else the latest unfinished one."""
        selected = self._selected()
        target = selected if selected and selected.status == "in_progress" else self.unfinished()
        if target is None:
            self.notify(t("home.nothing_to_resume", self.app.lang))
            return
        self._open(target)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row (the table takes the key itself): resume it or read its minutes."""
        event.stop()
        self.action_open_selected()

    def action_open_selected(self) -> None:
        """Enter: resume an unfinished session, read the minutes of a closed one; say why a damaged one cannot."""
        selected = self._selected()
        if selected is None:
            self._explain_damaged()
            return
        if selected.status == "in_progress":
            self._open(selected)
        else:
            self.action_preview()

    def _open(self, summary: SessionSummary) -> None:
        if self.app.store.read_only:
            self.notify(t("home.read_only", self.app.lang), severity="error")
            return
        session = self._load(summary.id)
        if session is not None:
            self.app.run_session(session)

    def _load(self, session_id: str) -> Session | None:
        """The session as saved (or as waiting to be saved); None, said in one line, when it cannot be read."""
        try:
            return self.app.saved_session(session_id)
        except UserError as exc:
            reason = exc.message(self.app.lang)
        except DocumentError as exc:
            reason = exc.reason
        self.notify(t("home.cannot_open", self.app.lang, reason=reason), severity="error")
        return None

    def _explain_damaged(self) -> None:
        """The row under the cursor is a session that cannot be read: say so, with the reason."""
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        if str(key.value).startswith(_DAMAGED):
            reason = self.damaged.get(str(key.value)[len(_DAMAGED):], "")
            self.notify(t("home.cannot_open", self.app.lang, reason=reason), severity="error")

    def action_preview(self) -> None:
        """Read the selected session's minutes."""
        from tui.app.screens.minutes import MinutesScreen

        selected = self._selected()
        if selected is None:
            self._explain_damaged()
            return
        session = self._load(selected.id)
        if session is not None:
            self.app.push_screen(MinutesScreen(session, paths=[]))

    def action_versions(self) -> None:
        """Show the versions of the selected session (two laptops changed it) and keep the one chosen."""
        from tui.app.screens.conflict_dialog import ConflictDialog

        selected = self._selected()
        if selected is None or selected.versions < 2:
            self.notify(t("home.no_conflict", self.app.lang))
            return
        if self.app.store.read_only:
            self.notify(t("home.read_only", self.app.lang), severity="error")
            return
        versions = self.app.store.conflict_versions(selected.id)
        self.app.push_screen(ConflictDialog(versions), lambda keep: self._keep_version(selected, keep))

    def _keep_version(self, summary: SessionSummary, keep: int | None) -> None:
        if keep is not None:
            self.keep_version(summary, keep)

    @work(thread=True, group="home-versions")
    def keep_version(self, summary: SessionSummary, keep: int) -> None:
        """Have the writer keep one version (off the UI thread), then list the sessions again."""
        lang = self.app.lang
        try:
            self.app.autosaver.resolve_conflict(summary.id, keep)
        except UserError as exc:
            self.app.call_from_thread(self.notify, t("conflict.failed", lang, reason=exc.message(lang)),
                                      severity="error")
            return
        except DocumentError as exc:
            self.app.call_from_thread(self.notify, t("conflict.failed", lang, reason=exc.reason), severity="error")
            return
        replaced = self.app.store.folder / ".terugblik" / "replaced"
        self.app.call_from_thread(self.notify, t("conflict.kept", lang, number=keep + 1,
                                                 title=summary.title or summary.team, folder=replaced))
        self.app.call_from_thread(self.load_sessions)

    def action_compare(self) -> None:
        """Compare sessions across months and teams."""
        from tui.app.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen())
