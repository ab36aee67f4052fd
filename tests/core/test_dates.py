"""Typed dates in Dutch and English."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.core.dates import add_months, parse_date

TODAY = dt.date(2026, 11, 22)  # a Sunday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("1-12-2026", dt.date(2026, 12, 1)),
        ("01/12/2026", dt.date(2026, 12, 1)),
        ("vandaag", TODAY),
        ("Today", TODAY),
        ("morgen", dt.date(2026, 11, 23)),
        ("over 2 weken", dt.date(2026, 12, 6)),
        ("in 2 weeks", dt.date(2026, 12, 6)),
        ("over twee weken", dt.date(2026, 12, 6)),
        ("in 10 days", dt.date(2026, 12, 2)),
        ("over 3 maanden", dt.date(2027, 2, 22)),
        ("in 1 month", dt.date(2026, 12, 22)),
        ("volgende week", dt.date(2026, 11, 29)),
        ("next week", dt.date(2026, 11, 29)),
        ("dinsdag", dt.date(2026, 11, 24)),
        ("next friday", dt.date(2026, 11, 27)),
        ("zondag", dt.date(2026, 11, 29)),
        ("  Over   2   Weken ", dt.date(2026, 12, 6)),
        ("", None),
        ("   ", None),
    ],
)
def test_understood(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["soon", "2026-13-01", "31-02-2026", "over veel weken", "in 2 fortnights",
                                  "over 9999 weken"])
def test_not_understood(text):
    with pytest.raises(ValueError):
        parse_date(text, TODAY)


def test_add_months_clips_to_month_end():
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)


@pytest.mark.parametrize(("typed", "key", "days"), [
    ("31-02-2026", "date.impossible", 28),
    ("2024-02-30", "date.impossible", 29),
    ("31/4/2026", "date.impossible", 30),
    ("13-13-2026", "date.unreadable", None),
    ("soon", "date.unreadable", None),
    ("  1-1-  2026", "date.unreadable", None),
])
def test_why_a_date_cannot_be_read(typed, key, days):
    from tui.core.dates import date_trouble

    found, params = date_trouble(typed)
    assert found == key
    assert params.get("days") == days
    with pytest.raises(ValueError):
        parse_date(typed)


def test_impossible_date_is_explained_in_both_languages():
    from tui.core.dates import date_trouble
    from tui.core.i18n import t

    key, params = date_trouble("31-02-2026")
    assert t(key, "nl", **params) == "“31-02-2026” bestaat niet: die maand heeft 28 dagen"
    assert t(key, "en", **params) == "“31-02-2026” does not exist: that month has 28 days"


def test_relative_dates_count_from_the_anchor_and_earlier_dates_are_warned_about():
    from tui.core.dates import date_feedback, read_date

    meeting = dt.date(2027, 1, 19)
    assert read_date("vrijdag", meeting) == (dt.date(2027, 1, 22), True)
    assert read_date("over 2 weken", meeting) == (dt.date(2027, 2, 2), True)
    assert read_date("in 2 weeks", meeting) == (dt.date(2027, 2, 2), True)
    message, ok = date_feedback("1-12-2026", "en", meeting)
    assert ok and message.startswith("⚠") and "19 January 2027" in message
    message, ok = date_feedback("vrijdag", "nl", meeting)
    assert ok and "⚠" not in message and "22 januari 2027" in message


def test_the_date_read_back_names_its_weekday():
    from tui.core.dates import date_feedback

    meeting = dt.date(2027, 1, 19)  # a Tuesday
    assert date_feedback("vrijdag", "nl", meeting) == ("→ vrijdag 22 januari 2027", True)
    assert date_feedback("next friday", "en", meeting) == ("→ Friday 22 January 2027", True)
    assert date_feedback("1-12-2026", "en", meeting)[0].startswith("⚠ Tuesday 1 December 2026")
