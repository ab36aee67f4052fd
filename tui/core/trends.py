"""The comparison's trends as charts and plain sentences: what a coordinator sees at a glance.

Pure functions from a :class:`~tui.core.compare.Report` to :class:`Chart` descriptions (the
series to draw and the sentences that say the same in words) and to the overview at the top
of the report. Drawing lives in :mod:`tui.render.charts`; the text and Markdown reports
write only the sentences, so a screen reader and a printed page tell the same story.

A trend compares a series' first and last figure: a change of less than :data:`SCORE_STEP`
on a 1–5 score (or :data:`SHARE_STEP` of a share) counts as "about the same".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.core.compare import Report, TeamReport
from tui.core.i18n import label, t

SCORE_STEP = 0.25
"""The smallest change of a mean 1–5 score that counts as better or worse."""
SHARE_STEP = 0.05
"""The smallest change of a share (0–1) that counts as a rise or a fall."""
FOLLOW_PARTS = ("done", "partly", "not_done", "dropped", "not_reviewed")
"""The stacked parts of a follow-through bar, in drawing order."""

Text = str | tuple[str, ...]
"""A line: one text, or parts side by side (app words and user text) kept apart."""


@dataclass(frozen=True)
class Linked:
    """A line of the overview that points to the chart with the figures behind it."""

    text: Text
    target: str


@dataclass(frozen=True)
class Series:
    """One line of a line chart, or one part of the stacked bars: a name and a value per position."""

    name: str
    values: tuple[float | None, ...]
    changed: tuple[int, ...] = ()
    """Positions where the wording of a health statement changed (marked on the line)."""


@dataclass(frozen=True)
class Chart:
    """What to draw: the series over the positions, a title and the sentences that say it in words."""

    ident: str
    kind: Literal["lines", "stacked"]
    title: str
    summary: tuple[Text, ...]
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    low: float = 0.0
    high: float = 5.0
    percent: bool = False


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _shown(value: float, percent: bool) -> str:
    return f"{round(value * 100)}%" if percent else f"{round(value, 1):g}"


def direction(values: tuple[float | None, ...] | list[float | None], percent: bool = False) -> str:
    """"up", "down" or "same" from the first to the last figure; "few" with fewer than two figures."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return "few"
    change = known[-1] - known[0]
    step = SHARE_STEP if percent else SCORE_STEP
    return "up" if change >= step else "down" if change <= -step else "same"


def trend_sentence(values: tuple[float | None, ...] | list[float | None], lang: str, percent: bool = False) -> str:
    """"improved from 2.8 to 3.6 over 5 sessions" and its kin, for the figures that are there."""
    known = [v for v in values if v is not None]
    if not known:
        return t("trends.none", lang)
    if len(known) == 1:
        return t("trends.one", lang, value=_shown(known[0], percent))
    key = {"up": "trends.share_up" if percent else "trends.up",
           "down": "trends.share_down" if percent else "trends.down", "same": "trends.same"}[direction(known, percent)]
    return t(key, lang, first=_shown(known[0], percent), last=_shown(known[-1], percent), count=len(known))


def health_means(team: TeamReport) -> tuple[float | None, ...]:
    """Per session of the team (timeline order), the mean of its health-check scores (None: none given)."""
    scores: dict[str, list[float]] = {}
    for points in team.health.values():
        for point in points:
            scores.setdefault(point.session_id, []).append(point.score)
    return tuple(_mean(scores.get(row.session_id, [])) for row in team.timeline)


def team_measure(team: TeamReport) -> tuple[str, tuple[float | None, ...]]:
    """What says whether a team improves: its mean health check, or worth-our-time when it never scored one."""
    means = health_means(team)
    if any(value is not None for value in means):
        return "health", means
    return "worth", tuple(float(row.worth_score) if row.worth_score else None for row in team.timeline)


def _health_chart(ident: str, team: TeamReport, lang: str) -> Chart:
    positions = {row.session_id: index for index, row in enumerate(team.timeline)}
    series = []
    summary: list[Text] = []
    for statement_id, points in sorted(team.health.items()):
        values: list[float | None] = [None] * len(team.timeline)
        changed = []
        for number, point in enumerate(points):
            values[positions[point.session_id]] = point.score
            if number and point.wording != points[number - 1].wording:
                changed.append(positions[point.session_id])
        series.append(Series(points[-1].wording or statement_id, tuple(values), tuple(changed)))
        summary.append((points[-1].wording or statement_id, ": " + trend_sentence(values, lang)))
    means = health_means(team)
    summary.insert(0, f"{t('trends.health_mean', lang)}: {trend_sentence(means, lang)}")
    if any(s.changed for s in series):
        summary.append(t("trends.wording_marked", lang))
    return Chart(ident, "lines", t("trends.health_title", lang), tuple(summary),
                 tuple(row.date for row in team.timeline), tuple(series), 1, 5)


def _follow_summary(totals: dict[str, int], lang: str) -> str:
    reviewed = sum(totals[key] for key in ("done", "partly", "not_done", "dropped"))
    if not reviewed:
        return t("trends.follow_none", lang)
    return t("trends.follow_summary", lang, done=totals["done"], reviewed=reviewed, partly=totals["partly"],
             waiting=totals["not_reviewed"])


def _follow_series(rows: list[dict[str, int]], lang: str) -> tuple[Series, ...]:
    return tuple(Series(label("outcome", part, lang) if part != "not_reviewed" else t("compare.not_reviewed", lang),
                        tuple(float(row[part]) for row in rows)) for part in FOLLOW_PARTS)


