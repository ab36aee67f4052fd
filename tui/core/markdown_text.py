"""Putting user text into Markdown so that it stays text.

A note typed in a meeting is data, not markup: ``# Agenda``, ``*`` or ``[x](y)`` in a
note must not change the structure of the minutes, and raw HTML must stay visible as
text. These helpers escape exactly what CommonMark (and GFM tables) would interpret.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?[A-Za-z0-9]+;))")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def clean(text: str) -> str:
    """Drop control characters (keeping newlines and tabs) and normalise line endings."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def _escape_line(line: str) -> str:
    line = _INLINE_SPECIAL.sub(r"\\\1", line.strip())
    match = _LINE_START.match(line)
    if match:
        marker = match.group(2)
        line = match.group(1) + marker[:-1] + "\\" + marker[-1] + line[match.end():]
    return line


def inline(text: str) -> str:
    """Escape user text for use inside a paragraph or list item; newlines become hard breaks."""
    lines = [_escape_line(line) for line in clean(text).split("\n")]
    lines = [line for line in lines if line]
    return "\\\n  ".join(lines)


def cell(text: str) -> str:
    """Escape user text for a GFM table cell: one line, pipes escaped."""
    lines = [_escape_line(line) for line in clean(text).split("\n")]
    return " ".join(line for line in lines if line)
