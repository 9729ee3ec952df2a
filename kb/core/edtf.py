"""Dates with precision, written as EDTF (Library of Congress Extended Date/Time Format).

Only the subset this knowledge base needs: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` and a month
and day in an unknown year, ``XXXX-MM-DD`` (or ``XXXX-MM``). Everything that leaves the
database as a date goes through :class:`PartialDate`; :func:`human_date` writes one for people.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

DAY = "day"
MONTH = "month"
YEAR = "year"
UNKNOWN = "unknown"
PRECISIONS = (DAY, MONTH, YEAR, UNKNOWN)

_EDTF_RE = re.compile(r"^(?P<year>\d{4}|XXXX)(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a year, a month or a day; the year may be unknown."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.year is None and self.month is None:
            raise ValueError("a date needs at least a year or a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            # 29 February is valid in an unknown year.
            last = calendar.monthrange(self.year or 2000, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day out of range: {self.day}")
        if self.year is not None and not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")

    @property
    def precision(self) -> str:
        """The finest unit known: day, month or year."""
        if self.day is not None:
            return DAY
        if self.month is not None:
            return MONTH
        return YEAR

    @property
    def year_known(self) -> bool:
        return self.year is not None

    def edtf(self) -> str:
        """The EDTF string, e.g. ``2023-03``, ``2015-03-01`` or ``XXXX-08-11``."""
        out = f"{self.year:04d}" if self.year is not None else "XXXX"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    def bounds(self) -> tuple[date, date] | None:
        """First and last calendar day covered, or None when the year is unknown."""
        if self.year is None:
            return None
        if self.month is None:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        if self.day is None:
            last = calendar.monthrange(self.year, self.month)[1]
            return date(self.year, self.month, 1), date(self.year, self.month, last)
        d = date(self.year, self.month, self.day)
        return d, d

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """Parse an EDTF string of the supported subset; ValueError otherwise."""
        m = _EDTF_RE.match(value.strip())
        if not m:
            raise ValueError(f"not a supported EDTF date: {value!r}")
        year = None if m["year"] == "XXXX" else int(m["year"])
        month = int(m["month"]) if m["month"] else None
        day = int(m["day"]) if m["day"] else None
        return cls(year, month, day)

    def __str__(self) -> str:
        return self.edtf()


def validate_edtf(value: str) -> None:
    """Django validator: raise ValidationError for an unsupported EDTF string."""
    if not value:
        return
    try:
        PartialDate.parse(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


# --- for people ------------------------------------------------------------------------

PRECISION_LABELS = {
    DAY: "day",
    MONTH: "month only",
    YEAR: "year only",
    "unknown": "date unknown",
}


def human_date(value: str) -> str:
    """An EDTF string for people: 11 August 2023, March 2023, 2022, 11 August (year unknown)."""
    if not value:
        return "undated"
    try:
        d = PartialDate.parse(value)
    except ValueError:
        return value
    month = calendar.month_name[d.month] if d.month else ""
    year = str(d.year) if d.year else "year unknown"
    if d.day:
        text = f"{d.day} {month}"
    elif d.month:
        text = month
    else:
        return year
    return f"{text} {year}" if d.year else f"{text} ({year})"


def human_range(start: str, end: str = "") -> str:
    """A start and optional end date for people."""
    if end and end != start:
        return f"{human_date(start)} – {human_date(end)}"
    return human_date(start)