def team_charts(index: int, team: TeamReport, lang: str) -> list[Chart]:
    """The charts of one team: health check, follow-through, influence share and worth-our-time."""
    dates = tuple(row.date for row in team.timeline)
    charts = []
    if team.health:
        charts.append(_health_chart(f"team-{index}-health", team, lang))
    follow = [{part: getattr(row, part) for part in FOLLOW_PARTS} for row in team.follow_through]
    charts.append(Chart(f"team-{index}-actions", "stacked", t("trends.follow_title", lang),
                        (_follow_summary(team.follow_through_totals(), lang),),
                        tuple(row.date for row in team.follow_through), _follow_series(follow, lang)))
    shares = tuple(share for _, share in team.influence_share)
    charts.append(Chart(f"team-{index}-influence", "lines", t("trends.influence_title", lang),
                        (trend_sentence(shares, lang, percent=True),), dates,
                        (Series(t("compare.influence", lang), shares),), 0, 1, percent=True))
    worth = tuple(float(row.worth_score) if row.worth_score else None for row in team.timeline)
    charts.append(Chart(f"team-{index}-worth", "lines", t("trends.worth_title", lang),
                        (trend_sentence(worth, lang),), dates, (Series(t("compare.col.worth", lang), worth),), 1, 5))
    return charts


def _per_team(ident: str, title: str, report: Report, values_of, lang: str, low: float, high: float,
              percent: bool = False) -> Chart:
    """One line per team over every session of the period, in date order (a team has no figure at
    another team's session); two sessions on one day keep two positions."""
    position = {row.session_id: index for index, row in enumerate(report.timeline)}
    dates = tuple(row.date for row in report.timeline)
    series, summary = [], []
    for team in report.teams:
        own = list(values_of(team))
        values: list[float | None] = [None] * len(dates)
        for row, value in zip(team.timeline, own, strict=True):
            if value is not None:
                values[position[row.session_id]] = value
        series.append(Series(team.team, tuple(values)))
        # The team's own figures are in the same order as on the line of all sessions, without its
        # gaps: reading those is the same sentence, not a pass over every session per team.
        summary.append((team.team, ": " + trend_sentence(own, lang, percent)))
    return Chart(ident, "lines", title, tuple(summary), dates, tuple(series), low, high, percent)


def overall_charts(report: Report, lang: str) -> list[Chart]:
    """The charts over all teams: health, worth-our-time and influence per team, follow-through per team."""
    if not report.teams:
        return []
    charts = []
    if any(team.health for team in report.teams):
        charts.append(_per_team("all-health", t("trends.teams_health_title", lang), report, health_means, lang, 1, 5))
    charts.append(_per_team("all-worth", t("trends.teams_worth_title", lang), report,
                            lambda team: [float(r.worth_score) if r.worth_score else None for r in team.timeline],
                            lang, 1, 5))
    charts.append(_per_team("all-influence", t("trends.teams_influence_title", lang), report,
                            lambda team: [share for _, share in team.influence_share], lang, 0, 1, percent=True))
    totals = [team.follow_through_totals() for team in report.teams]
    charts.append(Chart("all-actions", "stacked", t("trends.teams_follow_title", lang),
                        tuple((team.team, ": " + _follow_summary(total, lang))
                              for team, total in zip(report.teams, totals, strict=True)),
                        tuple(team.team for team in report.teams), _follow_series(totals, lang)))
    return charts


def _open_words(since: str, sessions: int, lang: str) -> str:
    if sessions == 1:
        return t("trends.open_new", lang, since=since)
    return t("trends.open_line", lang, since=since, count=sessions)


def _listed(names: list[str]) -> tuple[str, ...]:
    """Names side by side as separate parts ("A", ", ", "B"), so each stays isolated on its own."""
    parts: list[str] = []
    for name in names:
        parts += [", ", name] if parts else [name]
    return tuple(parts)


def overview(report: Report, lang: str) -> list[Text | Linked]:
    """The report's first page in plain words: who improves, who declines, open actions, shared frictions."""
    groups: dict[str, list[Linked]] = {"up": [], "down": [], "same": [], "few": []}
    for index, team in enumerate(report.teams):
        measure, values = team_measure(team)
        way = direction(values)
        sentence = f"{t(f'trends.measure_{measure}', lang)} {trend_sentence(values, lang)}"
        target = f"team-{index}-health" if measure == "health" else f"team-{index}-worth"
        groups[way].append(Linked(("- ", team.team, ": " + sentence), target))
    lines: list[Text | Linked] = []
    for way, key in (("up", "trends.improving"), ("down", "trends.declining"), ("same", "trends.steady"),
                     ("few", "trends.too_few")):
        if groups[way]:
            lines.append(t(key, lang) + ":")
            lines += groups[way]
    lines.append(t("trends.open_longest", lang) + ":")
    waiting = sorted(((action, index, team) for index, team in enumerate(report.teams) for action in team.open_since),
                     key=lambda item: (item[0].since, -item[0].sessions))[:5]
    lines += [Linked(("- ", team.team, ": “", action.what, "” " + _open_words(action.since, action.sessions, lang)),
                     f"team-{index}-actions") for action, index, team in waiting] or [t("trends.no_open", lang)]
    lines.append(t("trends.shared", lang) + ":")
    lines += [("- “", shared.text, "” — ", *_listed(shared.teams),
               " (" + t("trends.shared_line", lang, teams=len(shared.teams), sessions=shared.sessions) + ")")
              for shared in report.shared_frictions[:5]] or [t("trends.no_shared", lang)]
    return lines
