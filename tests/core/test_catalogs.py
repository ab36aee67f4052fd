"""Loading the catalogs: languages found by folder, .mo preferred, .po compiled once and cached."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core import catalogs
from tui.core.catalogs import LOCALE_DIR, available_languages, compile_po, load_catalog

ROOT = Path(__file__).resolve().parents[2]


def _add_french(locale_dir: Path) -> None:
    """A French catalog: the English one with a few texts translated, as a translator would start."""
    po = (LOCALE_DIR / "en" / "LC_MESSAGES" / "terugblik.po").read_text("utf-8")
    po = po.replace('"Language: en\\n"', '"Language: fr\\n"')
    po = po.replace('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"')
    po = po.replace('msgid "minutes.present"\nmsgstr "Present"', 'msgid "minutes.present"\nmsgstr "Présents"')
    po = po.replace('msgstr "show this help message and exit"', 'msgstr "afficher ce message d’aide et quitter"')
    po = po.replace('msgstr[0] "{count} friction"\nmsgstr[1] "{count} frictions"',
                    'msgstr[0] "{count} friction"\nmsgstr[1] "{count} frictions (fr)"')
    folder = locale_dir / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "terugblik.po").write_text(po, "utf-8")


@pytest.fixture
def locale_dir(tmp_path, monkeypatch):
    """A copy of the shipped catalogs plus French, and an empty cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    _add_french(copy)
    yield copy
    load_catalog.cache_clear()


def test_a_new_catalog_folder_adds_a_language(locale_dir):
    assert available_languages(locale_dir) == ("nl", "en", "fr")
    french = load_catalog("fr", locale_dir)
    assert french.text("minutes.present") == "Présents"
    # French's own plural rule: 0 takes the singular, unlike in English
    assert [french.text("influence.count", n).format(count=n) for n in (0, 1, 2)] == \
        ["0 friction", "1 friction", "2 frictions (fr)"]


def test_the_command_line_offers_a_new_language_without_code(locale_dir):
    code = (
        "from pathlib import Path\n"
        "import tui.core.catalogs as catalogs\n"
        f"catalogs.LOCALE_DIR = Path({str(locale_dir)!r})\n"
        "from tui.cli.parser import build_parser\n"
        "build_parser('fr').print_help()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert "--lang {nl,en,fr}" in result.stdout
    assert "afficher ce message d’aide et quitter" in result.stdout


def test_a_folder_without_a_catalog_is_no_language(locale_dir):
    (locale_dir / "de" / "LC_MESSAGES").mkdir(parents=True)
    assert available_languages(locale_dir) == ("nl", "en", "fr")
    assert available_languages(locale_dir / "missing") == ()


def test_a_compiled_catalog_beside_the_po_is_used(locale_dir):
    folder = locale_dir / "fr" / "LC_MESSAGES"
    po = (folder / "terugblik.po").read_bytes()
    (folder / "terugblik.mo").write_bytes(compile_po(po.replace("Présents".encode(), "Présents (mo)".encode())))
    assert load_catalog("fr", locale_dir).text("minutes.present") == "Présents (mo)"
    (folder / "terugblik.po").unlink()
    assert "fr" in available_languages(locale_dir)


def test_a_po_is_compiled_once_and_an_edit_is_never_shadowed(locale_dir, tmp_path, monkeypatch):
    compiled = []
    monkeypatch.setattr(catalogs, "compile_po", lambda po: compiled.append(po) or compile_po(po))
    assert load_catalog("fr", locale_dir).text("minutes.present") == "Présents"
    load_catalog.cache_clear()
    assert load_catalog("fr", locale_dir).text("minutes.present") == "Présents"
    assert len(compiled) == 1, "the second start reads the cached .mo"
    po_path = locale_dir / "fr" / "LC_MESSAGES" / "terugblik.po"
    po_path.write_text(po_path.read_text("utf-8").replace("Présents", "Présent·es"), "utf-8")
    load_catalog.cache_clear()
    assert load_catalog("fr", locale_dir).text("minutes.present") == "Présent·es"
    assert len(compiled) == 2


def test_an_unwritable_cache_only_costs_the_compilation(locale_dir, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_catalog("fr", locale_dir).text("minutes.present") == "Présents"


def test_no_catalog_for_a_language_is_none(locale_dir):
    assert load_catalog("xx", locale_dir) is None
