"""Whatever the compared sessions and files hold, the comparison report keeps its structure.

Sessions with hostile team names, frictions, wordings and other text (and hostile skipped
files and reasons) are compared, and the report is written as text, Markdown and HTML.
Each is checked against the report of the same figures with plain words in place of the
text: the same blocks and rows, nothing a terminal would obey in the text output, every
bidi control of user text inside a closed isolate in Markdown and HTML.
"""

from __future__ import annotations

import dataclasses
import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.structure import (
    assert_no_bidi_outside_isolates,
    assert_page_sound,
    hostile_sessions,
    markdown_structure,
)
from tests.strategies import hostile_names, hostile_texts
from tui.core.compare import compare
from tui.core.compare_render import Section, layout, to_json, to_markdown, to_text
from tui.core.markdown_text import blank
from tui.core.text import FSI, PDI
from tui.render.compare_html import to_html

_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@st.composite
def hostile_inputs(draw: st.DrawFn):
    """A report over sessions of a few hostile-named teams, with hostile skipped and merged notes."""
    teams = draw(st.lists(hostile_texts.filter(str.strip), min_size=1, max_size=3))  # line breaks too
    sessions = draw(st.lists(hostile_sessions(), min_size=1, max_size=3))
    for session in sessions:
        session.team = draw(st.sampled_from(teams))
    skipped = draw(st.lists(st.tuples(hostile_names, hostile_texts), max_size=2))
    merged = draw(st.lists(st.tuples(hostile_names, hostile_texts), max_size=2))
    return compare(sessions), skipped, merged


KEYED_BY_TEXT = frozenset({"attendance_by_organisation", "health", "health_means", "health_wordings"})
"""Report fields whose keys are text from sessions (organisations, statement ids); other keys are the app's."""


def _plain(value, memo: dict[str, str], field_name: str = ""):
    """``value`` with plain words for its texts: blank stays blank, equal texts get equal words."""
    if isinstance(value, str):
        return value if blank(value) else memo.setdefault(value, f"w{len(memo)}")
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item, memo) for item in value)
    if isinstance(value, dict):
        keyed = field_name in KEYED_BY_TEXT
        return {(_plain(key, memo) if keyed else key): _plain(item, memo) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _plain(getattr(value, f.name), memo, f.name)
                                             for f in dataclasses.fields(value) if f.init})
    return value


def _both(inputs, lang):
    report, skipped, merged = inputs
    memo: dict[str, str] = {}
    plain = [_plain(part, memo) for part in (report, skipped, merged)]
    return layout(report, lang, skipped, merged), layout(*plain[:1], lang, *plain[1:])


@settings(max_examples=80, deadline=None)
@given(hostile_inputs(), st.sampled_from(["nl", "en"]))
def test_markdown_and_html_reports_keep_their_structure(inputs, lang):
    sections, plain = _both(inputs, lang)
    markdown = to_markdown(sections)
    assert markdown_structure(markdown) == markdown_structure(to_markdown(plain))
    assert_no_bidi_outside_isolates(markdown)
    assert_page_sound(to_html(sections, lang), to_html(plain, lang))


@settings(max_examples=80, deadline=None)
@given(hostile_inputs(), st.sampled_from(["nl", "en"]))
def test_text_report_shows_controls_as_symbols_and_keeps_its_lines(inputs, lang):
    sections, plain = _both(inputs, lang)
    text = to_text(sections)
    for char in text:
        assert char == "\n" or unicodedata.category(char) != "Cc", repr(char)
        assert char not in _BIDI_CONTROLS, repr(char)
    assert len(text.splitlines()) == len(to_text(plain).splitlines())


def test_a_line_break_in_a_team_name_keeps_one_heading():
    markdown = to_markdown([Section("Wijkteam\n# Oost", 2, ["x"])])
    assert markdown.strip().splitlines()[0] == "## Wijkteam # Oost"
    assert [kind for kind, *_ in markdown_structure(markdown)].count("heading_open") == 1


def test_each_text_in_a_mixed_line_is_isolated_on_its_own():
    report = compare([])
    override = "verslag\u202e.json"
    sections = layout(report, "en", skipped=[(override, "not a session")])
    markdown = to_markdown(sections)
    line = next(row for row in markdown.splitlines() if "verslag" in row)
    assert f"{FSI}verslag\u202e.json{PDI}" in line  # closed before the app's own words that follow
    assert_no_bidi_outside_isolates(markdown)
    assert "verslag⟨U+202E⟩.json" in to_text(sections)


@settings(max_examples=60, deadline=None)
@given(hostile_inputs())
def test_the_json_report_is_what_json_dumps_writes_of_the_same_figures(inputs):
    # The report is encoded by msgspec (several times faster over thousands of sessions);
    # scripts read the same document as json.dumps(..., ensure_ascii=False, indent=2) wrote.
    report, skipped, merged = inputs
    data = dataclasses.asdict(report)
    data["skipped"] = [{"source": s, "reason": r} for s, r in skipped]
    data["merged"] = [{"names": s, "reason": r} for s, r in merged]
    written = to_json(report, skipped, merged)
    assert written == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
