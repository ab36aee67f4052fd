"""The comparison report as text, Markdown or JSON (HTML: :mod:`tui.render.compare_html`).

The report is first laid out as neutral sections (heading, lines, tables), then written in
the chosen format, so every format carries exactly the same figures.

Team names, frictions, wordings and file names come from sessions and files. The text
format shows them through :func:`tui.core.text.visible` (no terminal control reaches the
terminal); Markdown and HTML put them through :mod:`tui.core.markdown_text` (escaped,
isolated, on one line). Where a line or cell mixes app words with such text, it is laid out
as a tuple of parts, so each part is isolated on its own and none can reorder the others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from collections.abc import Callable

import msgspec

from tui.core.compare import Report, TeamReport
from tui.core.i18n import label, t
from tui.core.markdown_text import cell, line
from tui.core.text import visible
from tui.core.trends import Chart, Linked, Text, overall_charts, overview, team_charts

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None], low: float, high: float) -> str:
    """A row of block characters for a series; a gap (·) where a value is missing."""
    marks = []
    for value in values:
        if value is None:
            marks.append("·")
        else:
            share = 0.0 if high == low else (value - low) / (high - low)
            marks.append(SPARKS[min(len(SPARKS) - 1, max(0, round(share * (len(SPARKS) - 1))))])
    return "".join(marks)


def _parts(value: Text | Linked) -> tuple[str, ...]:
    if isinstance(value, Linked):
        value = value.text
    return (value,) if isinstance(value, str) else value


def _shown(value: Text) -> str:
    """A line or cell for the terminal: one line, every control shown as a visible symbol."""
    return visible("".join(_parts(value)), one_line=True)


@dataclass
class Table:
    """A table: column headings and rows of plain text."""

    header: list[Text]
    rows: list[list[Text]]


@dataclass
class Section:
    """A heading with lines of text and tables below it; a line starting with "- " is a list item."""

    title: str
    level: int = 2
    lines: list[Text | Linked] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    """Drawn in HTML; in text and Markdown their title and sentences stand in their place."""


def _spread(counts: tuple[int, ...]) -> str:
    """How the members of the latest session scored, 1 to 5 as "0·1·3·2·0", when more than one person scored."""
    return "·".join(str(count) for count in counts) if sum(counts) > 1 else "—"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _follow_line(totals: dict[str, int], lang: str) -> str:
    parts = [f"{label('outcome', key, lang)}: {totals[key]}" for key in ("done", "partly", "not_done", "dropped")]
    parts.append(f"{t('compare.not_reviewed', lang)}: {totals['not_reviewed']}")
    return f"{t('compare.actions_total', lang, count=totals['actions'])} — " + ", ".join(parts)


def _team_sections(index: int, report: TeamReport, lang: str) -> list[Section]:
    sections = [Section(report.team, 2, [t("compare.team_sessions", lang, count=report.sessions)])]
    timeline = Table(
        [t(f"compare.col.{c}", lang) for c in ("date", "present", "goes_well", "frictions", "actions", "worth",
                                               "overall")],
        [[row.date, f"{row.present}/{row.roster}", str(row.goes_well), str(row.frictions), str(row.actions),
          f"{row.worth_score}/5" if row.worth_score else "—",
          label("overall", row.overall_decision, lang) if row.overall_decision else "—"] for row in report.timeline],
    )
    worth = [row.worth_score for row in report.timeline]
    sections.append(Section(t("compare.timeline", lang), 3,
                            [f"{t('compare.worth_trend', lang)}: {sparkline(worth, 1, 5)}"], [timeline]))
    attendance = sorted({org for row in report.timeline for org in row.attendance_by_organisation})
    if attendance:
        sections[-1].tables.append(Table(
            [t("compare.col.date", lang), *attendance],
            [[row.date, *("{}/{}".format(*row.attendance_by_organisation[org])
                          if org in row.attendance_by_organisation else "—" for org in attendance)]
             for row in report.timeline]))
    follow = Table(
        [t(f"compare.col.{c}", lang) for c in ("date", "actions")] + [label("outcome", o, lang) for o in
                                                                       ("done", "partly", "not_done", "dropped")]
        + [t("compare.not_reviewed", lang)],
        [[row.date, str(row.actions), str(row.done), str(row.partly), str(row.not_done), str(row.dropped),
          str(row.not_reviewed)] for row in report.follow_through],
    )
    open_lines = [t("compare.open_actions", lang, count=len(report.open_actions))]
    open_lines += [("- ", what) for what in report.open_actions]
    sections.append(Section(t("compare.follow_through", lang), 3,
                            [_follow_line(report.follow_through_totals(), lang), *open_lines], [follow]))
    recurring = Table(
        [t(f"compare.col.{c}", lang) for c in ("friction", "category", "first", "last", "sessions", "within")],
        [[r.text, r.category or "—", r.first_seen, r.last_seen, str(r.sessions),
          t("compare.yes" if r.ever_within_influence else "compare.no", lang)] for r in report.recurring],
    )
    sections.append(Section(t("compare.recurring", lang), 3,
                            [] if report.recurring else [t("compare.none", lang)],
                            [recurring] if report.recurring else []))
    shares = [share for _, share in report.influence_share]
    sections.append(Section(t("compare.influence", lang), 3, [
        f"{t('compare.influence_trend', lang)}: {sparkline(shares, 0, 1)}  "
        + ", ".join(f"{date} {_percent(share)}" for date, share in report.influence_share)]))
    health_rows = []
    for statement_id, points in sorted(report.health.items()):
        scores = [p.score for p in points]
        changed = " ⚠ " + t("compare.wording_changed", lang) if statement_id in report.wording_changed else ""
        health_rows.append([statement_id, (points[-1].wording, changed), sparkline(scores, 1, 5),
                            " ".join(f"{p.score:g}" for p in points), _spread(points[-1].counts)])
    sections.append(Section(t("compare.health", lang), 3, [] if health_rows else [t("compare.none", lang)],
                            [Table([t(f"compare.col.{c}", lang)
                                    for c in ("statement", "wording", "trend", "scores", "spread")],
                                   health_rows)] if health_rows else []))
    decisions = ", ".join(f"{label('decision', k, lang)}: {v}" for k, v in report.decisions.items())
    overall = ", ".join(f"{date} {label('overall', d, lang)}" for date, d in report.overall_decisions) or "—"
    sections.append(Section(t("compare.decisions", lang), 3,
                            [decisions, f"{t('compare.overall', lang)}: {overall}"]))
    for wording_id in report.wording_changed:
        wordings = list(dict.fromkeys(p.wording for p in report.health[wording_id]))
        quoted = [part for w in wordings for part in (" → “", w, "”")]
        sections[-2].lines.append((wording_id, ": “", *quoted[1:]))
    home = {"health": 5, "actions": 2, "influence": 4, "worth": 1}
    for chart in team_charts(index, report, lang):
        sections[home[chart.ident.rsplit("-", 1)[1]]].charts.append(chart)
    return sections


def shown_period(report: Report) -> tuple[str, str]:
    """The period as asked for, each open end filled with the first or last session's date."""
    first, last = (report.timeline[0].date, report.timeline[-1].date) if report.timeline else ("…", "…")
    return report.since or first, report.until or last


