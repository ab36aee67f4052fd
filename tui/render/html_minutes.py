"""HTML minutes: the Markdown minutes rendered by markdown-it-py into one self-contained page.

The page carries its own CSS (readable on a 360 px phone, printable on A4 with page
numbers), no scripts, fonts, images or links to anything outside itself. Raw HTML is
off in the renderer, so whatever a user typed stays text. The parts that are not made from
Markdown (the page title, the table of contents, the column labels of table cells on a phone)
take the text the reader sees, never Markdown source, and keep user text isolated in them as
in the body. ``markdown_it`` is imported when a page is made, not when Terugblik starts.
"""

from __future__ import annotations

import html
import re
import unicodedata

from tui.core.i18n import t
from tui.core.minutes import render_markdown
from tui.core.model import Session

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; padding: 16px; max-width: 46rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 16px; line-height: 1.5; color: #1a1a1a; background: #ffffff;
  overflow-wrap: anywhere;
}
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.8rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #d0d7de; }
h2 a.anchor { color: inherit; text-decoration: none; }
p, ul, ol { margin: 0.4rem 0 0.8rem; }
ul { padding-left: 1.3rem; }
li { margin: 0.25rem 0; }
hr { border: 0; border-top: 1px solid #d0d7de; margin: 2rem 0 1rem; }
nav.toc { background: #f3f5f7; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6rem 1rem; margin: 1rem 0; }
nav.toc h2 { font-size: 1rem; margin: 0 0 0.3rem; border: 0; padding: 0; }
nav.toc ol { margin: 0; padding-left: 1.3rem; }
nav.toc a { color: #0b4f8a; }
.table-wrap { overflow-x: auto; margin: 0.4rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { border: 1px solid #d0d7de; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
em { color: #4a4a4a; }
@media (max-width: 480px) {
  body { padding: 12px; font-size: 15px; }
  table, thead, tbody, tr, th, td { display: block; width: 100%; }
  thead { position: absolute; left: -9999px; }
  tr { border: 1px solid #d0d7de; margin-bottom: 0.6rem; }
  td { border: 0; border-bottom: 1px solid #eaeef2; }
  td::before { content: attr(data-label); display: block; font-weight: 600; font-size: 0.85rem; color: #4a4a4a; }
}
@page { size: A4; margin: 18mm 16mm 20mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; color: #000; background: #fff; }
  nav.toc { background: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, tr, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
}
"""


def _slug(text: str, taken: set[str]) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "section"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _seen(inline_token) -> str:
    """The text a reader sees of an inline token (escapes resolved), not its Markdown source."""
    return "".join(child.content for child in inline_token.children or () if child.type in ("text", "code_inline"))


def markdown_to_html_body(markdown: str) -> tuple[str, list[tuple[str, str]], str]:
    """Render Markdown to an HTML body; returns it, the (anchor, title) of every section and the first heading.

    Headings are given as the reader sees them (escapes resolved, user text still isolated),
    so they can go into the contents and the page title as plain text.
    """
    md = _parser()
    tokens = md.parse(markdown)
    taken: set[str] = set()
    sections: list[tuple[str, str]] = []
    first_heading = ""
    header_labels: list[str] = []
    column = 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            title = _seen(tokens[index + 1])
            slug = _slug(title, taken)
            token.attrSet("id", slug)
            if token.tag == "h2":
                sections.append((slug, title))
            elif token.tag == "h1" and not first_heading:
                first_heading = title
        elif token.type == "thead_open":
            header_labels = []
        elif token.type == "th_open":
            header_labels.append(_seen(tokens[index + 1]))
        elif token.type == "tr_open":
            column = 0
        elif token.type == "td_open":
            label = header_labels[column] if column < len(header_labels) else ""
            token.attrSet("data-label", label)
            column += 1
    body = md.renderer.render(tokens, md.options, {})
    body = body.replace("<table>", '<div class="table-wrap"><table>').replace("</table>", "</table></div>")
    return body, sections, first_heading


def page(markdown: str, title: str | None, lang: str, css: str = "") -> str:
    """A self-contained HTML page of ``markdown``, with a table of contents after the first heading.

    ``title`` is app text for the page title; ``None`` takes the text of the first heading,
    which is user text made safe there already (one line, controls shown, isolated). ``css``
    is added to the page's own styles.
    """
    body, sections, first_heading = markdown_to_html_body(markdown)
    if title is None:
        title = first_heading
    toc = "".join(f'<li><a href="#{slug}">{html.escape(name)}</a></li>' for slug, name in sections)
    nav = f'<nav class="toc"><h2>{html.escape(t("html.contents", lang))}</h2><ol>{toc}</ol></nav>'
    first_heading_end = body.find("</h1>")
    if first_heading_end != -1:
        cut = first_heading_end + len("</h1>")
        body = body[:cut] + "\n" + nav + body[cut:]
    else:
        body = nav + body
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}{css}</style>\n</head>\n<body>\n<main>\n{body}</main>\n"
        "</body>\n</html>\n"
    )


def render_html(session: Session, anonymised: bool = False) -> str:
    """The minutes of ``session`` as one self-contained HTML page (from its Markdown minutes)."""
    return page(render_markdown(session, anonymised), None, session.language)
