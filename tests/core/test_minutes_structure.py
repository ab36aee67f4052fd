"""Whatever text a session holds, the minutes keep their structure and their reading order.

Sessions with hostile text in every field (markup, control and bidi characters, Markdown
and HTML syntax, long values, combining marks) are rendered as Markdown and HTML and
compared with the same session holding plain words: the same blocks, list items, table
rows and headings; no rule, raw HTML or link from user text; every bidi control of user
text inside a closed isolate; one page title on one line.
"""

from __future__ import annotations

from hypothesis import given, settings

from tests.core.structure import (
    assert_no_bidi_outside_isolates,
    assert_page_sound,
    headings,
    hostile_sessions,
    markdown_structure,
    plain_twin,
)
from tui.core.markdown_text import PLACEHOLDER
from tui.core.minutes import render_markdown
from tui.core.model import Appreciation, Change, FrictionNote, GoesWellNote, Participant, Session
from tui.core.text import FSI, PDI
from tui.render.html_minutes import render_html


@settings(max_examples=250, deadline=None)
@given(hostile_sessions())
def test_markdown_minutes_keep_their_structure(session):
    markdown = render_markdown(session)
    plain = render_markdown(plain_twin(session))
    assert markdown_structure(markdown) == markdown_structure(plain)
    assert headings(markdown)[1:] == headings(plain)[1:]
    assert_no_bidi_outside_isolates(markdown)


@settings(max_examples=200, deadline=None)
@given(hostile_sessions())
def test_html_minutes_keep_their_structure(session):
    assert_page_sound(render_html(session), render_html(plain_twin(session)))


def _session(**fields) -> Session:
    return Session(team="Wijkteam Oost", language="en", **fields)


def test_a_note_of_only_a_control_character_is_shown_not_an_empty_item_and_a_rule():
    session = _session(goes_well=[GoesWellNote("\x07")], changes=[Change("\x1b")],
                       appreciation=[Appreciation("\x00")])
    markdown = render_markdown(session)
    assert markdown_structure(markdown) == markdown_structure(render_markdown(
        _session(goes_well=[GoesWellNote("a")], changes=[Change("b")], appreciation=[Appreciation("c")])))
    assert "- **␇**" in markdown and "- ␛" in markdown and "- ␀" in markdown
    assert [token for token in markdown_structure(markdown) if token[0] == "hr"] == [("hr", "hr", 0, 0)]


def test_a_line_break_in_the_title_keeps_one_heading_and_one_page_title():
    session = _session(title="Najaar\n# tweede kop\r\nen meer")
    assert render_markdown(session).splitlines()[0] == "# Najaar # tweede kop en meer"
    assert "<title>Najaar # tweede kop en meer</title>" in render_html(session)


def test_text_that_shows_nothing_is_a_visible_placeholder():
    session = _session(title="  ", participants=[Participant(" \n ", id="p1")],
                       frictions=[FrictionNote("\t", category=" ")])
    session.team = " "
    markdown = render_markdown(session)
    assert markdown.splitlines()[0] == f"# Retrospective {PLACEHOLDER}"
    assert f"**Team:** {PLACEHOLDER}" in markdown
    assert f"- {PLACEHOLDER} — Other" in markdown
    assert f"- **{PLACEHOLDER}** (votes: 0)" in markdown
    assert f"<title>Retrospective {PLACEHOLDER}</title>" in render_html(session)


def test_an_override_in_a_name_is_closed_before_the_apps_own_text():
    session = _session(participants=[Participant("Anna \u202eevil", "Praktijk", "gp", id="p1")],
                       goes_well=[GoesWellNote("Goed", author="p1")])
    markdown = render_markdown(session)
    assert f"- {FSI}Anna \u202eevil{PDI} — GP, Praktijk" in markdown
    assert f"By: {FSI}Anna \u202eevil{PDI}" in markdown
    page = render_html(session)
    assert f"{FSI}Anna \u202eevil{PDI} — GP, Praktijk" in page


def test_right_to_left_text_is_isolated_per_line():
    session = _session(ambition="עברית\nسطر ثان")
    assert f"{FSI}עברית{PDI}\\\n  {FSI}سطر ثان{PDI}" in render_markdown(session)


def test_right_to_left_title_is_isolated_in_the_page_title():
    session = _session(title="\u202eעברית")
    assert f"<title>{FSI}\u202eעברית{PDI}</title>" in render_html(session)
