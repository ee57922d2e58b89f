"""Dates: the one rule for a date a person writes, and the calendar arithmetic of contracts.

A date is written `YYYY-MM-DD`, is a real day, and falls in :data:`YEARS`: a typo such as 9999
would otherwise overflow date arithmetic (a contract's end, a period's due date) far from where
it was typed. The same rule holds in a record, a CSV cell and a command-line option.
"""

from __future__ import annotations

import calendar
import datetime
import os
import re
from typing import Literal

Period = Literal["month", "quarter", "year"]
"""How often revenue is declared and paid."""

YEARS = range(1900, 2200)
"""The years a registry's dates may fall in."""

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""The written form of a date (`fromisoformat` alone would also take 20261128 or 2026-W48-6)."""

_ISO_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"(Z|z|[+-][0-9]{2}:[0-9]{2})"
)


TODAY_VARIABLE = "COMMONS_CONTRACTS_TODAY"
"""The environment variable that fixes the day the warnings about dates far ahead count from
(`YYYY-MM-DD`), so that a run can be repeated on another day (the tests set it)."""


def today() -> datetime.date:
    """The day the warnings about dates far ahead count from: the system's date, unless
    :data:`TODAY_VARIABLE` gives a valid date."""
    fixed = parse_date(os.environ.get(TODAY_VARIABLE, ""))
    return fixed or datetime.date.today()


def parse_date(text: str) -> datetime.date | None:
    """The date written `text` (`2026-11-28`), or None when it is not a real date of
    :data:`YEARS` written `YYYY-MM-DD`."""
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return day if day.year in YEARS else None


def is_date_time(text: str) -> bool:
    """Whether `text` is an ISO date and time with a time zone (`2026-01-05T10:00:00Z`), in
    :data:`YEARS`."""
    if not _ISO_DATE_TIME.fullmatch(text):
        return False
    try:
        return datetime.datetime.fromisoformat(text.replace("z", "Z")).year in YEARS
    except ValueError:
        return False


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the end of a shorter month (31 Jan + 1 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


def period_label(day: datetime.date, period: Period) -> str:
    """The label of the period holding `day`: `2026-11` (month), `2026-Q4`, `2026` (year)."""
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if period == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}"


def period_start(day: datetime.date, period: Period) -> datetime.date:
    """The first day of the month, quarter or year holding `day`."""
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return datetime.date(day.year, 1, 1)


def period_end(day: datetime.date, period: Period) -> datetime.date:
    """The last day of the month, quarter or year holding `day`."""
    last_month = {"month": day.month, "quarter": (day.month + 2) // 3 * 3, "year": 12}[period]
    last_day = calendar.monthrange(day.year, last_month)[1]
    return datetime.date(day.year, last_month, last_day)


_DAY_FIRST = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")


def normalise_date_text(text: str) -> str:
    """The ISO text of a date as a French person types it: `04/11/2026`, `4/11/2026`,
    `04.11.2026` or `04-11-2026` (day first, four-digit year) as `2026-11-04`; an ISO date and
    any other text as they are, so that the one date rule (:func:`parse_date`) then names the
    problem. A two-digit year is left as typed: its century is a guess."""
    stripped = text.strip()
    match = _DAY_FIRST.fullmatch(stripped)
    if match is None:
        return stripped
    day, month, year = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"
