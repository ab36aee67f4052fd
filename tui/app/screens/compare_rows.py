"""The compare figures as table rows: a :class:`~tui.core.compare.Report` in, rows of cells out.

Pure functions apart from Rich's ``Text`` (made by :func:`tui.app.safe.plain`) for bold totals;
the Compare screen shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.app.safe import plain
from tui.app.widgets.figures import Row
from tui.core.compare import Report
from tui.core.compare_render import sparkline
from tui.core.i18n import label, t
from tui.core.model import REVIEW_OUTCOMES, Session

TOTAL = "total:"
"""Prefix of the keys of rows that are totals, not sessions."""


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _decision(value: str | None, status: str, lang: str) -> str:
    if value:
        return label("overall", value, lang)
    return "— (" + t("compare_app.in_progress", lang) + ")" if status == "in_progress" else "—"


def timeline_rows(report: Report, lang: str) -> list[Row]:
    """Date, team, present/roster, goes well, frictions, actions, worth, decision — one row per session."""
    return [(row.session_id, [
        row.date, row.team, f"{row.present}/{row.roster}", str(row.goes_well), str(row.frictions),
        str(row.actions), f"{row.worth_score}/5" if row.worth_score else "—",
        _decision(row.overall_decision, row.status, lang),
    ]) for row in report.timeline]


def timeline_detail(report: Report, session_id: str | None, lang: str) -> str:
    """The highlighted session in one line, with the columns that may lie beyond the right edge."""
    row = next((row for row in report.timeline if row.session_id == session_id), None)
    if row is None:
        return ""
    return t("compare_app.session_detail", lang, date=row.date, team=row.team,
             worth=f"{row.worth_score}/5" if row.worth_score else "—",
             decision=_decision(row.overall_decision, row.status, lang))


def worth_line(report: Report, lang: str) -> str:
    """Worth-our-time per team as a small text chart (1–5; · where not rated)."""
    parts = [f"{team.team} {sparkline([r.worth_score for r in team.timeline], 1, 5)}" for team in report.teams]
    return f"{t('compare.worth_trend', lang)}: " + (" · ".join(parts) or "—")


def _count_cells(counts: dict[str, int]) -> list[str]:
    return [str(counts["actions"]), *(str(counts[o]) for o in REVIEW_OUTCOMES), str(counts["not_reviewed"])]


def follow_rows(report: Report, lang: str) -> list[Row]:
    """Per session: actions and what became of them at the team's next session; totals per team and overall."""
    rows: list[Row] = []
    for team in report.teams:
        for row in team.follow_through:
            counts = {"actions": row.actions, "not_reviewed": row.not_reviewed,
                      **{o: getattr(row, o) for o in REVIEW_OUTCOMES}}
            rows.append((row.session_id, [row.date, team.team, *_count_cells(counts)]))
        if len(report.teams) > 1:
            cells = [t("compare_app.total", lang), team.team, *_count_cells(team.follow_through_totals())]
            rows.append((TOTAL + team.team, [plain(c, "bold", one_line=True) for c in cells]))
    if report.teams:
        cells = [t("compare_app.total", lang), t("compare_app.all_teams", lang), *_count_cells(report.follow_through)]
        rows.append((TOTAL, [plain(c, "bold", one_line=True) for c in cells]))
    return rows


def follow_line(report: Report, lang: str) -> str:
    """The totals over all chosen teams in one line."""
    totals = report.follow_through
    parts = [f"{label('outcome', key, lang)}: {totals[key]}" for key in REVIEW_OUTCOMES]
    parts.append(f"{t('compare.not_reviewed', lang)}: {totals['not_reviewed']}")
    return f"{t('compare.follow_through', lang)} — {t('compare.actions_total', lang, count=totals['actions'])}: " \
        + ", ".join(parts)


def recurring_rows(report: Report, lang: str) -> list[Row]:
    """Frictions that came back: text, team, category, first/last seen, sessions, ever within influence."""
    return [(f"{team.team}:{index}", [
        r.text, team.team, r.category or "—", r.first_seen, r.last_seen, str(r.sessions),
        t("compare.yes" if r.ever_within_influence else "compare.no", lang),
    ]) for team in report.teams for index, r in enumerate(team.recurring)]


def influence_rows(report: Report) -> list[Row]:
    """Per session: the share of its sorted frictions that lies within the team's own influence."""
    rows = []
    for team in report.teams:
        for row, (date, share) in zip(team.timeline, team.influence_share):
            rows.append((row.session_id, [date, team.team, _percent(share)]))
    rows.sort(key=lambda row: (row[1][0], row[1][1]))
    return rows


def influence_line(report: Report, lang: str) -> str:
    """The overall share, and per team its course over time."""
    trends = " · ".join(f"{team.team} {sparkline([s for _, s in team.influence_share], 0, 1)}"
                        for team in report.teams)
    return f"{t('compare.influence', lang)}: {_percent(report.influence_share)}\n" \
        f"{t('compare.influence_trend', lang)}: {trends or '—'}"


