"""Putting user text into Markdown so that it stays text and keeps its place.

A note typed in a meeting is data, not markup: ``# Agenda``, ``*`` or ``[x](y)`` in a
note must not change the structure of the minutes, and raw HTML must stay visible as
text. These helpers escape exactly what CommonMark (and GFM tables) would interpret,
and they are the one place where user text enters Markdown:

- control characters (C0, C1, DEL) are shown as visible symbols (␛, ␇, ⟨U+009B⟩), not
  dropped: the minutes are read by people, and a symbol tells them something was there;
  a note of only a control character is therefore never an empty item;
- every piece of user text is put in its own bidi isolate (per line), so right-to-left
  text or an override (U+202E) in it cannot reorder the words around it; explicit bidi
  controls themselves are kept inside that isolate, for people who write right to left;
- text that shows nothing becomes :data:`PLACEHOLDER`, never an empty item or heading.
"""

from __future__ import annotations

import re

from tui.core.text import isolate, normalise_newlines, visible

PLACEHOLDER = "—"
"""What is shown where user text holds nothing visible."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 controls and DEL; newlines and tabs stay, explicit bidi controls are isolated instead."""
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?[A-Za-z0-9]+;))")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
_HARD_BREAK = "\\\n  "


def clean(text: str) -> str:
    """``text`` with line endings normalised and every control character shown as a symbol."""
    return _CONTROL.sub(lambda match: visible(match.group()), normalise_newlines(text))


def blank(text: str) -> bool:
    """True when ``text`` would show nothing in the minutes (empty or only white space)."""
    return not clean(text).strip()


def _escape(text: str) -> str:
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _guard_line_start(line: str) -> str:
    """Escape a block marker (heading, quote, list, rule, setext underline) at the start of a line."""
    match = _LINE_START.match(line)
    if match:
        marker = match.group(2)
        line = match.group(1) + marker[:-1] + "\\" + marker[-1] + line[match.end():]
    return line


def inline(text: str) -> str:
    """User text for a paragraph or list item: each line escaped and isolated; newlines become hard breaks."""
    lines = [line.strip() for line in clean(text).split("\n")]
    shown = [isolate(_guard_line_start(_escape(line))) for line in lines if line]
    return _HARD_BREAK.join(shown) or PLACEHOLDER


def line(*parts: str) -> str:
    """Texts side by side on one line (a heading, a name, a table cell), each escaped and isolated.

    Line breaks inside a part become spaces, so a title with a newline stays one heading.
    Several parts (app words and user text) are isolated one by one, so none of them can
    reorder another; white space between parts is kept, at the ends of the line it is not.
    """
    pieces = [" ".join(clean(part).split("\n")) for part in parts]
    if pieces:
        pieces[0] = pieces[0].lstrip()
        pieces[-1] = pieces[-1].rstrip()
    shown = "".join(isolate(_escape(piece)) for piece in pieces if piece)
    return _guard_line_start(shown) if shown.strip() else PLACEHOLDER


def cell(*parts: str) -> str:
    """User text for a GFM table cell: one line (see :func:`line`); pipes are escaped with the rest."""
    return line(*parts)