def layout(report: Report, lang: str, skipped: list[tuple[str, str]] = (),
           merged: list[tuple[str, str]] = ()) -> list[Section]:
    """The whole report as sections: overview over all teams, then each team."""
    since, until = shown_period(report)
    period = t("compare.period", lang, since=since, until=until)
    summary = Section(t("compare.title", lang), 1, [
        t("compare.summary", lang, sessions=len(report.timeline), teams=len(report.teams)), period,
        _follow_line(report.follow_through, lang),
        f"{t('compare.influence', lang)}: {_percent(report.influence_share)}",
        ", ".join(f"{label('decision', k, lang)}: {v}" for k, v in report.decisions.items()),
        f"{t('compare.overall', lang)}: " + (", ".join(f"{label('overall', k, lang)}: {v}"
                                                        for k, v in sorted(report.overall_decisions.items())) or "—"),
    ])
    if report.health_means:
        summary.tables.append(Table([t("compare.col.statement", lang), t("compare.col.mean", lang)],
                                     [[report.health_wordings.get(sid, sid), f"{mean:g}"]
                                      for sid, mean in report.health_means.items()]))
    glance = Section(t("trends.overview", lang), 2, overview(report, lang), charts=overall_charts(report, lang))
    timeline = Section(t("compare.timeline_all", lang), 2, tables=[Table(
        [t(f"compare.col.{c}", lang) for c in ("date", "team", "present", "goes_well", "frictions", "actions",
                                               "worth", "overall")],
        [[row.date, row.team, f"{row.present}/{row.roster}", str(row.goes_well), str(row.frictions),
          str(row.actions), f"{row.worth_score}/5" if row.worth_score else "—",
          label("overall", row.overall_decision, lang) if row.overall_decision else "—"] for row in report.timeline],
    )])
    sections = [summary, glance, timeline]
    for index, team in enumerate(report.teams):
        sections += _team_sections(index, team, lang)
    if skipped or merged:
        notes = Section(t("compare.input", lang), 2)
        notes.lines += [("- ", f"{t('compare.skipped', lang)} ", str(source), ": ", reason)
                        for source, reason in skipped]
        notes.lines += [("- ", f"{t('compare.merged', lang)} ", reason) for _, reason in merged]
        sections.append(notes)
    return sections