def health_rows(report: Report, lang: str) -> list[Row]:
    """Per team and statement: trend, scores, mean and the latest wording (marked when it changed)."""
    rows: list[Row] = []
    for team in report.teams:
        for statement, points in sorted(team.health.items()):
            scores = [p.score for p in points]
            wording = points[-1].wording
            if statement in team.wording_changed:
                wording = f"⚠ {t('compare.wording_changed', lang)}: {wording}"
            rows.append((f"{team.team}:{statement}", [
                team.team, statement, sparkline(scores, 1, 5), " ".join(f"{s:g}" for s in scores),
                f"{round(sum(scores) / len(scores), 2):g}", wording,
            ]))
    return rows


def note_decision_rows(report: Report) -> list[Row]:
    """Per team: how many notes were kept, adjusted or stopped."""
    return [(TOTAL + team.team, [team.team, *(str(team.decisions[k]) for k in ("keep", "adjust", "stop"))])
            for team in report.teams]


def overall_rows(report: Report, sessions: dict[str, Session], lang: str) -> list[Row]:
    """Every decision on the collaboration: date, team, decision, and why."""
    return [(row.session_id, [row.date, row.team, label("overall", row.overall_decision, lang),
                              sessions[row.session_id].decision_rationale if row.session_id in sessions else ""])
            for row in report.timeline if row.overall_decision]


@dataclass
class TableView:
    """What one table of the Compare screen shows: headings, rows, the line above it, and per-row details."""

    columns: list[str]
    rows: list[Row]
    line: tuple[str, str] | None = None
    """The id of the line shown with the table, and its text."""
    details: dict[str, str] | None = None
    """Per row key, the whole story of the row (shown under the table for the highlighted row)."""


def report_views(report: Report, sessions: dict[str, Session], lang: str) -> dict[str, TableView]:
    """Every figures table of the Compare screen, by table id, for one report."""

    def col(name: str) -> str:
        return t(f"compare.col.{name}", lang)

    recurring = recurring_rows(report, lang)
    means = "; ".join(f"{report.health_wordings.get(sid, sid)} {mean:g}" for sid, mean in report.health_means.items())
    overall = overall_rows(report, sessions, lang)
    return {
        "timeline": TableView(
            [col(c) for c in ("date", "team", "present", "goes_well", "frictions", "actions", "worth", "overall")],
            timeline_rows(report, lang), ("worth-line", worth_line(report, lang)),
            {row.session_id: timeline_detail(report, row.session_id, lang) for row in report.timeline}),
        "follow": TableView(
            [col("date"), col("team"), col("actions"), *(label("outcome", o, lang) for o in REVIEW_OUTCOMES),
             t("compare.not_reviewed", lang)],
            follow_rows(report, lang), ("follow-line", follow_line(report, lang))),
        "recurring": TableView(
            [col(c) for c in ("friction", "team", "category", "first", "last", "sessions", "within")], recurring,
            ("recurring-line", f"{t('compare.recurring', lang)}: " + (
                t("compare_app.recurring_count", lang, count=len(recurring)) if recurring
                else t("compare.none", lang))),
            {f"{team.team}:{index}": t("compare_app.said_as", lang, texts=" · ".join(f"“{x}”" for x in r.texts))
             for team in report.teams for index, r in enumerate(team.recurring)}),
        "influence": TableView(
            [col("date"), col("team"), t("compare_app.col.share", lang)], influence_rows(report),
            ("influence-line", influence_line(report, lang))),
        "health": TableView(
            [col(c) for c in ("team", "statement", "trend", "scores", "mean", "wording")], health_rows(report, lang),
            ("health-line", f"{t('compare.health', lang)} — " + (
                t("compare_app.means", lang, means=means) if means else t("compare.none", lang))),
            {f"{team.team}:{sid}": t("compare_app.wordings", lang, statement=sid, wordings=" → ".join(
                f"“{w}”" for w in dict.fromkeys(p.wording for p in team.health[sid])))
             for team in report.teams for sid in team.health}),
        "note-decisions": TableView(
            [col("team"), *(label("decision", k, lang) for k in ("keep", "adjust", "stop"))],
            note_decision_rows(report)),
        "overall": TableView(
            [col("date"), col("team"), col("overall"), t("compare_app.col.why", lang)], overall,
            details={key: f"{cells[0]} {cells[1]} — {cells[2]}: {cells[3]}" for key, cells in overall}),
    }


def sources_view(skipped: list[tuple[str, str]], merged: list[tuple[str, str]], lang: str) -> TableView:
    """The Sources table: every file skipped and every team name merged, each with its reason."""
    rows: list[Row] = [(f"skipped:{n}", ["⚠ " + t("compare.skipped", lang), source, reason])
                       for n, (source, reason) in enumerate(skipped)]
    rows += [(f"merged:{n}", [t("compare.merged", lang).rstrip(":"), names, reason])
             for n, (names, reason) in enumerate(merged)]
    return TableView([t(f"compare_app.col.{c}", lang) for c in ("kind", "source", "reason")], rows,
                     details={key: f"{cells[1]}: {cells[2]}" for key, cells in rows})
