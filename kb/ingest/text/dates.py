"""Temporal expressions in article text, resolved to PartialDates against a publication date.

A date is given only with the precision the words allow: "March 2023" is a month, "in 2014"
a year, "August 11th" a month and day whose year stays unknown unless the article's
publication date supplies it. Relative expressions ("on Tuesday", "last month") need a
publication date; without one they are still found, with ``date=None``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from kb.core.edtf import PartialDate
from kb.ingest.text import prefilter
from kb.ingest.text.dateranges import (
    NUMBER_WORDS,
    dates_compatible,
    merge_ranges,
    ranges_compatible,
    shift,
)

__all__ = [
    "TimeExpr",
    "dates_compatible",
    "find_temporal_expressions",
    "ranges_compatible",
    "shift",
]


@dataclass
class TimeExpr:
    """A temporal expression found in text: its span, words and resolved date range."""

    start: int
    end: int
    text: str
    date: PartialDate | None
    date_end: PartialDate | None = None
    relation: str = "on"  # on | since | until | before | after


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11)}
RELATIONS = {
    "since": "since", "until": "until", "till": "until", "before": "before",
    "after": "after", "by": "until",
}  # fmt: skip

_FULL_MONTH = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)
_ABBR_MONTH = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MON = rf"(?P<mon>(?:{_FULL_MONTH})|(?:{_ABBR_MONTH})\.?)"
FMON = rf"(?P<mon>{_FULL_MONTH})"
DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# The words that may open a date ("in 2014", "since March 3"); see _after_preposition.
PREPOSITIONS = (
    "on", "in", "since", "during", "by", "until", "till", "before", "after", "from", "starting",
    "through", "of",
)  # fmt: skip
_PREPOSITION_BEFORE = re.compile(
    "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in PREPOSITIONS) + r")\s+\Z"
)
_LONGEST_PREPOSITION = max(map(len, PREPOSITIONS))
PART = r"(?:(?:early|mid|late|[Ee]arly|[Mm]id|[Ll]ate)(?:-|\s+))?"
NOT_NUM = r"(?![\d,]\d)"
NOT_YEAR_AFTER = r"(?!,?\s*(?:1[89]|20)\d{2})"
YEAR_NOUNS = r"(?!\s*(?:%|troops|fighters|people|members|soldiers|men|militiamen|km|kilomet|miles|dollars|civilians)\b)"

Handler = Callable[[re.Match[str], PartialDate | None], tuple | None]


def _month(m: re.Match[str]) -> int:
    return MONTHS[m["mon"].rstrip(".").lower()]


def _base_day(base: PartialDate | None) -> date | None:
    """The publication day, when the base is known to the day."""
    if base is None or base.year is None or base.day is None:
        return None
    return date(base.year, base.month, base.day)


def _day(d: date) -> PartialDate:
    return PartialDate(d.year, d.month, d.day)


def _safe(year: int | None, month: int, day: int | None = None) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def _resolve_year(month: int, day: int | None, base: PartialDate | None) -> int | None:
    """The base year, or the year before when the date would fall after publication."""
    if base is None or base.year is None:
        return None
    if base.month is not None:
        if month > base.month:
            return base.year - 1
        if month == base.month and day is not None and base.day is not None and day > base.day:
            return base.year - 1
    return base.year


def _two_digit_year(yy: str, base: PartialDate | None) -> int:
    if len(yy) == 4:
        return int(yy)
    year = 2000 + int(yy)
    limit = base.year if base is not None and base.year is not None else 2049
    return year if year <= limit + 1 else year - 100


# Each handler returns (date, date_end) or None to reject the match.
def _h_full(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    return (_safe(int(m["year"]), _month(m), int(m["day"])), None)


def _h_iso(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    d = _safe(int(m["year"]), int(m["mm"]), int(m["dd"]))
    return (d, None) if d else None


def _h_slash(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    a, b = int(m["a"]), int(m["b"])
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    d = _safe(_two_digit_year(m["yy"], base), month, day)
    return (d, None) if d else None


def _h_month_day(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    month, day = _month(m), int(m["day"])
    if _safe(None, month, day) is None:
        return None
    return (_safe(_resolve_year(month, day, base), month, day), None)


def _h_month_year(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    return (PartialDate(int(m["year"]), _month(m)), None)


def _h_month_alone(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    month = _month(m)
    which = (m["which"] or "").lower()
    year = _resolve_year(month, None, base)
    if year is not None and which == "next":
        year = base.year if month > (base.month or 12) else base.year + 1
    elif year is not None and which == "last" and base.month is not None and month >= base.month:
        year = base.year - 1
    return (PartialDate(year, month), None)


def _h_season(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    season = m["season"].lower()
    if season == "winter":
        return None  # spans two years; too vague to place
    year = int(m["year"]) if m.groupdict().get("year") else None
    if year is None:
        if base is None or base.year is None:
            return (None, None)
        year = base.year + {"last": -1, "next": 1}.get(m["which"].lower(), 0)
    first, last = SEASONS[season]
    return (PartialDate(year, first), PartialDate(year, last))


def _h_decade(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    start = int(m["decade"])
    return (PartialDate(start), PartialDate(start + 9))


def _h_year_range(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    first, second = int(m["year"]), m["year2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last <= first:
        return None
    return (PartialDate(first), PartialDate(last))


def _h_year(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    return (PartialDate(int(m["year"])), None)


def _h_weekday(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    today = _base_day(base)
    if today is None:
        return (None, None)
    target = WEEKDAYS.index(m["wd"].lower())
    which = (m["which"] or "").lower().replace("this past", "last")
    if which in ("next", "this coming", "coming"):
        ahead = (target - today.weekday()) % 7 or 7
        return (_day(today + timedelta(days=ahead)), None)
    back = (today.weekday() - target) % 7
    if which == "last" and back == 0:
        back = 7
    return (_day(today - timedelta(days=back)), None)


def _h_day_word(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    today = _base_day(base)
    if today is None:
        return (None, None)
    word = m["dword"].lower()
    shift = {"yesterday": -1, "tomorrow": 1}.get(word.split()[-1], 0)
    if word.startswith("the day before"):
        shift = -2
    return (_day(today + timedelta(days=shift)), None)


def _h_unit(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    """this/last/next week|month|year, earlier this year, the past week, ..."""
    which = m["which"].lower()
    unit = m["unit"].lower()
    if base is None or base.year is None:
        return (None, None)
    today = _base_day(base)
    past = which.startswith(("the past", "the last", "in the past", "in the last"))
    if unit == "year":
        if past:
            return (_day(today - relativedelta(years=1)), _day(today)) if today else (None, None)
        shift = -1 if which.endswith("last") else 1 if which.endswith("next") else 0
        return (PartialDate(base.year + shift), None)
    if unit == "month":
        if base.month is None:
            return (None, None)
        if past:
            return (_day(today - relativedelta(months=1)), _day(today)) if today else (None, None)
        shift = -1 if which.endswith("last") else 1 if which.endswith("next") else 0
        d = date(base.year, base.month, 1) + relativedelta(months=shift)
        return (PartialDate(d.year, d.month), None)
    if today is None:
        return (None, None)
    if past:
        return (_day(today - timedelta(days=7)), _day(today))
    shift = -1 if which.endswith("last") else 1 if which.endswith("next") else 0
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=shift)
    return (_day(monday), _day(monday + timedelta(days=6)))


def _h_ago(m: re.Match[str], base: PartialDate | None) -> tuple | None:
    today = _base_day(base)
    if today is None:
        return (None, None)
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = m["agounit"].lower().rstrip("s")
    then = today - relativedelta(**{unit + "s": n})
    if unit == "month":
        return (PartialDate(then.year, then.month), None)
    if unit == "year":
        return (PartialDate(then.year), None)
    return (_day(then), None)


_NUM = r"(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_WHICH_UNIT = (
    r"(?P<which>(?:earlier|later)\s+this|(?:early|late)\s+(?:last|this)|(?:in\s+)?the\s+(?:past|last)"
    r"|this\s+past|this|last|next)"
)


class DatePattern(NamedTuple):
    """A date pattern, the handler of its matches, and whether a preposition may open them."""

    regex: re.Pattern[str]
    handler: Handler
    after_preposition: bool = False


def _after_preposition(core: str, handler: Handler) -> DatePattern:
    """A pattern whose matches may open with one of PREPOSITIONS and spaces.

    The preposition is looked for before each match of ``core`` (see _preposition_before)
    rather than as an optional group in front of it, which ``re`` would try at every
    character of the text (a costly attempt: a dozen words to compare). This finds the matches of ``(?:PREPOSITION\\s+)?core`` as long as
    no match of ``core`` can start with a space, with a preposition and a space, or with the
    end of a preposition ("n" of "in"): true of every core below, which start with a month,
    weekday or season name, a number or a word such as "the", "early" or "last".
    """
    return DatePattern(re.compile(core), handler, after_preposition=True)


def _preposition_before(text: str, at: int, floor: int) -> int:
    """Start of the preposition and spaces right before ``at``; ``at`` when there are none.

    ``floor``: the end of the previous match, where the preposition may start at the earliest.
    """
    word_end = at
    while word_end > floor and text[word_end - 1].isspace():
        word_end -= 1
    if word_end == at:
        return at
    found = _PREPOSITION_BEFORE.search(text, max(floor, word_end - _LONGEST_PREPOSITION), at)
    return found.start() if found else at


# Ordered by priority: on equal length the earlier pattern wins.
PATTERNS: list[DatePattern] = [
    _after_preposition(rf"(?:{WEEKDAY},?\s+)?{MON}\s*{DAYNUM},?\s+{YEAR}\b", _h_full),
    _after_preposition(  # "28 January 2024", and glued by a lost space: "28January 2024"
        rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAYNUM}\s*(?:of\s+)?{MON},?\s+{YEAR}\b", _h_full
    ),
    _after_preposition(rf"\b{YEAR}-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)\b", _h_iso),
    _after_preposition(r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<yy>\d{4}|\d{2})\b", _h_slash),
    _after_preposition(rf"\b{MON}\s+{DAYNUM}\b{NOT_NUM}{NOT_YEAR_AFTER}", _h_month_day),
    _after_preposition(rf"(?:the\s+)?\b{DAYNUM}\s+(?:of\s+)?{MON}\b{NOT_YEAR_AFTER}", _h_month_day),
    _after_preposition(rf"{PART}\b{MON},?\s+(?:of\s+)?{YEAR}\b", _h_month_year),
    DatePattern(
        re.compile(
            rf"(?:(?P<prep>[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Bb]efore|[Aa]fter|[Ff]rom|[Tt]hrough)\s+{PART}"
            rf"|(?P<which>[Ll]ast|[Tt]his|[Nn]ext)\s+|(?:[Ee]arly|[Mm]id|[Ll]ate)(?:-|\s+)){FMON}\b(?!\s+\d)"
        ),
        _h_month_alone,
    ),
    _after_preposition(rf"(?:the\s+)?{SEASON}\s+(?:of\s+)?{YEAR}\b", _h_season),
    _after_preposition(rf"(?P<which>[Tt]his|[Ll]ast|[Nn]ext)\s+{SEASON}\b", _h_season),
    _after_preposition(
        r"(?:the\s+)?(?:early\s+|late\s+|mid-)?(?P<decade>(?:19|20)\d0)s\b", _h_decade
    ),
    _after_preposition(
        rf"(?:between\s+)?\b{YEAR}\s*(?:[-–—]|\s+(?:to|and|until|through)\s+)(?P<year2>(?:19|20)\d{{2}}|\d{{2}})\b(?![-/]\d)",
        _h_year_range,
    ),
    _after_preposition(rf"{PART}\b{YEAR}\b(?![-/–]\d|,\d|\.\d){YEAR_NOUNS}", _h_year),
    _after_preposition(
        rf"(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his(?:\s+(?:past|coming))?|[Cc]oming)\s+)?\b{WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b",
        _h_weekday,
    ),
    DatePattern(
        re.compile(
            r"\b(?P<dword>[Tt]he day before yesterday|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|[Tt]his (?:morning|afternoon|evening))\b"
        ),
        _h_day_word,
    ),
    DatePattern(
        re.compile(
            rf"(?:(?P<prep>[Ii]n|[Ss]ince|[Dd]uring|[Oo]ver|[Bb]y|[Uu]ntil)\s+)?(?:(?:just|only)\s+)?\b{_WHICH_UNIT}\s+(?P<unit>week|month|year)\b"
        ),
        _h_unit,
    ),
    DatePattern(
        re.compile(rf"\b{_NUM}\s+(?P<agounit>days?|weeks?|months?|years?)\s+ago\b", re.I), _h_ago
    ),
]


# A cheap test per pattern: a pattern can only match text in which all its trigger words
# occur (the optional preposition in front makes the full patterns slow to scan). Switched
# off with the other pre-tests (kb.ingest.text.prefilter.ENABLED).
_TRIGGER_WORDS = {
    "month": re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),
    "year": re.compile(r"(?:1[89]|20)\d\d"),
    "digit": re.compile(r"\d"),
    "iso": re.compile(r"\d-[01]\d-"),
    "slash": re.compile(r"\d/"),
    "season": re.compile(r"spring|summer|fall|autumn|winter"),
    "decade": re.compile(r"(?:19|20)\d0s"),
    "weekday": re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
    "unit": re.compile(r"week|month|year"),
    "ago": re.compile(r"(?i:ago)"),
    "dayword": re.compile(r"esterday|oday|onight|omorrow|his (?:morning|afternoon|evening)"),
}
_TRIGGERS: list[tuple[str, ...]] = [
    ("month", "year"),
    ("month", "year"),
    ("iso",),
    ("slash",),
    ("month", "digit"),
    ("month", "digit"),
    ("month", "year"),
    ("month",),
    ("season", "year"),
    ("season",),
    ("decade",),
    ("year",),
    ("year",),
    ("weekday",),
    ("dayword",),
    ("unit",),
    ("ago",),
]
assert len(_TRIGGERS) == len(PATTERNS)
# Trigger words that contain a digit: absent wherever "digit" is.
_WITH_DIGITS = {"year", "digit", "iso", "slash", "decade"}


def _candidates(text: str, base: PartialDate | None) -> list[TimeExpr]:
    found: list[tuple[int, int, int, TimeExpr]] = []
    digits = _TRIGGER_WORDS["digit"].search(text) is not None
    present = {
        k for k, p in _TRIGGER_WORDS.items() if (digits or k not in _WITH_DIGITS) and p.search(text)
    }
    for priority, (pattern, handler, after_preposition) in enumerate(PATTERNS):
        if prefilter.ENABLED and not present.issuperset(_TRIGGERS[priority]):
            continue
        previous_end = 0
        for m in pattern.finditer(text):
            start, end = m.span()
            floor, previous_end = previous_end, end
            result = handler(m, base)
            if result is None:
                continue
            if after_preposition:
                start = _preposition_before(text, start, floor)
                prep = text[start : m.start()].strip()
            else:
                prep = m.groupdict().get("prep") or ""
            relation = RELATIONS.get(prep.lower(), "on")
            expr = TimeExpr(start, end, text[start:end], result[0], result[1], relation)
            found.append((start, end, priority, expr))
    return [f[3] for f in sorted(found, key=lambda f: (-(f[1] - f[0]), f[2], f[0]))]


def find_temporal_expressions(text: str, base: PartialDate | None) -> list[TimeExpr]:
    """Temporal expressions in ``text``, in order, resolved against the publication date."""
    return [replace(e) for e in _find_cached(text, base)]


@lru_cache(maxsize=4096)
def _find_cached(text: str, base: PartialDate | None) -> tuple[TimeExpr, ...]:
    """The same sentence is asked about by several steps; each caller gets fresh copies."""
    return tuple(_find(text, base))


def _find(text: str, base: PartialDate | None) -> list[TimeExpr]:
    taken: list[TimeExpr] = []
    for expr in _candidates(text, base):
        if all(expr.end <= t.start or expr.start >= t.end for t in taken):
            taken.append(expr)
    taken.sort(key=lambda e: e.start)
    return merge_ranges(text, taken)
