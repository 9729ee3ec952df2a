"""Anonymous API lists and details come from the shared cache, after authentication and
throttling; token and session clients always get fresh data."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from actors.models import Actor
from kb.core.caching import HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached_kb(kb, response_cache):
    return kb


def test_anonymous_list_is_served_from_the_cache(
    cached_kb, api_client, django_assert_max_num_queries
):
    first = api_client.get("/api/v1/actors/")
    assert first[HEADER] == "miss"
    with django_assert_max_num_queries(0):
        second = APIClient().get("/api/v1/actors/")
    assert second[HEADER] == "hit"
    assert second.json() == first.json()
    assert {a["name"] for a in second.json()["results"]} >= {"IRGC", "Quds Force"}


def test_detail_served_from_the_cache_until_a_committed_write(
    cached_kb, api_client, django_capture_on_commit_callbacks
):
    url = f"/api/v1/actors/{cached_kb.kh.pk}/"
    assert api_client.get(url).json()["name"] == "Kataib Hezbollah"
    Actor.objects.filter(pk=cached_kb.kh.pk).update(name="KH renamed")  # not committed
    assert api_client.get(url).json()["name"] == "Kataib Hezbollah"
    with django_capture_on_commit_callbacks(execute=True):
        Actor.objects.filter(pk=cached_kb.kh.pk).update(name="KH committed")
    fresh = api_client.get(url)
    assert fresh[HEADER] == "miss" and fresh.json()["name"] == "KH committed"


def test_token_clients_always_get_fresh_data(cached_kb, api_client, staff_client):
    url = f"/api/v1/actors/{cached_kb.kh.pk}/"
    api_client.get(url)
    Actor.objects.filter(pk=cached_kb.kh.pk).update(name="KH renamed")
    response = staff_client.get(url)
    assert HEADER not in response and response.json()["name"] == "KH renamed"


def test_list_etag_answers_304(cached_kb, api_client):
    etag = api_client.get("/api/v1/claims/")["ETag"]
    response = api_client.get("/api/v1/claims/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""


def test_versioned_detail_keeps_the_row_version_as_its_etag(cached_kb, api_client):
    """The ETag of a detail is what writes send back in If-Match; 304 comes from the date."""
    first = api_client.get(f"/api/v1/actors/{cached_kb.kh.pk}/")
    assert first["ETag"] == '"1"'
    hit = api_client.get(f"/api/v1/actors/{cached_kb.kh.pk}/")
    assert hit[HEADER] == "hit" and hit["ETag"] == '"1"'
    again = api_client.get(
        f"/api/v1/actors/{cached_kb.kh.pk}/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert again.status_code == 304


def test_each_format_has_its_own_entry(cached_kb, api_client):
    assert api_client.get("/api/v1/places/", HTTP_ACCEPT="application/json")[HEADER] == "miss"
    html = api_client.get("/api/v1/places/", HTTP_ACCEPT="text/html")
    assert html[HEADER] == "miss" and html["Content-Type"].startswith("text/html")
    assert b"Baghdad" in html.content
    assert api_client.get("/api/v1/places/", HTTP_ACCEPT="text/html")[HEADER] == "hit"


def test_cached_answers_still_count_against_the_anonymous_rate(cached_kb, api_client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    statuses = [api_client.get("/api/v1/actors/") for _ in range(4)]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]
    assert statuses[1][HEADER] == "hit"


def test_invalid_requests_are_not_cached(cached_kb, api_client):
    first = api_client.get("/api/v1/actors/?kind=nonsense")
    assert first.status_code == 400 and HEADER not in first
    assert HEADER not in api_client.get("/api/v1/actors/?kind=nonsense")


def test_a_token_client_with_the_anonymous_etag_gets_fresh_data_not_a_304(
    cached_kb, api_client, staff_client
):
    url = f"/api/v1/actors/{cached_kb.kh.pk}/"
    anonymous = api_client.get(url)
    Actor.objects.filter(pk=cached_kb.kh.pk).update(name="KH renamed")  # uncommitted
    response = staff_client.get(
        url,
        HTTP_IF_NONE_MATCH=anonymous["ETag"],
        HTTP_IF_MODIFIED_SINCE=anonymous["Last-Modified"],
    )
    assert response.status_code == 200 and response.json()["name"] == "KH renamed"
