"""Fixtures for the HTML page tests."""

import pytest

from actors.services import actor_counts_refresh
from tests.factories import make_sample_kb


@pytest.fixture
def kb(db):
    """The small seed-shaped knowledge base of tests/factories.py."""
    kb = make_sample_kb()
    actor_counts_refresh()  # factories write mentions directly, as an ingest batch would
    return kb
