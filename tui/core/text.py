"""User text in narrow places, on a terminal and between right-to-left and left-to-right text.

Whatever people type or files bring in is data. Three helpers keep it that way wherever it is
shown outside the minutes (the minutes have their own escaping in :mod:`tui.core.markdown_text`):

- :func:`visible` turns characters that a terminal would obey (ESC, BEL, C1 controls, DEL) and the
  explicit bidi controls into visible symbols, so a note can neither recolour nor retitle the
  terminal, nor reverse the text printed after it;
- :func:`isolate` wraps text that may carry right-to-left characters in a bidi isolate, balanced,
  so in the HTML and Markdown minutes it cannot reorder the words around it;
- :func:`shorten` makes one line of limited length.
"""

from __future__ import annotations

import re
import unicodedata

FSI = "\u2068"
"""FIRST STRONG ISOLATE: opens an isolate whose direction follows its first strong letter."""
PDI = "\u2069"
"""POP DIRECTIONAL ISOLATE: closes the innermost open isolate (and every embedding inside it)."""

_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Explicit bidi formatting: embeddings, overrides, isolates and their pops."""
_RTL_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"})

TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What a terminal would obey or that would reorder the line, or cannot be written as UTF-8.

C0 controls but tab and newline, DEL, C1 controls, the explicit bidi controls and lone
surrogates (a file name that is not UTF-8, passed on the command line).
"""
_ISOLATES = re.compile("[\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85]")
_ANY_SPECIAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Every character :func:`visible` may change: most text has none and is returned after one scan."""


def control_picture(char: str, *, one_cell: bool = False) -> str:
    """The visible symbol for one character of :data:`TERMINAL_CONTROL`.

    C0 controls become their Unicode control pictures (␛, ␇, ␀ …), DEL ␡; the others their
    code point (⟨U+202E⟩), or with ``one_cell`` the replacement character �, for places that
    must keep the width of the line.
    """
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd" if one_cell else f"⟨U+{code:04X}⟩"


def normalise_newlines(text: str) -> str:
    """CR LF, a lone CR, NEL and the Unicode line and paragraph separators become ``\\n``."""
    return _LINE_BREAKS.sub("\n", text)


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` with every terminal control and explicit bidi control shown as a visible symbol.

    Newlines and tabs stay (``one_line`` turns every line break into a space). ESC becomes ␛,
    BEL ␇, DEL ␡, a C1 control, a bidi embedding or override ⟨U+202E⟩: what is printed is
    exactly what the user sees, and it cannot change the terminal or the order of the text
    after it. Bidi isolates (U+2066–U+2069) are left out: terminals draw none, and the minutes
    put them around every right-to-left text (:func:`isolate`), where they would only be noise.
    """
    if not _ANY_SPECIAL.search(text):
        return text
    text = _ISOLATES.sub("", normalise_newlines(text))
    if one_line:
        text = text.replace("\n", " ").replace("\t", " ")
    return TERMINAL_CONTROL.sub(lambda match: control_picture(match.group()), text)


def needs_isolation(text: str) -> bool:
    """True when ``text`` holds a right-to-left letter, Arabic digit or explicit bidi control."""
    if text.isascii():  # no ASCII character is any of those: skip looking up every character
        return False
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


def isolate(text: str) -> str:
    """``text`` in a balanced bidi isolate when it could reorder its surroundings, else unchanged.

    A stray POP DIRECTIONAL ISOLATE inside the text would close the isolate early, so those
    are dropped and isolates left open are closed; the closing PDI then also ends every
    embedding or override (U+202A–U+202E) the text started.
    """
    if not needs_isolation(text):
        return text
    depth = 0
    kept = []
    for char in text:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == PDI:
            if depth == 0:
                continue
            depth -= 1
        kept.append(char)
    return FSI + "".join(kept) + PDI * depth + PDI


def shorten(text: str, limit: int = 70) -> str:
    """One line of at most ``limit`` characters, ending in "…" when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
