"""Optimistic locking: updates send back the version they read; a stale one gets 409."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actors.models import Actor
from events.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_client(staff_user) -> APIClient:
    """Another staff tool working on the same rows."""
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=staff_user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_version_is_exposed_and_read_only(staff_client, kb):
    url = f"/api/v1/actors/{kb.kh.pk}/"
    response = staff_client.patch(
        url, {"version": 1, "description": "Iraqi militia"}, format="json"
    )
    assert response.status_code == 200, response.content
    # The body's version names the version read; it never sets the stored one.
    assert response.json()["version"] == 2
    response = staff_client.patch(url, {"version": 2, "name": "KH"}, format="json")
    assert response.json()["version"] == 3
    assert Actor.objects.get(pk=kb.kh.pk).version == 3


def test_detail_sends_version_as_etag(api_client, kb):
    response = api_client.get(f"/api/v1/events/{kb.event.pk}/")
    assert response["ETag"] == '"1"'


def test_two_clients_second_stale_write_is_409(staff_client, second_client, kb):
    url = f"/api/v1/events/{kb.event.pk}/"
    first_read = staff_client.get(url).json()
    second_read = second_client.get(url).json()
    assert first_read["version"] == second_read["version"] == 1

    ok = staff_client.patch(
        url, {"version": first_read["version"], "fatalities": 26}, format="json"
    )
    assert ok.status_code == 200
    assert ok.json()["version"] == 2

    stale = second_client.patch(
        url, {"version": second_read["version"], "fatalities": 30}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert "you sent version 1" in stale.json()["detail"]
    event = Event.objects.get(pk=kb.event.pk)
    assert (event.fatalities, event.version) == (26, 2)


def test_reload_then_write_succeeds(staff_client, second_client, kb):
    url = f"/api/v1/claims/{kb.claim.pk}/"
    staff_client.patch(url, {"version": 1, "status": "verified"}, format="json")
    fresh = second_client.get(url).json()
    response = second_client.patch(
        url, {"version": fresh["version"], "credibility": 1}, format="json"
    )
    assert response.status_code == 200
    assert (
        response.json()["status"],
        response.json()["credibility"],
        response.json()["version"],
    ) == ("verified", 1, 3)


def test_if_match_header_instead_of_body_field(staff_client, kb):
    url = f"/api/v1/relationships/{kb.relationship.pk}/"
    ok = staff_client.patch(url, {"status": "verified"}, format="json", HTTP_IF_MATCH='"1"')
    assert ok.status_code == 200
    stale = staff_client.patch(url, {"status": "rejected"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 409


def test_put_checks_version_too(staff_client, kb):
    url = f"/api/v1/articles/{kb.other_article.pk}/"
    body = staff_client.get(url).json()
    body["title"] = "IRGC commanders meet"
    assert staff_client.put(url, body, format="json").status_code == 200
    assert staff_client.put(url, body, format="json").status_code == 409


def test_update_without_version_is_400(staff_client, kb):
    response = staff_client.patch(f"/api/v1/actors/{kb.kh.pk}/", {"name": "KH"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
    assert Actor.objects.get(pk=kb.kh.pk).name == "Kataib Hezbollah"


@pytest.mark.parametrize("version", ["one", -1, True, "²"])
def test_malformed_version_is_400(staff_client, kb, version):
    response = staff_client.patch(
        f"/api/v1/actors/{kb.kh.pk}/", {"version": version}, format="json"
    )
    assert response.status_code == 400
    assert "version" in response.json()


def test_places_are_not_versioned(staff_client, kb):
    response = staff_client.patch(
        f"/api/v1/places/{kb.place.pk}/", {"name": "Baghdad city"}, format="json"
    )
    assert response.status_code == 200