def to_text(sections: list[Section]) -> str:
    """Plain text with aligned columns, for the terminal."""
    out: list[str] = []
    for section in sections:
        underline = "=" if section.level == 1 else "-" if section.level == 2 else "·"
        title = _shown(section.title)
        out += ["", title, underline * len(title)]
        out += [_shown(text) for text in section.lines]
        for chart in section.charts:
            out += ["", f"▸ {chart.title}"]
            out += ["  " + _shown(text) for text in chart.summary]
        for table in section.tables:
            rows = [[_shown(value) for value in row] for row in (table.header, *table.rows)]
            widths = [max(len(row[i]) for row in rows) for i in range(len(table.header))]
            out.append("")
            out += ["  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(out).lstrip("\n") + "\n"


def _markdown_line(text: Text | Linked, links: bool) -> str:
    first, *rest = _parts(text)
    item = first.startswith("- ")
    shown = line(first[2:] if item else first, *rest)
    if links and isinstance(text, Linked):
        shown = f"[{shown}](#{text.target})"
    return f"- {shown}" if item else shown + "  "


def chart_markdown(chart: Chart) -> list[str]:
    """A chart in words: its title in bold and its sentences as a list (the text alternative)."""
    return ["", f"**{line(chart.title)}**", "", *(f"- {line(*_parts(text))}" for text in chart.summary)]


def to_markdown(sections: list[Section], links: bool = False,
                chart: Callable[[Chart], list[str]] = chart_markdown) -> str:
    """Markdown; all text from sessions is escaped so it stays text.

    ``links`` makes the overview's lines links to their charts (for the HTML page, where the
    charts are drawn); ``chart`` writes a chart (the HTML page puts a marker to draw it at).
    """
    out: list[str] = []
    for section in sections:
        out += ["", f"{'#' * section.level} {line(section.title)}", ""]
        item = False
        for text in section.lines:
            line_item = _parts(text)[0].startswith("- ")
            if item and not line_item:
                out.append("")  # a line after a list starts a paragraph, not a continuation of the last item
            out.append(_markdown_line(text, links))
            item = line_item
        for each in section.charts:
            out += chart(each)
        for table in section.tables:
            out += ["", "| " + " | ".join(cell(*_parts(h)) for h in table.header) + " |",
                    "|" + "|".join(" --- " for _ in table.header) + "|"]
            out += ["| " + " | ".join(cell(*_parts(v)) for v in row) + " |" for row in table.rows]
    return "\n".join(out).lstrip("\n") + "\n"


def to_json(report: Report, skipped: list[tuple[str, str]] = (), merged: list[tuple[str, str]] = ()) -> str:
    """All figures as JSON, for scripts: indented by two spaces, characters as they are."""
    data = _json_data(report, skipped, merged)
    try:
        return _encoded(data).decode("utf-8") + "\n"
    except UnicodeEncodeError:  # text UTF-8 cannot hold (a lone surrogate in a file name): as before
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_json_bytes(report: Report, skipped: list[tuple[str, str]] = (),
                  merged: list[tuple[str, str]] = ()) -> bytes:
    """:func:`to_json` in UTF-8, as a file holds it: a large report is not copied into text and back.

    ``UnicodeEncodeError`` when the report holds what UTF-8 cannot (a lone surrogate).
    """
    data = _json_data(report, skipped, merged)
    try:
        return _encoded(data) + b"\n"
    except UnicodeEncodeError:
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_data(report: Report, skipped: list[tuple[str, str]], merged: list[tuple[str, str]]) -> dict:
    data = msgspec.to_builtins(report)
    data["skipped"] = [{"source": s, "reason": r} for s, r in skipped]
    data["merged"] = [{"names": s, "reason": r} for s, r in merged]
    return data


def _encoded(data: dict) -> bytes:
    """``data`` as msgspec writes it, indented by two spaces: what ``json.dumps(data,
    ensure_ascii=False, indent=2)`` wrote (a float in exponent form aside: ``1e-7``, not
    ``1e-07``), several times faster; over thousands of sessions, converting and writing the
    report was most of the command."""
    return msgspec.json.format(msgspec.json.encode(data), indent=2)
