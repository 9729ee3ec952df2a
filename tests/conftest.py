"""Shared pytest configuration."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    """Each test starts with an empty cache (responses, throttle counters, the version), and
    reads uncached: a test's writes are never committed (its transaction is rolled back), so
    they would not move the knowledge-base version on. Cache tests ask for
    ``response_cache``."""
    from django.core.cache import cache

    cache.clear()
    settings.KB_RESPONSE_CACHE = False


@pytest.fixture
def response_cache(settings):
    """Anonymous reads served from the shared cache, as in production."""
    settings.KB_RESPONSE_CACHE = True
