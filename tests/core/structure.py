"""The structure of Markdown and HTML documents, and sessions full of hostile text, for the structure tests.

A document's structure is what user text must never change: its blocks (headings, lists
and their items, tables and their rows and cells, rules) and the inline markup the app
itself writes (bold, italics). Two documents made from the same session, once with hostile
text and once with plain words in the same places, must have the same structure.
"""

from __future__ import annotations

import copy
from html.parser import HTMLParser

import msgspec
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.strategies import hostile_names, hostile_texts, sessions
from tui.core.markdown_text import blank
from tui.core.model import Session
from tui.core.text import PDI

PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")

ENUMERATED = frozenset({"language", "status", "role", "perspective", "decision", "influence", "outcome",
                        "current_phase", "created_at", "updated_at", "overall_decision"})
"""Fields that hold one of a fixed set of values, checked on load; never user text."""
REFERENCES = frozenset({"id", "author", "owners", "source_note_id", "carried_from", "action_id",
                        "statement_id", "template_id", "source_session_id"})
"""Fields that name another record: equal texts must stay equal so references still resolve."""
NAMES = frozenset({"team", "name"})

TEXT_CHILDREN = frozenset({"text", "softbreak", "hardbreak"})
"""Inline tokens that user text may make: text and its line breaks, nothing else."""
APP_MARKUP = frozenset({"strong_open", "strong_close", "em_open", "em_close"})
"""Inline markup the minutes themselves write around labels and notes."""

TEMPLATE_TAGS = frozenset({"html", "head", "meta", "title", "style", "body", "main", "nav", "h1", "h2", "h3",
                           "ol", "ul", "li", "a", "p", "strong", "em", "br", "hr", "div", "table", "thead",
                           "tbody", "tr", "th", "td"})
"""Every tag the HTML page template and the Markdown of the minutes and reports can make."""
CHART_TAGS = frozenset({"figure", "figcaption", "svg", "title", "desc", "defs", "pattern", "rect", "line",
                        "polyline", "polygon", "circle", "text", "span"})
"""Every tag the comparison report's charts can make (inline SVG in a figure)."""

_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
_EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")


def markdown_structure(markdown: str) -> list[tuple]:
    """Every block token (type, tag, nesting, level) and, per inline token, the markup it holds.

    Text and line breaks are left out: they are where user text may differ. Every other
    inline token must be markup the app writes (bold, italics); anything else fails here.
    """
    shape = []
    for token in PARSER.parse(markdown):
        if token.type != "inline":
            shape.append((token.type, token.tag, token.nesting, token.level))
            continue
        kinds = [child.type for child in token.children or ()]
        unexpected = set(kinds) - TEXT_CHILDREN - APP_MARKUP
        assert not unexpected, (unexpected, token.content)
        shape.append(("inline", tuple(kind for kind in kinds if kind in APP_MARKUP)))
    return shape


def headings(markdown: str) -> list[tuple[str, str]]:
    """(tag, text) of every heading."""
    tokens = PARSER.parse(markdown)
    return [(tok.tag, tokens[i + 1].content) for i, tok in enumerate(tokens) if tok.type == "heading_open"]


class Page(HTMLParser):
    """The tags, attribute values, text pieces and title of an HTML page."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.texts: list[str] = []
        self.titles: list[str] = []
        self._in_title = False
        self._in_svg = 0
        self.page_titles = 0
        """``<title>`` tags of the page itself (a chart's drawing has its own, for screen readers)."""
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.texts += [value for _, value in attrs if value]
        self._in_svg += tag == "svg"
        self._in_title = tag == "title" and not self._in_svg
        self.page_titles += self._in_title

    def handle_endtag(self, tag):
        self._in_title = False
        self._in_svg -= tag == "svg"

    def handle_data(self, data):
        self.texts.append(data)
        if self._in_title:
            self.titles.append(data)


def assert_bidi_isolated(text: str) -> None:
    """Every explicit bidi control in ``text`` lies inside an isolate, and every isolate is closed.

    An override or embedding outside an isolate, or an isolate left open, would reorder
    the text that follows it; one inside a closed isolate reorders only its own text.
    """
    depth = 0
    for char in text:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == PDI:
            assert depth > 0, f"a PDI closes nothing in {text!r}"
            depth -= 1
        elif char in _EMBEDDINGS:
            assert depth > 0, f"{char!r} outside an isolate in {text!r}"
    assert depth == 0, f"an isolate left open in {text!r}"


def assert_page_sound(page: str, plain_page: str) -> None:
    """``page`` has only template tags, in the same order as ``plain_page`` (line breaks aside),
    one one-line title, and every bidi control isolated in every text and attribute value."""
    parsed, plain = Page(page), Page(plain_page)
    assert set(parsed.tags) <= TEMPLATE_TAGS | CHART_TAGS, set(parsed.tags) - TEMPLATE_TAGS - CHART_TAGS
    assert [tag for tag in parsed.tags if tag != "br"] == [tag for tag in plain.tags if tag != "br"]
    assert parsed.page_titles == 1
    title = "".join(parsed.titles)
    assert title.strip() and "\n" not in title and "\r" not in title, repr(title)
    for text in parsed.texts:
        assert_bidi_isolated(text)


def _retext(value, change, field_name: str = ""):
    """``value`` with every user string replaced by ``change(field_name, string)``, in place."""
    if isinstance(value, str):
        return value if field_name in ENUMERATED else change(field_name, value)
    if isinstance(value, list):
        return [_retext(item, change, field_name) for item in value]
    if isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            setattr(value, name, _retext(getattr(value, name), change, name))
    return value


@st.composite
def hostile_sessions(draw: st.DrawFn) -> Session:
    """A valid session (:func:`tests.strategies.sessions`) with hostile text in every text field.

    Names and references get hostile names; a reference keeps pointing where it pointed, so
    authors and owners still resolve to their participant. Every other text is hostile text.
    """
    session = draw(sessions())
    memo: dict[str, str] = {}

    def change(field_name: str, text: str) -> str:
        if field_name in REFERENCES:
            if text not in memo:  # distinct ids stay distinct: a valid session has no two alike
                taken = set(memo.values())
                memo[text] = draw(hostile_names.filter(lambda name: name not in taken))
            return memo[text]
        return draw(hostile_names if field_name in NAMES else hostile_texts)

    for name in session.__struct_fields__:
        if name != "id":  # the session id stays hex: the store names files by it
            setattr(session, name, _retext(getattr(session, name), change, name))
    return session


def plain_twin(session: Session) -> Session:
    """The same session with plain words where it has text: blank text stays as it is (it shows
    nothing, so the minutes leave it out), equal texts get equal words, so references resolve."""
    twin = copy.deepcopy(session)
    memo: dict[str, str] = {}

    def change(field_name: str, text: str) -> str:
        if blank(text):
            return text
        return memo.setdefault(text, f"w{len(memo)}")

    for name in twin.__struct_fields__:
        if name != "id":
            setattr(twin, name, _retext(getattr(twin, name), change, name))
    return twin


def assert_no_bidi_outside_isolates(markdown: str) -> None:
    """The Markdown source, line by line: every bidi control of user text inside its own isolate."""
    for line in markdown.split("\n"):
        assert_bidi_isolated(line)
