"""HTML minutes: the same content as the Markdown, and no user text ever becomes live markup."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.sample import full_session
from tui.render.html_minutes import render_html

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:", "http:", "https:")


class Page(HTMLParser):
    """Collects tags, attributes and visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def assert_safe(page: Page) -> None:
    assert "script" not in page.tags and "iframe" not in page.tags and "img" not in page.tags
    for tag, name, value in page.attributes:
        assert not name.lower().startswith("on"), (tag, name)
        if name in ("href", "src", "action", "formaction"):
            assert value is not None and value.startswith("#"), (tag, name, value)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_holds_everything_the_minutes_hold(lang):
    session = full_session(lang)
    page = parse(render_html(session))
    text = page.visible
    for note in session.goes_well:
        assert note.text in text and note.why in text
    for note in session.frictions:
        assert note.text in text
    for action in session.actions:
        assert action.what in text
    assert session.decision_rationale in text
    assert ("Plan bijstellen" if lang == "nl" else "Adjust the plan") in text
    assert ("Bijstellen" if lang == "nl" else "Adjust") in text
    assert_safe(page)


def test_page_is_self_contained_with_anchors_and_contents():
    page_text = render_html(full_session("en"))
    page = parse(page_text)
    ids = [value for tag, name, value in page.attributes if name == "id"]
    links = [value[1:] for tag, name, value in page.attributes if name == "href"]
    assert links and set(links) <= set(ids)
    assert "what-goes-well-and-why" in ids
    assert '<html lang="en">' in page_text and "<title>Najaarsterugblik</title>" in page_text
    assert "@media print" in page_text and "@page" in page_text
    assert "http" not in page_text.replace("http-equiv", "")  # nothing fetched from anywhere


def test_anchors_are_stable():
    assert render_html(full_session("nl")) == render_html(full_session("nl"))


HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](java&#x73;cript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "![beeld](http://example.org/x.png)",
    "<https://example.org>",
    "# kop\n## nog een kop",
    "|" * 200,
    "\x00\x01\x1b[31m rood \x7f",
    "\u202eעברית rechts-naar-links \u202c",
    "emoji 👩‍⚕️🧓🏽",
    "x" * 100_000,
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_stays_text(hostile):
    session = full_session("en")
    session.title = hostile
    session.goes_well[0].text = hostile
    session.goes_well[0].why = hostile
    session.frictions[0].who_can_help = hostile
    session.actions[0].what = hostile
    session.appreciation[0].text = hostile
    baseline = parse(render_html(full_session("en")))
    page = parse(render_html(session))
    assert_safe(page)
    assert page.tags.count("h2") == baseline.tags.count("h2")
    assert page.tags.count("table") == baseline.tags.count("table")
    assert page.tags.count("tr") == baseline.tags.count("tr")
    if hostile.startswith("<script>"):
        assert "<script>alert('x')</script>" in page.visible
