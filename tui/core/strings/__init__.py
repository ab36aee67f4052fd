"""The string tables: every user-facing text in English and Dutch, by key.

The tables are split by area (one module each, with ``EN`` and ``NL`` dicts) and merged
here. Placeholders use ``str.format`` names (``{folder}``). Both languages must have
exactly the same keys and placeholders; ``tests/core/test_strings.py`` checks it.
"""

from __future__ import annotations

from importlib import import_module

AREAS = ("base", "app", "checkin", "influence", "decide", "close", "compare", "compare_app", "room", "trends")
"""The modules of this package that hold strings, merged in this order."""


def _merge(language: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for area in AREAS:
        module = import_module(f"{__name__}.{area}")
        part = getattr(module, language.upper())
        duplicated = table.keys() & part.keys()
        if duplicated:
            raise ValueError(f"string keys defined twice: {sorted(duplicated)}")
        table.update(part)
    return table


STRINGS: dict[str, dict[str, str]] = {"en": _merge("en"), "nl": _merge("nl")}
"""Language code -> key -> text."""
