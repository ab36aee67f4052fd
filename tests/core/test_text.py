"""The helpers that keep user text from acting on a terminal or on the bidi order around it."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import hostile_texts
from tui.core.text import FSI, PDI, isolate, needs_isolation, shorten, visible

_BIDI_EXPLICIT = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_visible_shows_terminal_controls_as_symbols():
    assert visible("a\x1b[31mb\x07c\x7f") == "a␛[31mb␇c␡"
    assert visible("\x9b2J") == "⟨U+009B⟩2J"
    assert visible("naam\u202eeman") == "naam⟨U+202E⟩eman"
    assert visible("\u2068عربي\u2069 \ud800") == "عربي ⟨U+D800⟩"


def test_visible_keeps_newlines_and_tabs_unless_one_line():
    assert visible("a\r\nb\rc\u2028d\te") == "a\nb\nc\nd\te"
    assert visible("a\nb\tc", one_line=True) == "a b c"


@given(hostile_texts)
def test_visible_leaves_no_character_a_terminal_obeys(text):
    shown = visible(text)
    for char in shown:
        category = unicodedata.category(char)
        assert char in "\n\t" or category != "Cc", repr(char)
        assert char not in _BIDI_EXPLICIT


def test_isolate_leaves_left_to_right_text_alone():
    assert isolate("Wijkteam Oost") == "Wijkteam Oost"
    assert not needs_isolation("Zoë 12")


def test_isolate_wraps_right_to_left_text():
    assert isolate("עברית") == FSI + "עברית" + PDI


def test_isolate_drops_stray_pops_and_closes_open_isolates():
    assert isolate("\u2069\u202eabc") == FSI + "\u202eabc" + PDI
    assert isolate("\u2067abc") == FSI + "\u2067abc" + PDI + PDI


@given(hostile_texts)
def test_isolated_text_is_balanced(text):
    result = isolate(text)
    depth = 0
    for index, char in enumerate(result):
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == PDI:
            depth -= 1
            assert depth >= 0
            if depth == 0:
                assert index == len(result) - 1, "the outer isolate closed before the end"
    assert depth == 0


@given(st.text(), st.integers(2, 100))
def test_shorten_is_one_line_within_the_limit(text, limit):
    line = shorten(text, limit)
    assert len(line) <= limit and "\n" not in line
