"""Anyone reads; only staff users write, by token or by session with a CSRF token."""

import pytest
from django.contrib.auth import get_user_model
from django.utils.crypto import get_random_string
from rest_framework.test import APIClient

from actors.models import Actor
from articles.models import Claim

pytestmark = pytest.mark.django_db

NEW_ACTOR = {"name": "Badr Organization", "slug": "badr", "kind": "armed_group"}


def test_anonymous_reads(api_client, kb):
    assert api_client.get("/api/v1/actors/").status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_anonymous_writes_are_refused(api_client, kb, method):
    url = "/api/v1/actors/" if method == "post" else f"/api/v1/actors/{kb.kh.pk}/"
    response = getattr(api_client, method)(url, {**NEW_ACTOR, "version": 1}, format="json")
    assert response.status_code in (401, 403)
    assert Actor.objects.count() == 4
    assert Actor.objects.get(pk=kb.kh.pk).name == "Kataib Hezbollah"


def test_non_staff_user_writes_are_refused(db):
    user = get_user_model().objects.create_user(username="reader", password="pw-reader-1")
    client = APIClient()
    client.force_authenticate(user)
    response = client.post("/api/v1/actors/", NEW_ACTOR, format="json")
    assert response.status_code == 403
    assert not Actor.objects.filter(slug="badr").exists()


def test_staff_token_writes_are_accepted(staff_client):
    response = staff_client.post("/api/v1/actors/", NEW_ACTOR, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["version"] == 1
    assert Actor.objects.get(slug="badr").name == "Badr Organization"


def test_staff_can_delete(staff_client, kb):
    assert staff_client.delete(f"/api/v1/places/{kb.place.pk}/").status_code == 204
    assert staff_client.get(f"/api/v1/places/{kb.place.pk}/").status_code == 404


def session_client(staff_user) -> APIClient:
    client = APIClient(enforce_csrf_checks=True)
    assert client.login(username="editor", password="pw-editor-1")
    return client


def test_session_write_without_csrf_token_is_refused(staff_user):
    client = session_client(staff_user)
    response = client.post("/api/v1/actors/", NEW_ACTOR, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Actor.objects.filter(slug="badr").exists()


def test_session_write_with_csrf_token_is_accepted(staff_user):
    client = session_client(staff_user)
    # What a browser holds after any page: the CSRF cookie, echoed in the X-CSRFToken header.
    secret = get_random_string(32)
    client.cookies["csrftoken"] = secret
    response = client.post("/api/v1/actors/", NEW_ACTOR, format="json", HTTP_X_CSRFTOKEN=secret)
    assert response.status_code == 201, response.content


def test_unreadable_session_cookie_reads_as_anonymous(api_client, kb):
    # PostgreSQL refuses a NUL byte in the session lookup; that must not be a 500.
    response = api_client.get("/api/v1/actors/", HTTP_COOKIE="sessionid=abcdefgh\x00ijkl")
    assert response.status_code == 200


def test_analyst_writes_but_cannot_verify(analyst_client, kb):
    url = f"/api/v1/claims/{kb.claim.pk}/"
    assert (
        analyst_client.patch(url, {"version": 1, "credibility": 3}, format="json").status_code
        == 200
    )
    response = analyst_client.patch(url, {"version": 2, "status": "verified"}, format="json")
    assert response.status_code == 403
    assert Claim.objects.get(pk=kb.claim.pk).status == "proposed"
    created = analyst_client.post(
        "/api/v1/actors/", {**NEW_ACTOR, "status": "verified"}, format="json"
    )
    assert created.status_code == 403


def test_analyst_cannot_change_or_delete_verified_records(analyst_client, kb):
    # Actors from the fixture are verified.
    url = f"/api/v1/actors/{kb.kh.pk}/"
    assert (
        analyst_client.patch(url, {"version": 1, "status": "rejected"}, format="json").status_code
        == 403
    )
    assert analyst_client.delete(url).status_code == 403
    assert Actor.objects.get(pk=kb.kh.pk).status == "verified"


def test_editor_verifies_and_deletes_verified_records(staff_client, kb):
    url = f"/api/v1/claims/{kb.claim.pk}/"
    assert (
        staff_client.patch(url, {"version": 1, "status": "verified"}, format="json").status_code
        == 200
    )
    assert staff_client.delete(url).status_code == 204
