"""Every user-facing string, in Dutch and English, looked up by key.

Strings live in :mod:`tui.core.strings`; code refers to them by key only. A missing key
falls back to English and then to the key itself, so a gap shows up as a visible key in
the interface rather than a crash; the test suite fails on any gap.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

from tui.core.strings import STRINGS

SUPPORTED = ("nl", "en")
"""Interface languages, in the order offered to users."""

DEFAULT_LANGUAGE = "en"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """Look up ``key`` in the table for ``lang`` and fill in ``params``."""
    table = STRINGS.get(lang) or STRINGS[DEFAULT_LANGUAGE]
    text = table.get(key) or STRINGS[DEFAULT_LANGUAGE].get(key) or key
    return text.format(**params) if params else text


def label(kind: str, value: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The human label of an enumerated value, e.g. ``label("role", "gp", "nl")`` -> "Huisarts"."""
    return t(f"{kind}.{value}", lang)


def system_language(env: Mapping[str, str] | None = None) -> str | None:
    """The language the operating system asks for, if it is one we speak."""
    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            code = value.split(":")[0].split("_")[0].split(".")[0].lower()
            return code if code in SUPPORTED else None
    try:
        code = (locale.getlocale()[0] or "").split("_")[0].lower()
    except ValueError:
        return None
    return code if code in SUPPORTED else None


def resolve_language(
    requested: str | None = None,
    session_language: str | None = None,
    env: Mapping[str, str] | None = None,
) -> str:
    """Pick the interface language: ``--lang``, else the session's, else the system's, else English."""
    for candidate in (requested, session_language, system_language(env)):
        if candidate in SUPPORTED:
            return candidate
    return DEFAULT_LANGUAGE
