"""The comparison report as one self-contained HTML page, styled like the HTML minutes."""

from __future__ import annotations

from tui.core.compare_render import Section, to_markdown
from tui.core.i18n import t
from tui.render.html_minutes import page


def to_html(sections: list[Section], lang: str) -> str:
    """One self-contained page of the report's sections (laid out by :func:`tui.core.compare_render.layout`)."""
    return page(to_markdown(sections), t("compare.title", lang), lang)
