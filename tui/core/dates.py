"""Dates as people type them in a meeting: "2026-12-01", "1-12-2026", "over 2 weken", "in 3 days".

Relative dates count from an anchor: in a meeting that is the session's date, not the
day the app happens to run (a session dated 19 January 2027 reads "vrijdag" as 22 January
2027, also when it is typed weeks earlier or later). Understood in Dutch and English
whatever the interface language, because a lead may type either: ``vandaag/today``, ``morgen/tomorrow``, ``over N dagen/weken/maanden``,
``in N days/weeks/months``, ``volgende week/next week``, weekday names (the next such day),
ISO dates and day-month-year with ``-`` or ``/``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from tui.core.i18n import t

_UNITS = {
    "dag": "days", "dagen": "days", "day": "days", "days": "days",
    "week": "weeks", "weken": "weeks", "weeks": "weeks",
    "maand": "months", "maanden": "months", "month": "months", "months": "months",
}
_WEEKDAYS = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
_NUMBER_WORDS = {
    "een": 1, "één": 1, "one": 1, "a": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4,
    "four": 4, "vijf": 5, "five": 5, "zes": 6, "six": 6,
}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clipped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


WRITTEN_DATE_PATTERN = "d MMMM y"
"""Day, full month name, year ("1 december 2026", "1 December 2026") in every language.

A fixed CLDR pattern rather than each locale's "long" format, so that English keeps the
day-first order of the minutes ("1 December 2026", not "December 1, 2026")."""


def written_date(value: dt.date, lang: str, *, weekday: bool = False) -> str:
    """A date written out for people, month (and weekday) names from the language's CLDR data (via babel).

    With ``weekday`` ("vrijdag 11 december 2026") a typed "vrijdag" can be checked at a glance.
    """
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    pattern = f"EEEE {WRITTEN_DATE_PATTERN}" if weekday else WRITTEN_DATE_PATTERN
    try:
        return format_date(value, pattern, locale=lang)
    except (UnknownLocaleError, ValueError):
        return format_date(value, pattern, locale="en")


def _shift(today: dt.date, amount: int, unit: str) -> dt.date:
    if unit == "days":
        return today + dt.timedelta(days=amount)
    if unit == "weeks":
        return today + dt.timedelta(weeks=amount)
    return add_months(today, amount)


def parse_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """Read a typed date; None when empty. Raises ``ValueError`` when it cannot be understood.

    ``today`` is the day relative dates count from (the session's date in a meeting);
    without it, the computer's date.
    """
    today = today or dt.date.today()
    words = " ".join(text.strip().lower().split())
    if not words:
        return None
    if words in ("vandaag", "today"):
        return today
    if words in ("morgen", "tomorrow"):
        return today + dt.timedelta(days=1)
    if words in ("volgende week", "next week"):
        return today + dt.timedelta(weeks=1)
    if words in ("volgende maand", "next month"):
        return add_months(today, 1)
    match = re.fullmatch(r"(?:over|in)\s+(\d+|\w+)\s+(\w+)", words)
    if match and match.group(2) in _UNITS:
        amount_text = match.group(1)
        amount = int(amount_text) if amount_text.isdigit() else _NUMBER_WORDS.get(amount_text)
        if amount is not None and amount <= 520:
            return _shift(today, amount, _UNITS[match.group(2)])
    weekday = _WEEKDAYS.get(words.removeprefix("next ").removeprefix("volgende "))
    if weekday is not None:
        ahead = (weekday - today.weekday()) % 7 or 7
        return today + dt.timedelta(days=ahead)
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", words):
        year, month, day = map(int, words.split("-"))
        return dt.date(year, month, day)
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", words)
    if match:
        day, month, year = map(int, match.groups())
        return dt.date(year, month, day)
    raise ValueError(text)


def read_date(text: str, anchor: dt.date | None = None) -> tuple[dt.date | None, bool]:
    """``(date, ok)`` for a typed date: ``(None, True)`` when empty, ``(None, False)`` when unreadable.

    Relative dates count from ``anchor`` (the session's date).
    """
    try:
        return parse_date(text, anchor), True
    except ValueError:
        return None, False


def date_feedback(text: str, lang: str, anchor: dt.date | None = None) -> tuple[str, bool]:
    """What a typed date is understood as, in words, and whether it could be read.

    A readable date before ``anchor`` (the meeting's date) is accepted but marked with a
    warning, so a slip ("1-12" for a meeting in January) is seen before it is saved.
    """
    date, ok = read_date(text, anchor)
    if not ok:
        key, params = date_trouble(text)
        return "⚠ " + t(key, lang, **params), False
    if date is None:
        return t("action_form.date_empty", lang), True
    if anchor is not None and date < anchor:
        return "⚠ " + t("date.before_meeting", lang, date=written_date(date, lang, weekday=True),
                        meeting=written_date(anchor, lang)), True
    return t("action_form.date_understood", lang, date=written_date(date, lang, weekday=True)), True


def date_trouble(text: str) -> tuple[str, dict[str, object]]:
    """Why a typed date cannot be read: a string key and its parameters (for ``t`` or ``UserError``).

    A date that has the right shape but does not exist (31-02-2026) says so; anything else
    gets the one message every date field uses, with examples of what can be typed.
    """
    value = " ".join(text.split())
    parts = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if parts:
        year, month, day = map(int, parts.groups())
    else:
        parts = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value)
        day, month, year = map(int, parts.groups()) if parts else (0, 0, 0)
    if 1 <= month <= 12 and 1 <= year and day >= 1:
        days = calendar.monthrange(year, month)[1]
        if day > days:
            return "date.impossible", {"value": value, "days": days}
    return "date.unreadable", {"value": value}
