"""Compare: how a coordinator follows teams over months — figures from :func:`tui.core.compare.compare`.

The sessions are gathered (records folder plus folders from other laptops) in a worker
thread; the figures for the chosen teams and period are computed in another, and shown
as tables, one tab per kind of figure. Every state is a word or a mark, never colour alone,
and nothing people typed is ever read as markup.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    ProgressBar,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.selection_list import Selection
from textual.worker import get_current_worker

from tui.app.bindings import TranslatedBindings
from tui.app.safe import plain
from tui.app.screens.compare_rows import TableView, report_views, sources_view
from tui.app.widgets.figures import FiguresTable, TeamList, fill
from tui.app.widgets.trends import TrendsView
from tui.core.compare import Report, compare, team_key, team_names
from tui.core.compare_render import shown_period
from tui.core.dates import date_trouble, parse_date
from tui.core.i18n import t
from tui.core.model import Session
from tui.store.gather import Gathered, gather

# -- the screen -----------------------------------------------------------------------------


class CompareScreen(TranslatedBindings, Screen[None]):
    """Choose teams and a period; see the timeline, follow-through, recurring frictions and more."""

    CSS_PATH = ["../styles/compare.tcss"]  # parsed on first use
    BINDINGS = [
        Binding("escape", "back", "compare_app.key.back"),
        Binding("o", "open_minutes", "compare_app.key.open"),
        Binding("r", "reload", "compare_app.key.reload", show=False),
        Binding("a", "add_folder", "compare_app.key.add_folder"),
        Binding("t", "all_teams", "compare_app.key.all_teams", show=False),
        Binding("p", "period", "compare_app.key.period", show=False),
        Binding("0", "show_tab('trends')", "trends.key.tab", show=False),
        Binding("1", "show_tab('timeline')", "compare_app.key.tab_timeline", show=False),
        Binding("2", "show_tab('actions')", "compare_app.key.tab_actions", show=False),
        Binding("3", "show_tab('recurring')", "compare_app.key.tab_recurring", show=False),
        Binding("4", "show_tab('influence')", "compare_app.key.tab_influence", show=False),
        Binding("5", "show_tab('health')", "compare_app.key.tab_health", show=False),
        Binding("6", "show_tab('decisions')", "compare_app.key.tab_decisions", show=False),
        Binding("7", "show_tab('sources')", "compare_app.key.tab_sources", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[Path] = []
        """Folders and files added to the records folder (gathered from other laptops)."""
        self.gathered = Gathered()
        self.sessions: dict[str, Session] = {}
        """The gathered sessions by id, to open their minutes."""
        self.report: Report | None = None
        self._loading = True
        self._computing = False
        self._generation = 0
        self._applied: tuple | None = None
        self._period: tuple[dt.date | None, dt.date | None] = (None, None)
        self._period_error = ""
        self._details: dict[str, dict[str, str]] = {
            "timeline": {}, "recurring": {}, "health": {}, "overall": {}, "sources": {}}

    @property
    def busy(self) -> bool:
        """True while sessions are read or figures computed (tests wait for it)."""
        return self._loading or self._computing

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        yield Header()
        with Horizontal(id="compare-filters"):
            teams = TeamList(id="teams")
            teams.border_title = t("compare_app.teams", lang)
            yield teams
            with Vertical(id="period") as period:
                period.border_title = t("compare_app.period", lang)
                with Horizontal(classes="period-row"):
                    yield Label(t("compare_app.from", lang), classes="period-label")
                    yield Input(placeholder=t("compare_app.date_placeholder", lang), id="since")
                with Horizontal(classes="period-row"):
                    yield Label(t("compare_app.to", lang), classes="period-label")
                    yield Input(placeholder=t("compare_app.date_placeholder", lang), id="until")
        with Horizontal(id="compare-status"):
            yield Static(t("compare_app.loading", lang), id="status", markup=False)
            yield ProgressBar(id="progress", show_eta=False)
        with TabbedContent(id="figures"):
            with TabPane(t("trends.tab", lang), id="tab-trends"):
                yield TrendsView(id="trends")
            with TabPane(t("compare.timeline", lang), id="tab-timeline"):
                yield Static("", id="worth-line", classes="lead", markup=False)
                yield FiguresTable("timeline")
                yield Static("", id="timeline-detail", classes="detail", markup=False)
            with TabPane(t("compare_app.tab.actions", lang), id="tab-actions"):
                yield Static("", id="follow-line", classes="lead", markup=False)
                yield FiguresTable("follow")
            with TabPane(t("compare_app.tab.recurring", lang), id="tab-recurring"):
                yield Static("", id="recurring-line", classes="lead", markup=False)
                yield FiguresTable("recurring")
                yield Static("", id="recurring-detail", classes="detail", markup=False)
            with TabPane(t("compare_app.tab.influence", lang), id="tab-influence"):
                yield Static("", id="influence-line", classes="lead", markup=False)
                yield FiguresTable("influence")
            with TabPane(t("compare_app.tab.health", lang), id="tab-health"):
                yield Static("", id="health-line", classes="lead", markup=False)
                yield FiguresTable("health")
                yield Static("", id="health-detail", classes="detail", markup=False)
            with TabPane(t("compare.decisions", lang), id="tab-decisions"):
                yield Static(t("compare_app.note_decisions", lang), classes="lead", markup=False)
                yield FiguresTable("note-decisions")
                yield Static(t("compare.overall", lang), classes="lead", markup=False)
                yield FiguresTable("overall")
                yield Static("", id="overall-detail", classes="detail", markup=False)
            with TabPane(t("compare_app.tab.sources", lang), id="tab-sources"):
                yield Static("", id="sources-line", classes="lead", markup=False)
                yield Label(t("compare_app.add_label", lang), id="add-label")
                yield Input(placeholder=t("compare_app.add_placeholder", lang), id="add-path")
                yield Static("", id="sources-count", classes="lead", markup=False)
                yield FiguresTable("sources")
                yield Static("", id="sources-detail", classes="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Terugblik"
        self.sub_title = t("compare.title", self.app.lang)
        self.query_one(TrendsView).focus()
        self.load()

    # -- reading the sessions ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="compare-load")
    def load(self) -> None:
        """Gather the sessions off the UI thread; report progress for long lists of files."""
        worker = get_current_worker()
        lang = self.app.lang

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_progress, done, total)

        found = gather(self.app.store.folder, list(self.paths), lang, progress=progress)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, found)

    def _start_loading(self) -> None:
        self._loading = True
        self.query_one("#status", Static).update(t("compare_app.loading", self.app.lang))
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.load()

    def _show_progress(self, done: int, total: int) -> None:
        status = t("compare_app.progress", self.app.lang, done=done, total=total)
        self.query_one("#status", Static).update(plain(status))
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def _loaded(self, found: Gathered) -> None:
        if not self.is_attached:
            return
        self._loading = False
        self.gathered = found
        self.sessions = {session.id: session for session in found.sessions}
        self.query_one("#progress", ProgressBar).display = False
        self._fill_teams(team_names(found.sessions))
        self._show_sources()
        self._applied = None
        self.refresh_figures()

    def _fill_teams(self, names: list[str]) -> None:
        """All teams found; a new team is chosen, a team left out before stays left out."""
        teams = self.query_one(TeamList)
        known = {team_key(teams.get_option_at_index(i).value) for i in range(teams.option_count)}
        chosen = {team_key(value) for value in teams.selected}
        teams.clear_options()
        teams.add_options([Selection(plain(name, one_line=True), name,
                                     team_key(name) in chosen or team_key(name) not in known)
                           for name in names])

    # -- the figures -------------------------------------------------------------------------

    def _chosen_teams(self) -> list[str] | None:
        teams = self.query_one(TeamList)
        if len(teams.selected) == teams.option_count:
            return None  # every team, also those in files added later
        return list(teams.selected)

    def refresh_figures(self) -> None:
        """Compute the figures for the chosen teams and period (in a worker), unless nothing changed."""
        teams = self._chosen_teams()
        wanted = (tuple(sorted(teams)) if teams is not None else None, self._period, id(self.gathered))
        if wanted == self._applied:
            return
        self._applied = wanted
        self._generation += 1
        if teams == []:
            self._show(self._generation, compare([]))
            return
        self._computing = True
        self._compute(self._generation, self.gathered.sessions, teams, *self._period)

    @work(thread=True, exclusive=True, group="compare-figures")
    def _compute(self, generation: int, sessions: list[Session], teams: list[str] | None,
                 since: dt.date | None, until: dt.date | None) -> None:
        report = compare(sessions, teams, since, until)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, generation, report)

    def _show(self, generation: int, report: Report) -> None:
        if generation != self._generation or not self.is_attached:
            return  # a newer choice is being computed
        self.report = report
        for table_id, view in report_views(report, self.sessions, self.app.lang).items():
            self._show_view(table_id, view)
        self._show_details()
        self.query_one(TrendsView).show(report, self.app.lang)
        self._show_status()
        self._computing = False

    def _show_status(self) -> None:
        lang = self.app.lang
        if self._period_error:
            text = self._period_error
        elif self.report is None:
            text = t("compare_app.loading", lang)
        elif not self.query_one(TeamList).selected and self.gathered.sessions:
            text = t("compare_app.no_teams", lang)
        elif not self.report.timeline:
            text = t("compare.nothing", lang)
        else:
            report = self.report
            text = (t("compare.summary", lang, sessions=len(report.timeline), teams=len(report.teams)) + " · "
                    + t("compare.period", lang, since=shown_period(report)[0], until=shown_period(report)[1]))
        skipped, merged = len(self.gathered.skipped), len(self.gathered.merged)
        if skipped or merged:
            text += "\n" + t("compare_app.status_sources", lang, skipped=skipped, merged=merged)
        self.query_one("#status", Static).update(plain(text))

    def _show_sources(self) -> None:
        lang = self.app.lang
        found = self.gathered
        lines = [t("compare_app.records_source", lang, folder=self.app.store.folder)]
        lines += [t("compare_app.added_source", lang, path=path) for path in self.paths]
        self.query_one("#sources-line", Static).update(plain("\n".join(lines)))
        skipped, merged = len(found.skipped), len(found.merged)
        self.query_one("#sources-count", Static).update(plain(
            t("compare_app.sources_count", lang, skipped=skipped, merged=merged) if skipped or merged
            else t("compare_app.sources_ok", lang)))
        self._show_view("sources", sources_view(found.skipped, found.merged, lang))
        self._show_details()
        tab = self.query_one(TabbedContent).get_tab("tab-sources")
        tab.label = plain(t("compare_app.tab.sources_warn", lang, count=skipped + merged) if skipped or merged
                          else t("compare_app.tab.sources", lang))

    def _show_view(self, table_id: str, view: TableView) -> None:
        fill(self.query_one(f"#{table_id}", FiguresTable), view.columns, view.rows)
        if view.line is not None:
            self.query_one(f"#{view.line[0]}", Static).update(plain(view.line[1]))
        if view.details is not None:
            self._details[table_id] = view.details

    def _show_details(self) -> None:
        for kind, details in self._details.items():
            key = self.query_one(f"#{kind}", FiguresTable).selected_key
            self.query_one(f"#{kind}-detail", Static).update(plain(details.get(key or "", "")))

    # -- events ------------------------------------------------------------------------------

    @on(SelectionList.SelectedChanged, "#teams")
    def _teams_changed(self) -> None:
        self.refresh_figures()
        self._show_status()

    @on(Input.Submitted, "#since, #until")
    def _period_submitted(self) -> None:
        lang = self.app.lang
        dates = []
        self._period_error = ""
        for field in ("#since", "#until"):
            entry = self.query_one(field, Input)
            try:
                dates.append(parse_date(entry.value))
                entry.remove_class("invalid")
            except ValueError:
                entry.add_class("invalid")
                key, params = date_trouble(entry.value)
                self._period_error = t("compare_app.bad_date", lang, reason=t(key, lang, **params))
                dates.append(None)
        since, until = dates
        if not self._period_error and since and until and since > until:
            self._period_error = t("compare_app.reversed", lang, since=since.isoformat(), until=until.isoformat())
        if not self._period_error:
            self._period = (since, until)
            self.refresh_figures()
        self._show_status()

    @on(Input.Submitted, "#add-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        lang = self.app.lang
        text = event.value.strip()
        if not text:
            return
        path = Path(text).expanduser()
        if not path.exists():
            self.notify(t("compare_app.path_missing", lang, path=path), severity="warning")
            return
        if path.resolve() in {p.resolve() for p in self.paths}:
            self.notify(t("compare_app.path_known", lang, path=path))
            return
        self.paths.append(path)
        event.input.value = ""
        self.notify(t("compare_app.path_added", lang, path=path))
        self._start_loading()

    @on(DataTable.RowSelected, "FiguresTable")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.row_key.value)

    @on(DataTable.RowHighlighted, "#timeline, #recurring, #health, #overall, #sources")
    def _row_highlighted(self) -> None:
        self._show_details()

    # -- actions -----------------------------------------------------------------------------

    def _open(self, key: str | None) -> None:
        from tui.app.screens.minutes import MinutesScreen

        session = self.sessions.get(key or "")
        if session is None:
            self.notify(t("compare_app.no_session_row", self.app.lang))
            return
        self.app.push_screen(MinutesScreen(session, paths=[]))

    def action_open_minutes(self) -> None:
        """Read the minutes of the session in the selected row (of the table in view, else the timeline)."""
        table = self.focused if isinstance(self.focused, FiguresTable) else None
        if table is None:
            pane = self.query_one(TabbedContent).active_pane
            tables = list(pane.query(FiguresTable)) if pane is not None else []
            table = tables[-1] if tables else self.query_one("#timeline", FiguresTable)
        self._open(table.selected_key)

    def action_back(self) -> None:
        """Back to Home."""
        self.app.pop_screen()

    def action_reload(self) -> None:
        """Read the records folder and the added folders again."""
        self._start_loading()

    def action_add_folder(self) -> None:
        """Go to the line where a folder of session files is added."""
        self.action_show_tab("sources", focus=False)
        self.query_one("#add-path", Input).focus()

    def action_all_teams(self) -> None:
        """Compare all teams again."""
        self.query_one(TeamList).select_all()

    def action_period(self) -> None:
        """Go to the start of the period."""
        self.query_one("#since", Input).focus()

    def action_show_tab(self, name: str, focus: bool = True) -> None:
        """Show one kind of figure."""
        self.query_one(TabbedContent).active = f"tab-{name}"
        if focus:
            tables = list(self.query_one(f"#tab-{name}", TabPane).query("FiguresTable, TrendsView"))
            if tables:
                tables[-1 if name == "decisions" else 0].focus()
