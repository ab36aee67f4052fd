"""Dates written out for people: month names from babel's locale data, day-first in every language."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.core.dates import written_date
from tui.core.minutes import format_date

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli",
           "augustus", "september", "oktober", "november", "december"],
}


@pytest.mark.parametrize("lang", sorted(MONTHS))
def test_every_month_is_written_as_the_minutes_always_wrote_it(lang):
    for month, name in enumerate(MONTHS[lang], start=1):
        assert written_date(dt.date(2026, month, 9), lang) == f"9 {name} 2026"


def test_no_padding_and_the_full_year():
    assert written_date(dt.date(999, 1, 1), "en") == "1 January 999"
    assert format_date(dt.date(2026, 12, 31), "nl") == "31 december 2026"
    assert format_date(None, "nl") == "—"


def test_a_language_babel_does_not_know_writes_english():
    assert written_date(dt.date(2026, 3, 4), "xx-nonsense") == "4 March 2026"
