"""The catalogs: every shipped language complete, placeholders consistent, every key used exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tui.core import model
from tui.core.catalogs import LOCALE_DIR, available_languages
from tui.core.i18n import SUPPORTED, label, resolve_language, system_language, t, texts

SOURCE = Path(__file__).resolve().parents[2] / "tui"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _forms(message) -> tuple[str, ...]:
    return tuple(message.string) if message.pluralizable else (message.string,)


def read_catalog(lang: str, locale_dir: Path = LOCALE_DIR):
    """The ``.po`` catalog of ``lang`` as babel reads it (the source the ``.mo`` is built from)."""
    with (locale_dir / lang / "LC_MESSAGES" / "terugblik.po").open("rb") as po:
        return read_po(po)


def catalog_problems(lang: str, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """What is wrong with ``lang``'s catalog measured against the English one: gaps and placeholder mismatches."""
    english = {message.id if isinstance(message.id, str) else message.id[0]: message
               for message in read_catalog("en", locale_dir) if message.id}
    catalog = read_catalog(lang, locale_dir)
    problems = []
    seen = set()
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        seen.add(key)
        if key not in english:
            problems.append(f"{key}: not a key of the English catalog")
            continue
        forms = _forms(message)
        if message.fuzzy or not all(form.strip() for form in forms):
            problems.append(f"{key}: not translated")
        if message.pluralizable != english[key].pluralizable:
            problems.append(f"{key}: plural forms in one language only")
        elif message.pluralizable and len(forms) != catalog.num_plurals:
            problems.append(f"{key}: {len(forms)} plural forms, the language has {catalog.num_plurals}")
        wanted = _fields(_forms(english[key])[-1])
        for form in forms:
            if form.strip() and _fields(form) != wanted:
                problems.append(f"{key}: placeholders {sorted(_fields(form))}, English has {sorted(wanted)}")
    problems += [f"{key}: missing" for key in sorted(english.keys() - seen)]
    return problems


def test_both_home_languages_are_shipped():
    assert SUPPORTED[:2] == ("nl", "en")


@pytest.mark.parametrize("lang", available_languages())
def test_every_key_is_translated_with_the_same_placeholders(lang):
    assert catalog_problems(lang) == []


def test_the_check_finds_gaps_and_placeholder_mismatches(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "xx" / "LC_MESSAGES").mkdir(parents=True)
    english = LOCALE_DIR / "en" / "LC_MESSAGES"
    (tmp_path / "en" / "LC_MESSAGES").symlink_to(english, target_is_directory=True)
    po = (english / "terugblik.po").read_text("utf-8")
    po = po.replace('msgid "minutes.present"\nmsgstr "Present"', 'msgid "minutes.present"\nmsgstr ""')
    po = po.replace('msgstr "votes: {count}"', 'msgstr "votes: {number}"')
    po = po.replace('msgid "minutes.none"\nmsgstr "None."\n', "")
    (tmp_path / "xx" / "LC_MESSAGES" / "terugblik.po").write_text(po, "utf-8")
    problems = catalog_problems("xx", tmp_path)
    assert problems == [
        "minutes.present: not translated",
        "minutes.votes: placeholders ['number'], English has ['count']",
        "minutes.none: missing",
    ]


@pytest.mark.parametrize("lang", available_languages())
def test_the_loaded_catalog_holds_what_the_po_says(lang):
    expected = {message.id if isinstance(message.id, str) else message.id[0]: _forms(message)[-1]
                for message in read_catalog(lang) if message.id}
    assert texts(lang) == expected


def test_plural_forms_follow_the_count():
    assert [t("influence.count", "en", count=n) for n in (0, 1, 2)] == ["0 frictions", "1 friction", "2 frictions"]
    assert [t("influence.count", "nl", count=n) for n in (0, 1, 2)] == ["0 knelpunten", "1 knelpunt", "2 knelpunten"]


def test_every_literal_key_in_the_code_exists():
    pattern = re.compile(r"""\bt\(\s*"([a-z_]+\.[a-z_.]+)"|UserError\(\s*"([a-z_]+\.[a-z_.]+)"|"(app\.key\.[a-z_]+)\"""")
    used = set()
    for path in SOURCE.rglob("*.py"):
        for match in pattern.finditer(path.read_text("utf-8")):
            used.add(next(group for group in match.groups() if group))
    assert used, "the scan found no keys at all"
    assert sorted(used - set(texts("en"))) == []


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("role", model.ROLES),
        ("perspective", model.PERSPECTIVES),
        ("outcome", model.REVIEW_OUTCOMES),
        ("decision", model.NOTE_DECISIONS),
        ("influence", model.INFLUENCE),
        ("overall", model.OVERALL_DECISIONS),
        ("status", model.STATUSES),
    ],
)
def test_every_enumerated_value_has_a_label(kind, values):
    for lang in ("nl", "en"):
        for value in values:
            assert f"{kind}.{value}" in texts(lang)
    assert label("role", "informal_carer", "nl") == "Mantelzorger"


def test_unknown_language_falls_back_to_english():
    assert t("minutes.present", "xx") == "Present"


def test_unknown_key_shows_itself():
    assert t("no.such.key", "nl") == "no.such.key"


def test_language_resolution_order():
    assert resolve_language("nl", "en", {"LANG": "en_GB.UTF-8"}) == "nl"
    assert resolve_language(None, "en", {"LANG": "nl_NL.UTF-8"}) == "en"
    assert resolve_language(None, None, {"LANG": "nl_BE.UTF-8"}) == "nl"
    assert resolve_language(None, None, {"LANG": "de_DE.UTF-8"}) == "en"
    assert resolve_language(None, None, {"LC_ALL": "C"}) == "en"
    assert system_language({"LC_ALL": "nl_NL.UTF-8", "LANG": "en_US"}) == "nl"
