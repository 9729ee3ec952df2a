"""Issue 13, reproduction 4: the anonymous rate limit holds against forged addresses and
across workers.

A new ``X-Forwarded-For`` per request was never throttled (DRF's proxy count was unset, so
the forged header was the client's identity), and counters lived in each worker's memory.
Now one trusted-proxy count (TRUSTED_PROXY_COUNT) serves the throttles and the login
lockout, and the counters live in the default cache: Redis when REDIS_URL is set.
"""

import os
import uuid

import pytest
import redis
from axes.utils import reset as axes_reset
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from tests.factories import make_user
from tests.security.test_hardening import last_line, run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(monkeypatch):
    # DRF binds the rates when the throttle class is imported; patch the class itself.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    cache.clear()
    yield
    cache.clear()


def statuses(client: Client, forwarded: list[str]) -> list[int]:
    return [
        client.get("/api/v1/places/", HTTP_X_FORWARDED_FOR=value).status_code for value in forwarded
    ]


def test_a_forged_forwarded_for_gains_nothing_without_a_proxy(three_a_minute):
    forged = [f"203.0.113.{i}" for i in range(5)]
    assert statuses(Client(), forged) == [200, 200, 200, 429, 429]


def test_behind_one_proxy_only_the_address_it_saw_counts(three_a_minute, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    # the client forges the left part; the proxy appends the address it really saw
    forged = [f"203.0.113.{i}, 198.51.100.7" for i in range(4)]
    assert statuses(Client(), forged) == [200, 200, 200, 429]
    assert statuses(Client(), ["198.51.100.8"]) == [200]  # another client, its own count


def test_one_proxy_count_serves_throttles_and_lockout():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s;"
        " print(s.REST_FRAMEWORK['NUM_PROXIES'], s.AXES_IPWARE_PROXY_COUNT)",
        TRUSTED_PROXY_COUNT="2",
    )
    assert last_line(result) == "2 2"


def test_a_forged_forwarded_for_does_not_escape_the_login_lockout(settings):
    axes_reset()
    make_user("alice", role="Editor", password="the right password")
    url = reverse("admin:login")
    codes = [
        Client(HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
        .post(url, {"username": "alice", "password": "wrong"})
        .status_code
        for i in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    axes_reset()
    assert codes[-2:] == [429, 429]


# --- against the real Redis: what one worker counts, every worker sees ---------------------

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL not set (.ci/run sets it)")
def test_throttle_counters_live_in_redis_for_every_worker(three_a_minute):
    prefix = f"kb-test-{uuid.uuid4().hex}"
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    server = redis.Redis.from_url(REDIS_URL)
    try:
        with override_settings(CACHES=redis_cache):
            assert statuses(Client(), ["x"] * 2) == [200, 200]
            # The counter is in Redis, where another worker reads it ...
            keys = server.keys(f"{prefix}:*throttle_anon_127.0.0.1")
            assert len(keys) == 1
            # ... and a request to any worker now counts against the same budget.
            assert statuses(Client(), ["y"] * 2) == [200, 429]
    finally:
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)
