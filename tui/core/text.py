"""Small helpers for showing user text in narrow places."""

from __future__ import annotations


def shorten(text: str, limit: int = 70) -> str:
    """One line of at most ``limit`` characters, ending in "…" when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
