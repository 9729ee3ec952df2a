"""Events laid out by year and month, drawn at the precision their date is known.

A day-precision event is a dot at its day, a month-precision event a bar over its whole
month, a year-precision event a bar over the whole year, a range a bar from its first to its
last day. Events whose year is unknown cannot be placed and are listed apart.

The drawing is for the eye and the mouse: every event it shows is also a link in the month
lists beside it, so the SVG is hidden from assistive technology and its links are left out of
the tab order (no link is announced or tabbed to twice).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.utils import dateformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from kb.core.edtf import DAY, MONTH, PRECISION_LABELS, human_date, human_range
from kb.core.pages import PageUrls

MONTH_WIDTH = 60
WIDTH = 12 * MONTH_WIDTH
LANE = 16
AXIS = 18
MAX_YEARS_PER_EVENT = 50  # a range over more years is drawn in its first 50 only


@dataclass
class Mark:
    """One event drawn in one year: x range in the SVG and the lane it sits in."""

    event: object
    x0: float
    x1: float
    precision: str
    lane: int = 0
    continues_before: bool = False
    continues_after: bool = False


@dataclass
class MonthGroup:
    month: int | None  # None: events known to the year only
    label: str
    events: list = field(default_factory=list)


@dataclass
class Year:
    year: int
    marks: list[Mark] = field(default_factory=list)
    months: list[MonthGroup] = field(default_factory=list)
    lanes: int = 1

    @property
    def height(self) -> int:
        return self.lanes * LANE + AXIS + 4

    def svg(self) -> SafeString:
        return year_svg(self)


@dataclass
class Timeline:
    years: list[Year]
    unknown_year: list  # month/day known, year unknown
    undated: list  # no date at all

    @property
    def is_empty(self) -> bool:
        return not (self.years or self.unknown_year or self.undated)


def _n(value: float) -> str:
    """A coordinate for SVG, one decimal."""
    return f"{value:.1f}"


def _x(day: date, *, end: bool = False) -> float:
    """Horizontal position of the start (or end) of `day` within its year."""
    dim = calendar.monthrange(day.year, day.month)[1]
    return (day.month - 1) * MONTH_WIDTH + (day.day - (0 if end else 1)) / dim * MONTH_WIDTH


def _marks_for(event) -> list[tuple[int, Mark]]:
    """The (year, mark) pairs an event with a known year draws."""
    low, high = event.date_min, event.date_max or event.date_min
    precision = event.date_precision
    if high.year - low.year >= MAX_YEARS_PER_EVENT:
        high = date(low.year + MAX_YEARS_PER_EVENT - 1, 12, 31)
    out = []
    for year in range(low.year, high.year + 1):
        first = low if year == low.year else date(year, 1, 1)
        last = high if year == high.year else date(year, 12, 31)
        x0, x1 = _x(first), _x(last, end=True)
        single_day = first == last and precision == DAY
        if single_day:
            # Keep the dot inside its month so it never reads as the neighbouring one.
            month_x = (first.month - 1) * MONTH_WIDTH
            centre = min(max((x0 + x1) / 2, month_x + 6), month_x + MONTH_WIDTH - 6)
            x0, x1 = centre - 5, centre + 5
        mark = Mark(
            event,
            x0,
            x1,
            DAY if single_day else precision,
            continues_before=year > low.year,
            continues_after=year < high.year,
        )
        out.append((year, mark))
    return out


def _assign_lanes(marks: list[Mark]) -> int:
    """Greedy interval packing; returns the number of lanes used."""
    lane_ends: list[float] = []
    for mark in sorted(marks, key=lambda m: (m.x0, -(m.x1 - m.x0))):
        for i, end in enumerate(lane_ends):
            if mark.x0 >= end + 2:
                mark.lane = i
                lane_ends[i] = mark.x1
                break
        else:
            mark.lane = len(lane_ends)
            lane_ends.append(mark.x1)
    return max(1, len(lane_ends))


# What build_timeline and the timeline template read of an event: load only these.
TIMELINE_FIELDS = (
    "title", "kind", "status", "date", "date_end", "date_precision", "date_text", "date_min",
    "date_max",
)  # fmt: skip


# How the month lists write an event's start, by precision (Django date formats).
_LIST_DATE_FORMATS = {DAY: "j M", MONTH: "F"}


def _set_display(events: list) -> None:
    """Give each event what the timeline shows of it, computed once here, not per template
    lookup and filter: ``page_url`` (from a single ``reverse()``: it costs tens of
    microseconds, and a timeline links every event twice), ``kind_label``,
    ``precision_label`` and, for an event with a known year, ``list_date`` (its start at
    its precision, and its end). The template's filters and lookups per event were most of
    the cost of a 200-event page.
    """
    url = PageUrls("events:detail")
    kind_labels: dict[str, str] = {}
    for event in events:
        event.page_url = url(event.pk)
        if event.kind not in kind_labels:
            kind_labels[event.kind] = event.get_kind_display()
        event.kind_label = kind_labels[event.kind]
        event.precision_label = PRECISION_LABELS.get(event.date_precision, event.date_precision)
        if event.date_min is not None:
            fmt = _LIST_DATE_FORMATS.get(event.date_precision, "Y")
            text = dateformat.format(event.date_min, fmt)  # as the |date filter writes it
            event.list_date = f"{text}–{human_date(event.date_end)}" if event.date_end else text


def build_timeline(events) -> Timeline:
    """Group events (with date columns loaded) into years, months and the undatable.

    Each event gets what the SVG and the template show of it (see ``_set_display``).
    """
    events = list(events)
    _set_display(events)
    years: dict[int, Year] = {}
    unknown_year, undated = [], []
    for event in events:
        if event.date_min is None:
            (unknown_year if event.date else undated).append(event)
            continue
        for year, mark in _marks_for(event):
            years.setdefault(year, Year(year)).marks.append(mark)
        # Listed once, in the year and month it starts.
        year = years[event.date_min.year]
        month = event.date_min.month if event.date_precision in (DAY, MONTH) else None
        group = next((g for g in year.months if g.month == month), None)
        if group is None:
            label = calendar.month_name[month] if month else f"Sometime in {year.year}"
            group = MonthGroup(month, label)
            year.months.append(group)
        group.events.append(event)
    for year in years.values():
        year.lanes = _assign_lanes(year.marks)
        year.months.sort(key=lambda g: -1 if g.month is None else g.month)
    unknown_year.sort(key=lambda e: (e.date.replace("XXXX", "0000"), e.title))
    return Timeline(sorted(years.values(), key=lambda y: y.year), unknown_year, undated)


def year_svg(year: Year) -> SafeString:
    """An SVG strip of one year: 12 months, each event drawn at its precision."""
    top = 2
    axis_y = top + year.lanes * LANE + 2
    months = format_html_join(
        "",
        '<rect class="tl-bg{}" x="{}" y="{}" width="{}" height="{}"/>'
        '<text class="tl-mlabel" x="{}" y="{}">{}</text>',
        (
            (
                " odd" if m % 2 else "",
                m * MONTH_WIDTH,
                top,
                MONTH_WIDTH,
                year.lanes * LANE,
                m * MONTH_WIDTH + MONTH_WIDTH / 2,
                axis_y + 12,
                calendar.month_abbr[m + 1],
            )
            for m in range(12)
        ),
    )
    marks = []
    for mark in year.marks:
        event = mark.event
        y = top + mark.lane * LANE + 3
        title = f"{event.title} — {human_range(event.date, event.date_end)}"
        if mark.precision == DAY and mark.x1 - mark.x0 <= 10:
            shape = format_html(
                '<circle class="tl-day" cx="{}" cy="{}" r="5"/>',
                _n((mark.x0 + mark.x1) / 2),
                _n(y + 5),
            )
        else:
            cls = f"tl-{mark.precision}"
            if mark.continues_before:
                cls += " tl-cont-before"
            if mark.continues_after:
                cls += " tl-cont-after"
            shape = format_html(
                '<rect class="{}" x="{}" y="{}" width="{}" height="10" rx="3"/>',
                cls,
                _n(mark.x0 + 1),
                _n(y),
                _n(max(4.0, mark.x1 - mark.x0 - 2)),
            )
        marks.append(
            format_html(
                '<a href="{}" class="tl-link kind-{}" tabindex="-1"><title>{}</title>{}</a>',
                event.page_url,
                event.kind,
                title,
                shape,
            )
        )
    return format_html(
        '<svg class="timeline-svg" viewBox="0 0 {} {}" aria-hidden="true" focusable="false">'
        "{}{}</svg>",
        WIDTH,
        year.height,
        months,
        mark_safe("".join(marks)),  # noqa: S308 - each piece built with format_html
    )
