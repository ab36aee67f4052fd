"""The one way the command line writes to the terminal.

Whatever the CLI prints can hold text that people typed or files brought in: team names,
titles, notes, file names, ids. Printed raw, an ESC or BEL in them would be obeyed by the
terminal (recolour it, retitle the window) and a bidi override would reverse what follows.
So every line goes through :func:`tui.core.text.visible` here, and nothing in ``tui.cli``
writes to ``sys.stdout``/``sys.stderr`` any other way.

Documents printed on standard output (``show``, ``export -o -``, ``compare``) are made safe
in a way that keeps their meaning: JSON and HTML get escapes that mean the same character,
Markdown and plain text get :func:`visible`. Written to a file with ``-o``, a document is
exact.
"""

from __future__ import annotations

import re
import sys

from tui.core.text import control_picture, visible

PREFIX = "terugblik: "
"""How every line on standard error starts, so scripts and people can tell it is ours."""

_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal obeys or that reorder text; in JSON and HTML they are written as escapes
(line breaks and tabs are part of those documents; JSON escapes a raw one inside a string itself)."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(text: str) -> str:
    """Lone surrogates (a file name that is not UTF-8, passed on the command line) shown as code points."""
    return _SURROGATE.sub(lambda match: control_picture(match.group()), text)


def cell(text: str) -> str:
    """User text for one cell of a table: visible controls, on one line."""
    return _encodable(visible(text, one_line=True))


def table(rows: list[list[str]]) -> str:
    """Rows of cells as aligned columns; every cell is made visible and kept on one line."""
    rows = [[cell(value) for value in row] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(value.ljust(w) for value, w in zip(row, widths)).rstrip() for row in rows)


def say(text: str) -> None:
    """Print a line (or lines) of output holding user text or file names on standard output."""
    sys.stdout.write(_encodable(visible(text)) + "\n")


def warn(message: str) -> None:
    """Print one message on standard error: ``terugblik: `` and the message on a single line."""
    sys.stderr.write(PREFIX + _encodable(visible(message, one_line=True)) + "\n")
    sys.stderr.flush()


def document(text: str, fmt: str) -> None:
    """Print a whole document (minutes, interchange JSON, a report) on standard output, terminal-safe.

    ``fmt`` is ``json``, ``html``, ``md`` or ``text``. JSON and HTML keep their meaning exactly:
    a control or bidi character becomes ``\\u202e`` or ``&#x202E;``. Markdown and text are
    for reading, so controls are shown as visible symbols.
    """
    if fmt == "json":
        safe = _RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    elif fmt == "html":
        safe = _RAW.sub(lambda match: f"&#x{ord(match.group()):X};", text)
    else:
        safe = visible(text)
    sys.stdout.write(_encodable(safe))
