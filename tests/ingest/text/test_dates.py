"""Temporal expressions: each shape with and without a publication date to resolve against."""

from __future__ import annotations

import pytest

from kb.core.edtf import PartialDate
from kb.ingest.text.dates import (
    dates_compatible,
    find_temporal_expressions,
    ranges_compatible,
    shift,
)

PUBLISHED = PartialDate(2019, 2, 12)  # a Tuesday


def one(text: str, base: PartialDate | None = PUBLISHED):
    found = find_temporal_expressions(text, base)
    assert len(found) == 1, [(t.text, t.date) for t in found]
    return found[0]


def edtf(value: PartialDate | None) -> str | None:
    return value.edtf() if value else None


@pytest.mark.parametrize(
    ("text", "words", "with_base", "without_base"),
    [
        ("signed on Tuesday", "on Tuesday", "2019-02-12", None),
        ("met last Tuesday", "last Tuesday", "2019-02-05", None),
        ("met on Sunday", "on Sunday", "2019-02-10", None),
        ("the Pentagon said Monday", "Monday", "2019-02-11", None),
        ("struck yesterday", "yesterday", "2019-02-11", None),
        ("gathered last month", "last month", "2019-01", None),
        ("earlier this year", "earlier this year", "2019", None),
        ("last year", "last year", "2018", None),
        ("in September 2022", "in September 2022", "2022-09", "2022-09"),
        ("a March 2023 agreement", "March 2023", "2023-03", "2023-03"),
        ("finalized on August 11th", "on August 11th", "2018-08-11", "XXXX-08-11"),
        ("launched February 3", "February 3", "2019-02-03", "XXXX-02-03"),
        ("on March 1, 2015", "on March 1, 2015", "2015-03-01", "2015-03-01"),
        ("on 5 March 2020", "on 5 March 2020", "2020-03-05", "2020-03-05"),
        ("Al Monitor, 2/5/19", "2/5/19", "2019-02-05", "2019-02-05"),
        ("posted 2019-02-12", "2019-02-12", "2019-02-12", "2019-02-12"),
        ("in 2014", "in 2014", "2014", "2014"),
        ("in May", "in May", "2018-05", "XXXX-05"),
        ("two weeks ago", "two weeks ago", "2019-01-29", None),
    ],
)
def test_shapes_resolve_against_the_publication_date(text, words, with_base, without_base) -> None:
    assert (one(text).text, edtf(one(text).date)) == (words, with_base)
    assert edtf(one(text, None).date) == without_base


def test_without_a_publication_date_relative_words_are_kept_without_a_date() -> None:
    t = one("On Tuesday, the Journal revealed the plan.", None)
    assert (t.text, t.date) == ("On Tuesday", None)


def test_month_and_day_after_publication_fall_in_the_previous_year() -> None:
    assert edtf(one("on December 30", PartialDate(2019, 1, 5)).date) == "2018-12-30"
    assert edtf(one("on January 2", PartialDate(2019, 1, 5)).date) == "2019-01-02"


def test_weeks_are_ranges_of_days() -> None:
    this_week = one("Just this week, the Pentagon announced aid.")
    assert (edtf(this_week.date), edtf(this_week.date_end)) == ("2019-02-11", "2019-02-17")
    last_week = one("They met last week.")
    assert (edtf(last_week.date), edtf(last_week.date_end)) == ("2019-02-04", "2019-02-10")
    past = one("three attacks in the past week")
    assert (edtf(past.date), edtf(past.date_end)) == ("2019-02-05", "2019-02-12")


def test_since_marks_an_open_start() -> None:
    t = one("living in exile since 2003")
    assert (t.text, edtf(t.date), t.relation) == ("since 2003", "2003", "since")


def test_ranges_join_their_ends() -> None:
    t = one("from March 2014 to June 2015")
    assert (edtf(t.date), edtf(t.date_end)) == ("2014-03", "2015-06")
    t = one("between 2014 and 2017")
    assert (edtf(t.date), edtf(t.date_end)) == ("2014", "2017")


def test_a_weekday_before_a_full_date_is_one_expression() -> None:
    t = one("Tuesday, February 12, 2019", None)
    assert (t.text, edtf(t.date)) == ("Tuesday, February 12, 2019", "2019-02-12")


@pytest.mark.parametrize(
    "text",
    ["the 1400-kilometer border", "some 20,000 fighters", "3,000 Iraqi troops", "the report"],
)
def test_numbers_that_are_not_dates_are_ignored(text: str) -> None:
    assert find_temporal_expressions(text, PUBLISHED) == []


def test_shift_moves_from_an_anchor_day() -> None:
    assert edtf(shift(PartialDate(2020, 1, 5), "Three days later")) == "2020-01-08"
    assert edtf(shift(PartialDate(None, 1, 5), "three days later")) == "XXXX-01-08"
    assert edtf(shift(PartialDate(2020, 1, 5), "the day before")) == "2020-01-04"


def test_dates_compatible_where_known_parts_agree() -> None:
    assert dates_compatible(PartialDate(None, 8, 11), PartialDate(2025, 8, 11))
    assert dates_compatible(PartialDate(2023, 3), PartialDate(2023, 3, 5))
    assert not dates_compatible(PartialDate(2023, 3), PartialDate(2023, 4))
    assert not dates_compatible(PartialDate(None, 8, 11), PartialDate(2025, 8, 12))


def test_ranges_compatible_when_they_overlap() -> None:
    week = (PartialDate(2019, 2, 11), PartialDate(2019, 2, 17))
    assert ranges_compatible(*week, PartialDate(2019, 2, 13), None)
    assert not ranges_compatible(*week, PartialDate(2019, 2, 20), None)
    assert ranges_compatible(None, None, PartialDate(2019, 2, 20), None)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("killed three soldiers on 28January 2024 near the border", "2024-01-28"),  # lost space
        ("on January28, 2024", "2024-01-28"),
        ("strikes at 8:45 p.m. (EST) on Dec. 25", "2018-12-25"),  # "Dec.": abbreviated
        ("since Jan. 8", "2019-01-08"),
    ],
)
def test_glued_and_abbreviated_forms(text: str, want: str) -> None:
    assert edtf(one(text).date) == want


def test_shift_reads_same_day_and_days_later() -> None:
    anchor = PartialDate(2020, 1, 2)
    assert shift(anchor, "Earlier in the day") == anchor
    assert shift(anchor, "later that day") == anchor
    assert shift(anchor, "Days later") == PartialDate(2020, 1)  # the month, not a guessed day
    assert shift(PartialDate(2020, 1, 28), "Days later") is None  # may be next month
