"""Line classifiers: date lines, bylines, wire datelines."""

import pytest

from kb.core.edtf import PartialDate
from kb.ingest.clean.lines import byline, date_line, wire_dateline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tuesday, February 12, 2019", PartialDate(2019, 2, 12)),
        ("Feb. 5, 2019", PartialDate(2019, 2, 5)),
        ("2019-02-12", PartialDate(2019, 2, 12)),
        ("Published March 3, 2023", PartialDate(2023, 3, 3)),
        ("Updated: Feb 5, 2019 at 10:32 a.m. EST", PartialDate(2019, 2, 5)),
        ("12 February 2019", PartialDate(2019, 2, 12)),
        ("March 2023", PartialDate(2023, 3)),
    ],
)
def test_date_lines(line, expected):
    assert date_line(line)[0] == expected


def test_sentence_with_a_date_is_not_a_date_line():
    assert date_line("The deal was signed on March 3, 2023.") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe", ("Jane Doe", "", None)),
        ("Jane Doe | Reuters", ("Jane Doe", "Reuters", None)),
        ("By Ali al-Sadr, Feb. 5, 2019", ("Ali al-Sadr", "", PartialDate(2019, 2, 5))),
    ],
)
def test_bylines(line, expected):
    assert byline(line) == expected


def test_sentence_starting_with_by_is_not_a_byline():
    assert byline("By then, Iran had agreed.") is None


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("BAGHDAD (Reuters) - Iraq said...", "BAGHDAD (Reuters) -"),
        ("WASHINGTON — The Pentagon said...", "WASHINGTON —"),
        ("TEHRAN, Iran (AP) — Officials said...", "TEHRAN, Iran (AP) —"),
    ],
)
def test_wire_datelines(paragraph, dateline):
    assert wire_dateline(paragraph)[0] == dateline


def test_label_is_not_a_wire_dateline():
    assert wire_dateline("UPDATE - Officials said more.") is None
