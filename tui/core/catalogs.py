"""The translation catalogs: gettext ``.po``/``.mo`` files under ``tui/locale``, one folder per language.

A language is offered as soon as ``tui/locale/<code>/LC_MESSAGES/terugblik.po`` (or ``.mo``)
exists; no code names the languages. An installed wheel carries ``.mo`` files compiled at
build time (``hatch_build.py``), which load in a few milliseconds with :mod:`gettext`. A
source checkout has only the ``.po``: it is compiled with babel on first use and the result
kept in the user's cache folder, keyed by the catalog's content, so later starts are as fast
and an edited ``.po`` is never shadowed by a stale compiled copy.
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import io
import os
import tempfile
from pathlib import Path

DOMAIN = "terugblik"
"""The gettext domain: the catalogs' file name."""

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""Where the shipped catalogs live (``tui/locale``)."""

HOME_LANGUAGES = ("nl", "en")
"""Offered first, in this order, when present; any other language found follows alphabetically."""


class Catalog(gettext.GNUTranslations):
    """One language's catalog: gettext lookups plus the list of its keys and texts.

    Built on :class:`gettext.GNUTranslations` (which parses ``.mo`` and the catalog's
    ``Plural-Forms``); like other subclasses of it, this reads its parsed ``_catalog`` dict.
    """

    def text(self, key: str, count: int | None = None) -> str | None:
        """The text for ``key`` (the plural form for ``count`` when the entry has forms), or None."""
        found = self._catalog.get(key)
        if found is not None:
            return found
        return self._catalog.get((key, self.plural(1 if count is None else count)))

    def texts(self) -> dict[str, str]:
        """Key -> text for every entry (the "other" form of a plural entry, as shown for 2)."""
        found: dict[str, str] = {}
        for msgid, text in self._catalog.items():
            if isinstance(msgid, tuple):
                if msgid[1] == self.plural(2):
                    found[msgid[0]] = text
            elif msgid:
                found[msgid] = text
        return found


def _file(lang: str, locale_dir: Path, suffix: str) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def available_languages(locale_dir: Path | None = None) -> tuple[str, ...]:
    """The language codes that have a catalog in ``locale_dir`` (default :data:`LOCALE_DIR`), home languages first."""
    locale_dir = locale_dir or LOCALE_DIR
    try:
        folders = [entry.name for entry in os.scandir(locale_dir) if entry.is_dir()]
    except FileNotFoundError:
        return ()
    found = {code for code in folders
             if _file(code, locale_dir, ".po").is_file() or _file(code, locale_dir, ".mo").is_file()}
    return tuple(code for code in HOME_LANGUAGES if code in found) + tuple(sorted(found - set(HOME_LANGUAGES)))


def compile_po(po: bytes) -> bytes:
    """Compile the text of a ``.po`` catalog into ``.mo`` bytes (with babel)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    out = io.BytesIO()
    write_mo(out, read_po(io.BytesIO(po)))
    return out.getvalue()


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "terugblik" / "locale"


def _compiled_from_source(po_path: Path) -> bytes:
    """The ``.mo`` bytes for a ``.po`` without a compiled copy beside it, cached by content."""
    po = po_path.read_bytes()
    cached = _cache_dir() / f"{hashlib.sha256(po).hexdigest()[:32]}.mo"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    compiled = compile_po(po)
    try:  # a cache that cannot be written only costs the next start the compilation again
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, delete=False) as part:
            part.write(compiled)
        os.replace(part.name, cached)
    except OSError:
        pass
    return compiled


@functools.cache
def load_catalog(lang: str, locale_dir: Path | None = None) -> Catalog | None:
    """The parsed catalog of ``lang`` (parsed once per process), or None when there is none."""
    locale_dir = locale_dir or LOCALE_DIR
    mo_path = _file(lang, locale_dir, ".mo")
    if mo_path.is_file():
        with mo_path.open("rb") as mo:
            return Catalog(mo)
    po_path = _file(lang, locale_dir, ".po")
    if po_path.is_file():
        return Catalog(io.BytesIO(_compiled_from_source(po_path)))
    return None
