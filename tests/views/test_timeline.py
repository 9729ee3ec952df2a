"""Timeline layout: precision drawn honestly, undatable events apart."""

import pytest

from events.timeline import build_timeline, human_date
from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("edtf", "text"),
    [
        ("2023-03-01", "1 March 2023"),
        ("2023-03", "March 2023"),
        ("2022", "2022"),
        ("XXXX-08-11", "11 August (year unknown)"),
        ("XXXX-08", "August (year unknown)"),
        ("", "undated"),
    ],
)
def test_human_date(edtf, text):
    assert human_date(edtf) == text


def test_precisions_are_drawn_as_day_month_year():
    day = make_event("Day", date="2020-01-03")
    month = make_event("Month", date="2020-03")
    year = make_event("Year", date="2020")
    tl = build_timeline([day, month, year])
    (y2020,) = tl.years
    marks = {m.event.title: m for m in y2020.marks}
    assert marks["Day"].precision == "day" and marks["Day"].x1 - marks["Day"].x0 == 10
    assert (marks["Month"].x0, marks["Month"].x1) == (120, 180)  # the whole of March
    assert (marks["Year"].x0, marks["Year"].x1) == (0, 720)
    labels = [g.label for g in y2020.months]
    assert labels == ["Sometime in 2020", "January", "March"]
    svg = y2020.svg()
    assert 'class="tl-day"' in svg and 'class="tl-month"' in svg and 'class="tl-year"' in svg


def test_a_range_across_years_is_drawn_in_each_year_and_listed_once():
    event = make_event("Long war", date="2019-11", date_end="2020-02")
    tl = build_timeline([event])
    assert [y.year for y in tl.years] == [2019, 2020]
    first, second = tl.years
    assert first.marks[0].continues_after and second.marks[0].continues_before
    assert first.months[0].events == [event] and second.months == []


def test_unknown_year_and_undated_are_apart():
    no_year = make_event("No year", date="XXXX-08-11")
    undated = make_event("Undated")
    tl = build_timeline([no_year, undated])
    assert tl.years == [] and tl.unknown_year == [no_year] and tl.undated == [undated]


def test_overlapping_marks_get_separate_lanes():
    a = make_event("A", date="2021-05")
    b = make_event("B", date="2021-05-10")
    tl = build_timeline([a, b])
    assert tl.years[0].lanes == 2
