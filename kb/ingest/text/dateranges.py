"""Arithmetic and comparison on PartialDates: shifting by "three days later", overlap tests."""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from kb.core.edtf import PartialDate

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_UNITS = {
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
}


_SAME_DAY = re.compile(
    r"(?i)earlier in the day|later (?:that|in the) day|(?:on )?the same day|that same day"
)
_DAYS_LATER = re.compile(r"(?i)(?:a few |several )?days later")


def shift(anchor: PartialDate, words: str) -> PartialDate | None:
    """The date ``words`` ("three days later", "the next day") point to from ``anchor``."""
    if anchor.day is None:
        return None
    if _SAME_DAY.fullmatch(words.strip()):
        return anchor  # "Earlier in the day", "later that day"
    if _DAYS_LATER.fullmatch(words.strip()):
        # "Days later": the same month, when the anchor leaves room for some days in it
        return PartialDate(anchor.year, anchor.month) if anchor.day <= 20 else None
    m = re.match(
        r"(?i)(?:(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?|months?)\s+"
        r"(later|after|earlier|before)|the (next|following) day|the day before)",
        words.strip(),
    )
    if not m:
        return None
    if m.group(1):
        raw = m.group(1).lower()
        n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
        n = -n if m.group(3).lower() in ("earlier", "before") else n
        delta = relativedelta(**{_UNITS[m.group(2).lower()]: n})
    else:
        delta = relativedelta(days=1 if m.group(4) else -1)
    moved = date(anchor.year or 2001, anchor.month, anchor.day) + delta
    if anchor.year is None and moved.year != 2001:
        return None  # crossed into an unknown year
    precision_month = m.group(2) and m.group(2).lower().startswith("month")
    return PartialDate(
        anchor.year and moved.year, moved.month, None if precision_month else moved.day
    )


def dates_compatible(a: PartialDate, b: PartialDate) -> bool:
    """Whether two dates can name the same day: equal where both are known, or one coarser."""
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    if a.month is not None and b.month is not None and a.month != b.month:
        return False
    return a.day is None or b.day is None or a.day == b.day


def ranges_compatible(
    a: PartialDate | None,
    a_end: PartialDate | None,
    b: PartialDate | None,
    b_end: PartialDate | None,
) -> bool:
    """Whether two (start, end) date ranges may overlap; an unknown date fits anything."""
    if a is None or b is None:
        return True
    if a_end is None and b_end is None:
        return dates_compatible(a, b)
    ab, bb = a.bounds(), b.bounds()
    if ab is None or bb is None:
        return dates_compatible(a, b)
    a_last = (a_end.bounds() or ab)[1] if a_end else ab[1]
    b_last = (b_end.bounds() or bb)[1] if b_end else bb[1]
    return ab[0] <= b_last and bb[0] <= a_last


def merge_ranges(text: str, exprs: list) -> list:
    """Join "from A to B", "between A and B" and "A–B" into one expression."""
    out: list = []
    for expr in exprs:
        prev = out[-1] if out else None
        if prev is not None and prev.date is not None and expr.date is not None:
            gap = text[prev.end : expr.start]
            opener = text[max(0, prev.start - 8) : prev.start].lower()
            joined = re.fullmatch(r"\s*(?:[-–—]|to|until|through|and)\s*", gap)
            ranged = prev.text.lower().startswith(("from", "between")) or "between" in opener
            if joined and (gap.strip() in "-–—" or ranged) and prev.date <= expr.date:
                start = prev.start
                if "between" in opener and not prev.text.lower().startswith("between"):
                    start = text.lower().rindex("between", 0, prev.start)
                prev.start, prev.end = start, expr.end
                prev.text = text[start : expr.end]
                prev.date_end = expr.date_end or expr.date
                continue
        out.append(expr)
    return out
