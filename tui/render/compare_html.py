"""The comparison report as one self-contained HTML page, styled like the HTML minutes, with its charts drawn.

The report's sections are written as Markdown (the same words as the Markdown report), with
a marker paragraph where each chart goes; the marker carries a random part per page, so no
text from a session can pose as one. After rendering, each marker becomes the chart's
``<figure>`` (inline SVG, see :mod:`tui.render.charts`), and the overview's lines link to them.
"""

from __future__ import annotations

import re
import secrets

from tui.core.compare_render import Section, to_markdown
from tui.core.i18n import t
from tui.core.trends import Chart
from tui.render.charts import CSS, figure
from tui.render.html_minutes import page


def to_html(sections: list[Section], lang: str) -> str:
    """One self-contained page of the report's sections (laid out by :func:`tui.core.compare_render.layout`)."""
    nonce = secrets.token_hex(8)
    figures: dict[str, str] = {}

    def marker(chart: Chart) -> list[str]:
        key = f"chart{nonce}n{len(figures)}"
        figures[key] = figure(chart)
        return ["", key, ""]

    result = page(to_markdown(sections, links=True, chart=marker), t("compare.title", lang), lang, CSS)
    # One pass over the page: replacing marker after marker rescanned the whole page for each
    # of a large report's thousands of charts. Each marker is replaced once, at its first place.
    return re.sub(rf"<p>(chart{nonce}n[0-9]+)</p>", lambda found: figures.pop(found[1], found[0]), result)
