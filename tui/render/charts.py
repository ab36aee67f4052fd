"""Charts of the comparison as inline SVG: no script, no external file, readable printed and on a phone.

A :class:`~tui.core.trends.Chart` becomes one ``<figure>``: the SVG (with ``<title>`` and
``<desc>`` for screen readers), a caption with the same sentences as the text report, and a
legend in HTML (so its words stay readable at 360 px, where the drawing shrinks). Lines
differ in colour, dash and marker, bars in colour and hatching, so the charts also read in
black and white. Every text from a session is escaped and isolated (bidi) before it is drawn.
"""

from __future__ import annotations

import html

from tui.core.text import isolate, visible
from tui.core.trends import FOLLOW_PARTS, Chart, Text

WIDTH = 480
"""Width of a chart's drawing in its own units (it scales to the page)."""
LINE_HEIGHT = 220
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 44, 16, 14, 30
BAR_ROW = 44
"""Height of one row of stacked bars (its label above the bar)."""

COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#1a1a1a")
"""Colours that stay apart for colour-blind readers (Okabe and Ito), dark enough on white."""
DASHES = ("", "7 4", "2 3", "10 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond")
PART_COLOURS = {"done": "#009E73", "partly": "#56B4E9", "not_done": "#E69F00", "dropped": "#D55E00"}
"""Colours of the follow-through parts; "not reviewed yet" is hatched grey."""

CSS = """
figure.chart { margin: 1rem 0 1.4rem; padding: 0.6rem 0.7rem; border: 1px solid #d0d7de; border-radius: 6px;
  break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; max-height: 22rem; }
figure.chart svg text { font-family: inherit; fill: #1a1a1a; }
figure.chart + .table-wrap th, .table-wrap th, .table-wrap td { overflow-wrap: break-word; }
figure.chart figcaption { font-size: 0.95rem; }
figure.chart figcaption ul { margin: 0.2rem 0 0; padding-left: 1.2rem; }
ul.legend { list-style: none; padding: 0; margin: 0.4rem 0 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem;
  font-size: 0.9rem; }
ul.legend li { display: flex; align-items: center; gap: 0.35rem; margin: 0; }
ul.legend svg { width: 2rem; height: 0.9rem; flex: none; }
@media print { figure.chart { border-color: #999; } }
"""


def _text(value: str) -> str:
    """Text from a session, safe and isolated for SVG or HTML."""
    return html.escape(isolate(visible(value, one_line=True)))


def _caption_line(text: Text) -> str:
    """A sentence of the caption, each part (app words or session text) escaped and isolated on its own."""
    return "".join(_text(part) for part in ((text,) if isinstance(text, str) else text))


