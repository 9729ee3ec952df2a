"""Fixtures for the HTML page tests."""

import pytest

from tests.factories import make_sample_kb


@pytest.fixture
def kb(db):
    """The small seed-shaped knowledge base of tests/factories.py."""
    return make_sample_kb()
