"""The comparison report's charts as inline SVG: drawn from the figures, with words for screen readers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.compare_history import OOST, history
from tui.core.compare import compare
from tui.core.compare_render import layout
from tui.core.trends import Chart, Series, overall_charts, team_charts
from tui.render.charts import figure
from tui.render.compare_html import to_html


class _Tags(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _lines(values: tuple[float | None, ...], *more: tuple[float | None, ...]) -> Chart:
    series = tuple(Series(f"s{i}", v) for i, v in enumerate((values, *more)))
    return Chart("c", "lines", "Title", ("Says it.",), tuple(f"2026-0{i + 1}-01" for i in range(len(values))),
                 series, 1, 5)


def test_a_line_is_drawn_through_the_known_points_only():
    drawing = figure(_lines((2, None, 4), (None, None, 3))).split("<figcaption>")[0]  # the legend has samples
    tags = _Tags(drawing).tags
    polylines = [attrs for tag, attrs in tags if tag == "polyline"]
    assert len(polylines) == 1  # the second series has one point: a marker, no line
    points = [tuple(map(float, p.split(","))) for p in polylines[0]["points"].split()]
    assert len(points) == 2
    (x1, y1), (x2, y2) = points
    assert x1 < x2 and y2 < y1  # later is right, higher is up
    markers = [tag for tag, _ in tags if tag in ("circle", "rect", "polygon")]
    assert len(markers) == 3


def test_a_chart_has_a_title_and_a_description_for_screen_readers():
    page = figure(_lines((2, 3)))
    svg = next(attrs for tag, attrs in _Tags(page).tags if tag == "svg")
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "c-title c-desc"
    assert '<title id="c-title">Title</title>' in page
    assert '<desc id="c-desc">Says it.</desc>' in page
    assert "<figcaption><strong>Title</strong><ul><li>Says it.</li></ul></figcaption>" in page


def test_session_text_in_a_chart_stays_text():
    chart = Chart("c", "lines", "T", (("<b>x</b>", ": up"),), ("<script>alert(1)</script>",),
                  (Series("</svg><img src=x>", (3.0,)),), 1, 5)
    page = figure(chart)
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page


def test_stacked_bars_are_as_long_as_their_counts():
    report = compare(history())
    chart = next(c for c in overall_charts(report, "en") if c.kind == "stacked")
    tags = _Tags(figure(chart)).tags
    bars = [float(attrs["width"]) for tag, attrs in tags if tag == "rect" and "stroke" in attrs]
    counts = [v for row in range(len(chart.labels)) for s in chart.series if (v := s.values[row])]
    assert len(bars) == len(counts)
    ratios = [width / count for width, count in zip(bars, counts, strict=True)]
    assert max(ratios) - min(ratios) < 0.1  # one scale for every part of every bar (drawn to 0.1)


def test_the_report_page_draws_every_chart_and_links_the_overview_to_them():
    report = compare(history())
    page = to_html(layout(report, "en"), "en")
    tags = _Tags(page).tags
    ids = [attrs["id"] for tag, attrs in tags if tag == "figure"]
    expected = [c.ident for c in overall_charts(report, "en")]
    expected += [c.ident for i, team in enumerate(report.teams) for c in team_charts(i, team, "en")]
    assert sorted(ids) == sorted(expected)
    every_id = [attrs["id"] for _, attrs in tags if "id" in attrs]
    assert len(every_id) == len(set(every_id))
    links = {attrs["href"][1:] for tag, attrs in tags if tag == "a" and attrs.get("href", "").startswith("#team-")}
    assert links and links <= set(ids)
    assert not re.search(r"<p>chart[0-9a-f]{16}n\d+</p>", page)  # every marker became its chart
    assert OOST in page


def test_a_session_text_shaped_like_a_marker_is_not_replaced():
    sessions = history()
    sessions[0].frictions[0].text = "chart0000000000000000n0"
    page = to_html(layout(compare(sessions), "en"), "en")
    assert page.count("<figure") == len(overall_charts(compare(sessions), "en")) + sum(
        len(team_charts(i, t, "en")) for i, t in enumerate(compare(sessions).teams))