def _marker(kind: str, x: float, y: float, colour: str, size: float = 4.0) -> str:
    if kind == "square":
        return f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size:.1f}" height="{2 * size:.1f}" fill="{colour}"/>'
    if kind == "triangle":
        return (f'<polygon points="{x:.1f},{y - size - 1:.1f} {x - size - 1:.1f},{y + size:.1f} '
                f'{x + size + 1:.1f},{y + size:.1f}" fill="{colour}"/>')
    if kind == "diamond":
        return (f'<polygon points="{x:.1f},{y - size - 1:.1f} {x + size + 1:.1f},{y:.1f} {x:.1f},{y + size + 1:.1f} '
                f'{x - size - 1:.1f},{y:.1f}" fill="{colour}"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}"/>'


def _style(index: int) -> tuple[str, str, str]:
    return COLOURS[index % len(COLOURS)], DASHES[index // len(COLOURS) % len(DASHES)], MARKERS[index % len(MARKERS)]


def _tick(value: float, percent: bool) -> str:
    return f"{round(value * 100)}%" if percent else f"{value:g}"


def _lines_svg(chart: Chart) -> tuple[str, int]:
    inner_w = WIDTH - PAD_LEFT - PAD_RIGHT
    inner_h = LINE_HEIGHT - PAD_TOP - PAD_BOTTOM
    count = len(chart.labels)

    def x_of(index: int) -> float:
        return PAD_LEFT + (inner_w / 2 if count <= 1 else inner_w * index / (count - 1))

    def y_of(value: float) -> float:
        share = 0.0 if chart.high == chart.low else (value - chart.low) / (chart.high - chart.low)
        return PAD_TOP + inner_h * (1 - min(1.0, max(0.0, share)))

    ticks = [chart.low + (chart.high - chart.low) * step / 4 for step in range(5)] if chart.percent else \
        [float(v) for v in range(int(chart.low), int(chart.high) + 1)]
    out = []
    for tick in ticks:
        y = y_of(tick)
        out.append(f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - PAD_RIGHT}" y2="{y:.1f}" stroke="#e3e7eb"/>')
        out.append(f'<text x="{PAD_LEFT - 6}" y="{y + 4:.1f}" font-size="14" text-anchor="end">'
                   f'{_tick(tick, chart.percent)}</text>')
    bottom = LINE_HEIGHT - 8
    if count == 1:
        out.append(f'<text x="{x_of(0):.1f}" y="{bottom}" font-size="14" text-anchor="middle">'
                   f'{_text(chart.labels[0])}</text>')
    elif count > 1:
        out.append(f'<text x="{PAD_LEFT}" y="{bottom}" font-size="14">{_text(chart.labels[0])}</text>')
        out.append(f'<text x="{WIDTH - PAD_RIGHT}" y="{bottom}" font-size="14" text-anchor="end">'
                   f'{_text(chart.labels[-1])}</text>')
    for index, series in enumerate(chart.series):
        colour, dash, marker = _style(index)
        points = [(x_of(i), y_of(v)) for i, v in enumerate(series.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dashed}/>')
        out += [_marker(marker, x, y, colour) for x, y in points]
        for position in series.changed:
            value = series.values[position]
            if value is not None:
                out.append(_marker("diamond", x_of(position), y_of(value) - 11, "#1a1a1a", 4.5))
    return "".join(out), LINE_HEIGHT


def _hatch(ident: str) -> str:
    """The hatching of "not reviewed yet" (one per drawing: an id must be unique on the page)."""
    return (f'<defs><pattern id="{ident}" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#eef1f4"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#8c959f" stroke-width="2"/></pattern></defs>')


def _fill(part: str, hatch: str) -> str:
    return PART_COLOURS.get(part) or f"url(#{hatch})"


def _bars_svg(chart: Chart) -> tuple[str, int]:
    inner_w = WIDTH - 8
    totals = [sum(series.values[row] or 0 for series in chart.series) for row in range(len(chart.labels))]
    widest = max(totals, default=0) or 1
    hatch = f"{chart.ident}-hatch"
    out = [_hatch(hatch)]
    for row, label in enumerate(chart.labels):
        top = row * BAR_ROW
        out.append(f'<text x="4" y="{top + 15}" font-size="15">{_text(label)}</text>')
        x = 4.0
        for part, series in zip(FOLLOW_PARTS, chart.series, strict=True):
            value = series.values[row] or 0
            if not value:
                continue
            width = inner_w * value / widest
            out.append(f'<rect x="{x:.1f}" y="{top + 19}" width="{width:.1f}" height="18" '
                       f'fill="{_fill(part, hatch)}" stroke="#ffffff"/>')
            if width >= 16:
                fill = "#1a1a1a" if part in ("partly", "not_reviewed", "not_done") else "#ffffff"
                out.append(f'<text x="{x + width / 2:.1f}" y="{top + 32}" font-size="14" text-anchor="middle" '
                           f'style="fill:{fill}">{value:g}</text>')
            x += width
        if not totals[row]:
            out.append(f'<text x="4" y="{top + 32}" font-size="14">—</text>')
    return "".join(out), max(BAR_ROW * len(chart.labels), BAR_ROW)


def _legend(chart: Chart) -> str:
    items = []
    for index, series in enumerate(chart.series):
        if chart.kind == "stacked":
            part = FOLLOW_PARTS[index]
            hatch = f"{chart.ident}-key-hatch"
            sample = ((_hatch(hatch) if part not in PART_COLOURS else "")
                      + f'<rect x="2" y="1" width="28" height="12" fill="{_fill(part, hatch)}"/>')
            name = html.escape(series.name)
        else:
            colour, dash, marker = _style(index)
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            sample = (f'<line x1="1" y1="7" x2="31" y2="7" stroke="{colour}" stroke-width="2.5"{dashed}/>'
                      + _marker(marker, 16, 7, colour))
            name = _text(series.name)
        items.append(f'<li><svg viewBox="0 0 32 14" aria-hidden="true">{sample}</svg><span>{name}</span></li>')
    return f'<ul class="legend">{"".join(items)}</ul>'


def figure(chart: Chart) -> str:
    """One chart as a self-contained ``<figure>``: drawing, caption (its text alternative) and legend."""
    drawing, height = _bars_svg(chart) if chart.kind == "stacked" else _lines_svg(chart)
    ident = html.escape(chart.ident)
    title = html.escape(chart.title)
    sentences = [_caption_line(text) for text in chart.summary]
    desc = " ".join(html.unescape(s) for s in sentences)
    return (
        f'<figure class="chart" id="{ident}">'
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{ident}-title">{title}</title>'
        f'<desc id="{ident}-desc">{html.escape(desc)}</desc>{drawing}</svg>'
        f'<figcaption><strong>{title}</strong><ul>{"".join(f"<li>{s}</li>" for s in sentences)}</ul></figcaption>'
        f"{_legend(chart)}</figure>"
    )
