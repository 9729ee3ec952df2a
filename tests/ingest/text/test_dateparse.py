"""Reading one written date as a PartialDate, with the precision the words give."""

import pytest

from kb.core.edtf import PartialDate
from kb.ingest.text.dateparse import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-02", PartialDate(2019, 2)),
        ("XXXX-08-11", PartialDate(None, 8, 11)),
        ("August 11", PartialDate(None, 8, 11)),
        ("soon", None),
    ],
)
def test_parse_date_keeps_precision(text, expected):
    assert parse_date(text) == expected
