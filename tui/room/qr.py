"""The QR code a phone scans to join, drawn with block characters for the terminal."""

from __future__ import annotations

import segno

QUIET = 2
"""Modules of light border around the code: enough for phone cameras on a projector."""


def qr_lines(data: str) -> list[str]:
    """The QR code of ``data`` as text lines, two modules per character cell (upper and lower half).

    Dark modules are drawn as spaces and light ones as blocks, so the code reads as dark on
    light in a dark terminal; a light theme inverts the widget's colours instead.
    """
    code = segno.make(data, error="m", micro=False)
    rows = [[bool(module) for module in row] for row in code.matrix]
    width = len(rows[0]) + 2 * QUIET
    light = [False] * width
    padded = [light] * QUIET + [[False] * QUIET + row + [False] * QUIET for row in rows] + [light] * (QUIET + 1)
    lines = []
    for top, bottom in zip(padded[0::2], padded[1::2]):
        lines.append("".join(_cell(upper, lower) for upper, lower in zip(top, bottom)))
    return lines


def _cell(upper_dark: bool, lower_dark: bool) -> str:
    if upper_dark and lower_dark:
        return " "
    if upper_dark:
        return "▄"
    if lower_dark:
        return "▀"
    return "█"
