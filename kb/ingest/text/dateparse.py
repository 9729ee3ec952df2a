"""One date as written ("March 3, 2024", "2024-03-03T10:00", "3/4/20", "2019") → PartialDate."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from dateutil import parser as dateparser

from kb.core.edtf import PartialDate


@lru_cache(maxsize=1024)
def parse_date(text: str) -> PartialDate | None:
    """A PartialDate from a date written as EDTF, ISO or words; None when not a date.

    Kept for the last dates asked about: the cleaner reads a date line more than once, and a
    batch of articles shares its dates (PartialDate is immutable).
    """
    value = text.strip().rstrip(".")
    if not value:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError:
        pass
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})[T ]", value):
        return _safe(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", value):
        month, day, year = int(m[1]), int(m[2]), int(m[3])
        if month > 12 >= day:  # day first: 25/12/2019
            month, day = day, month
        return _safe(year + 2000 if year < 100 else year, month, day)
    return _parse_words(value)


def _safe(year: int | None, month: int | None = None, day: int | None = None) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


_FULL_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+) (\d{1,2}), ([1-9]\d{3})")


def _parse_words(value: str) -> PartialDate | None:
    """Named-month dates via dateutil, parsed twice to learn which parts were written."""
    value = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", value)
    # The commonest shape, "March 3, 2024", read directly: dateutil says the same, slowly.
    if m := _MONTH_DAY_YEAR.fullmatch(value):
        month, day = _FULL_MONTHS.get(m[1].lower()), int(m[2])
        if month and 1 <= day <= 31:
            return _safe(int(m[3]), month, day)
    if not re.search(r"\d", value):
        return None
    try:
        a = dateparser.parse(value, default=datetime(1, 1, 1))
        b = dateparser.parse(value, default=datetime(2, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    year = a.year if a.year == b.year else None
    month = a.month if a.month == b.month else None
    day = a.day if a.day == b.day and month else None
    if month is None and year is None:
        return None
    return _safe(year, month, day)
