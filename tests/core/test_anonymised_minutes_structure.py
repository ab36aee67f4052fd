"""Anonymised minutes keep the structure of the minutes, whatever names and text a session holds.

Anonymising replaces names inside free text; a name made of Markdown syntax, control or bidi
characters must neither break the minutes nor leave a piece of itself behind as markup.
"""

from __future__ import annotations

from hypothesis import given, settings

from tests.core.structure import assert_no_bidi_outside_isolates, hostile_sessions, markdown_structure, plain_twin
from tui.core.anonymise import anonymise
from tui.core.minutes import render_markdown


@settings(max_examples=100, deadline=None)
@given(hostile_sessions())
def test_anonymised_minutes_keep_their_structure(session):
    markdown = render_markdown(anonymise(session))
    plain = render_markdown(anonymise(plain_twin(session)))
    assert markdown_structure(markdown) == markdown_structure(plain)
    assert_no_bidi_outside_isolates(markdown)
