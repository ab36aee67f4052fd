"""Every user-facing string, in each language with a catalog, looked up by key.

Texts live in gettext catalogs, ``tui/locale/<lang>/LC_MESSAGES/terugblik.po`` (loaded by
:mod:`tui.core.catalogs`); code refers to them by key only: the keys are the catalogs'
msgids. A missing key falls back to English and then to the key itself, so a gap shows up
as a visible key in the interface rather than a crash; the test suite fails on any gap.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

from tui.core.catalogs import available_languages, load_catalog

SUPPORTED = available_languages()
"""Interface languages (one per catalog found), in the order offered to users."""

DEFAULT_LANGUAGE = "en"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """Look up ``key`` in the catalog for ``lang`` and fill in ``params``.

    A ``count`` parameter picks the plural form of an entry that has forms, by the
    catalog's own plural rule (``Plural-Forms``).
    """
    count = params.get("count")
    count = count if isinstance(count, int) else None
    text = None
    for code in (lang, DEFAULT_LANGUAGE):
        catalog = load_catalog(code)
        if catalog is not None:
            text = catalog.text(key, count)
            if text is not None:
                break
    text = text or key
    return text.format(**params) if params else text


def texts(lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Key -> text of every entry in the catalog for ``lang`` (empty when it has none)."""
    catalog = load_catalog(lang)
    return catalog.texts() if catalog is not None else {}


def is_key(text: str) -> bool:
    """Whether ``text`` is one of the keys (msgids), rather than text already shown to people."""
    catalog = load_catalog(DEFAULT_LANGUAGE)
    return catalog is not None and catalog.text(text) is not None


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
