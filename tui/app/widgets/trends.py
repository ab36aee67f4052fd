"""The comparison's trends on screen: small bar charts drawn in text, one per team, beside their sentence.

A :class:`~tui.core.trends.Chart` from :mod:`tui.core.trends` is drawn for the width the
panel has: per team a column of block characters per session on the chart's fixed scale
(1–5, or 0–100 %), so a step from 2.9 to 3.0 looks small, unlike a sparkline that stretches
any series to its own minimum and maximum. Follow-through is one stacked bar per team whose
parts differ in their character, not only in colour. Team names pass through :func:`plain`
(as text, controls visible) and are cut with an ellipsis where the column ends.
"""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from tui.app.safe import plain, shown
from tui.core.compare import Report
from tui.core.i18n import t
from tui.core.trends import FOLLOW_PARTS, Chart, Linked, overall_charts, overview

BAR_ROWS = 3
"""Rows of one team's bar chart: 24 steps between the lowest and the highest value."""
EIGHTHS = " ▁▂▃▄▅▆▇█"
PART_MARKS = {"done": "█", "partly": "▓", "not_done": "▒", "dropped": "░", "not_reviewed": "·"}
"""Each part of a follow-through bar has its own character (readable without colour)."""
PART_STYLES = {"done": "green", "partly": "cyan", "not_done": "yellow", "dropped": "red", "not_reviewed": "dim"}


def _cut(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` cells with an ellipsis when it is longer."""
    text = shown(text, one_line=True)
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    while text and cell_len(text) > width - 1:
        text = text[:-1]
    return text + "…" + " " * (width - 1 - cell_len(text))


def _column(value: float | None, low: float, high: float) -> list[str]:
    """One value as a column of BAR_ROWS characters, top row first; a dot where there is no value."""
    if value is None:
        return [" "] * (BAR_ROWS - 1) + ["·"]
    share = 0.0 if high == low else min(1.0, max(0.0, (value - low) / (high - low)))
    filled = max(1, round(share * BAR_ROWS * 8))
    rows = []
    for row in range(BAR_ROWS):
        rest = filled - (BAR_ROWS - 1 - row) * 8
        rows.append(EIGHTHS[max(0, min(8, rest))])
    return rows


def _scale(value: float, percent: bool) -> str:
    return f"{round(value * 100)}%" if percent else f"{value:g}"


def lines_chart(chart: Chart, width: int) -> list[Text]:
    """A line chart as rows of bars per series (a team), with the series' sentence to the right.

    For the charts over all teams, whose sentences are one per series, in the same order.
    """
    out = [plain(chart.title, "bold", one_line=True)]
    name_width = max(8, min(22, width // 4))
    top, bottom = _scale(chart.high, chart.percent), _scale(chart.low, chart.percent)
    gutter = max(len(top), len(bottom))
    for series, sentence in zip(chart.series, chart.summary, strict=False):
        values = [v for v in series.values if v is not None]
        room = max(1, (width - name_width - gutter - 24) // 3)
        shown_values = values[-room:]
        columns = [_column(v, chart.low, chart.high) for v in shown_values]
        words = sentence if isinstance(sentence, str) else "".join(sentence[1:])
        bars_width = gutter + 1 + 3 * len(columns) + (1 if len(values) > room else 0)
        text_width = max(12, width - name_width - bars_width - 2)
        wrapped = textwrap.wrap(words.lstrip(": "), text_width) or [""]
        for row in range(max(BAR_ROWS, len(wrapped))):
            line = plain(_cut(series.name, name_width) if row == 0 else " " * name_width)
            if row < BAR_ROWS:
                mark = top if row == 0 else bottom if row == BAR_ROWS - 1 else ""
                line.append(plain(mark.rjust(gutter) + "▕", "dim"))
                if len(values) > room:
                    line.append(plain("…", "dim"))
                for column in columns:
                    line.append(plain(column[row] * 2 + " ", "bold"))
            else:
                line.append(plain(" " * bars_width))
            line.append(plain(" " + (wrapped[row] if row < len(wrapped) else "")))
            out.append(line)
    return out


def stacked_chart(chart: Chart, width: int, lang: str) -> list[Text]:
    """Follow-through per team: one bar whose parts are done, partly, not done, dropped and not reviewed."""
    out = [plain(chart.title, "bold", one_line=True)]
    name_width = max(8, min(22, width // 4))
    bar_width = max(10, width - name_width - 14)
    totals = [sum(series.values[row] or 0 for series in chart.series) for row in range(len(chart.labels))]
    widest = max(totals, default=0) or 1
    for row, name in enumerate(chart.labels):
        line = plain(_cut(name, name_width) + " ")
        for part, series in zip(FOLLOW_PARTS, chart.series, strict=True):
            count = series.values[row] or 0
            cells = round(bar_width * count / widest)
            if count and not cells:
                cells = 1
            line.append(plain(PART_MARKS[part] * cells, PART_STYLES[part]))
        reviewed = sum(int(s.values[row] or 0) for s in chart.series[:4])
        line.append(plain(f"  {int(chart.series[0].values[row] or 0)}/{reviewed}"))
        out.append(line)
    legend = plain("")
    for part, series in zip(FOLLOW_PARTS, chart.series, strict=True):
        legend.append(plain(PART_MARKS[part], PART_STYLES[part]))
        legend.append(plain(f" {series.name}  "))
    out.append(legend)
    out.append(plain(t("trends.done_of_reviewed", lang), "dim"))
    return out


class TrendPanel(Widget):
    """One chart of the comparison, drawn in text for the width the panel has."""

    def __init__(self, chart: Chart, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.chart = chart
        self.lang = lang

    def _lines(self, width: int) -> list[Text]:
        if self.chart.kind == "stacked":
            return stacked_chart(self.chart, width, self.lang)
        return lines_chart(self.chart, width)

    def get_content_height(self, container, viewport, width: int) -> int:
        """As many rows as the chart needs at this width."""
        return len(self._lines(width)) + 1

    def render(self) -> Text:
        """The chart's rows, with an empty row below it."""
        lines = self._lines(self.content_size.width or 80)
        return plain("\n").join([*lines, plain("")])


class TrendsView(VerticalScroll, can_focus=True):
    """The overview at a glance and the charts over all teams, for the chosen teams and period."""

    def show(self, report: Report, lang: str) -> None:
        """Replace what is shown with the trends of ``report``."""
        self.remove_children()
        lines = []
        for line in overview(report, lang):
            text = line.text if isinstance(line, Linked) else line
            lines.append("".join((text,) if isinstance(text, str) else text))
        widgets: list[Widget] = [Static(plain("\n".join(lines)), classes="trends-overview")]
        widgets += [TrendPanel(chart, lang, classes="trend") for chart in overall_charts(report, lang)]
        self.mount_all(widgets)
