"""The string tables: both languages complete, placeholders consistent, every key used exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from tui.core import model
from tui.core.i18n import label, resolve_language, system_language, t
from tui.core.strings import STRINGS

SOURCE = Path(__file__).resolve().parents[2] / "tui"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys():
    assert set(STRINGS["en"]) == set(STRINGS["nl"])


@pytest.mark.parametrize("key", sorted(STRINGS["en"]))
def test_placeholders_match(key):
    assert _fields(STRINGS["en"][key]) == _fields(STRINGS["nl"][key]), key
    assert STRINGS["nl"][key].strip(), key


def test_every_literal_key_in_the_code_exists():
    pattern = re.compile(r"""\bt\(\s*"([a-z_]+\.[a-z_.]+)"|UserError\(\s*"([a-z_]+\.[a-z_.]+)"|"(app\.key\.[a-z_]+)\"""")
    used = set()
    for path in SOURCE.rglob("*.py"):
        for match in pattern.finditer(path.read_text("utf-8")):
            used.add(next(group for group in match.groups() if group))
    assert used, "the scan found no keys at all"
    assert sorted(used - set(STRINGS["en"])) == []


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
            assert f"{kind}.{value}" in STRINGS[lang]
    assert label("role", "informal_carer", "nl") == "Mantelzorger"


def test_unknown_language_falls_back_to_english():
    assert t("minutes.present", "fr") == "Present"


def test_language_resolution_order():
    assert resolve_language("nl", "en", {"LANG": "en_GB.UTF-8"}) == "nl"
    assert resolve_language(None, "en", {"LANG": "nl_NL.UTF-8"}) == "en"
    assert resolve_language(None, None, {"LANG": "nl_BE.UTF-8"}) == "nl"
    assert resolve_language(None, None, {"LANG": "de_DE.UTF-8"}) == "en"
    assert resolve_language(None, None, {"LC_ALL": "C"}) == "en"
    assert system_language({"LC_ALL": "nl_NL.UTF-8", "LANG": "en_US"}) == "nl"
