"""Issue 13's reproductions 1–3: no write path gets round the role rules.

1. An Analyst verifies or un-verifies through a history revert (claims, events, actors).
2. An Analyst deletes verified records by deleting their parent through the API.
3. A staff user with no role writes through the API.
"""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actors.models import Actor, Relationship
from articles.models import Article, Claim
from events.models import Event
from kb.core.roles import ANALYST, EDITOR
from tests.factories import (
    make_actor,
    make_article,
    make_claim,
    make_event,
    make_relationship,
    make_user,
)
from tests.security.forms import admin_form_data

pytestmark = pytest.mark.django_db


def admin_client(role: str | None, name: str = "someone") -> Client:
    user = make_user(name, role=role)
    if role is None:
        user.is_staff = True
        user.save()
    client = Client()
    client.force_login(user)
    return client


def api_client(role: str | None, name: str = "api-user") -> APIClient:
    user = make_user(name, role=role)
    if role is None:
        user.is_staff = True
        user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def with_history(obj, *statuses):
    """``obj`` moved through ``statuses`` (each a history version); the history ids by status."""
    ids = {}
    for status in statuses:
        obj.status = status
        obj.version += 1
        obj.save()
        ids[status] = obj.history.order_by("-history_id").first().history_id
    return ids


def revert(client: Client, obj, history_id: int):
    opts = obj._meta
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, history_id]
    )
    page = client.get(url)
    if page.status_code != 200:
        return page
    return client.post(url, admin_form_data(page))


def claim_of(status: str) -> Claim:
    article = make_article("Iran denied it.")
    return make_claim(article, "Iran denied it.", status=status)


RECORDS = {
    "claim": claim_of,
    "event": lambda status: make_event("Strike on Erbil", status=status),
    "actor": lambda status: make_actor("Badr", status=status),
}


@pytest.mark.parametrize("kind", RECORDS)
def test_analyst_cannot_verify_through_a_history_revert(kind):
    record = RECORDS[kind]("proposed")
    ids = with_history(record, "verified", "proposed")
    response = revert(admin_client(ANALYST), record, ids["verified"])
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.status == "proposed"
    assert record.history.order_by("-history_id").first().history_user is None


@pytest.mark.parametrize("kind", RECORDS)
def test_analyst_cannot_unverify_through_a_history_revert(kind):
    record = RECORDS[kind]("verified")
    ids = with_history(record, "proposed", "verified")
    response = revert(admin_client(ANALYST), record, ids["proposed"])
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.status == "verified"


def test_analyst_reverts_a_field_and_an_editor_reverts_the_status():
    claim = claim_of("proposed")
    first = claim.history.order_by("history_id").first().history_id
    claim.credibility = 2
    claim.version += 1
    claim.save()
    assert revert(admin_client(ANALYST, "ana"), claim, first).status_code == 302
    claim.refresh_from_db()
    assert claim.credibility != 2 and claim.status == "proposed"
    ids = with_history(claim, "verified", "proposed")
    assert revert(admin_client(EDITOR, "ed"), claim, ids["verified"]).status_code == 302
    claim.refresh_from_db()
    assert claim.status == "verified"


def test_analyst_cannot_delete_an_article_with_verified_claims_through_the_api():
    claim = claim_of("verified")
    response = api_client(ANALYST).delete(f"/api/v1/articles/{claim.article_id}/")
    assert response.status_code == 403
    assert "verified claims" in response.json()["detail"]
    assert Claim.objects.filter(pk=claim.pk, status="verified").exists()
    assert Article.objects.filter(pk=claim.article_id).exists()


def test_analyst_cannot_delete_an_actor_whose_relationships_are_verified():
    source, target = make_actor("Badr", status="proposed"), make_actor("IRGC")
    tie = make_relationship(source, target, status="verified")
    response = api_client(ANALYST).delete(f"/api/v1/actors/{source.pk}/")
    assert response.status_code == 403
    assert "verified relationships" in response.json()["detail"]
    assert Relationship.objects.filter(pk=tie.pk).exists() and Actor.objects.count() == 2


def test_analyst_deletes_an_article_whose_claims_are_all_proposed():
    claim = claim_of("proposed")
    assert api_client(ANALYST).delete(f"/api/v1/articles/{claim.article_id}/").status_code == 204
    assert not Article.objects.exists() and not Claim.objects.exists()


def test_editor_deletes_an_article_with_verified_claims_through_the_api():
    claim = claim_of("verified")
    assert api_client(EDITOR).delete(f"/api/v1/articles/{claim.article_id}/").status_code == 204
    assert not Claim.objects.exists()


def test_staff_without_a_role_cannot_write_through_the_api():
    client = api_client(None)
    actor = make_actor("Badr", status="proposed")
    created = client.post(
        "/api/v1/actors/", {"name": "Kataib", "slug": "kataib", "kind": "armed_group"}
    )
    assert created.status_code == 403 and "role" in created.json()["detail"]
    patched = client.patch(f"/api/v1/actors/{actor.pk}/", {"version": 1, "name": "Badr Org"})
    assert patched.status_code == 403
    assert client.delete(f"/api/v1/actors/{actor.pk}/").status_code == 403
    assert list(Actor.objects.values_list("name", flat=True)) == ["Badr"]


def test_staff_without_a_role_is_refused_by_the_admin_too():
    client = admin_client(None)
    actor = make_actor("Badr", status="proposed")
    url = reverse("admin:actors_actor_delete", args=[actor.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Actor.objects.count() == 1


def test_events_of_a_deleted_article_keep_their_verified_state():
    # Deleting an article removes its event sources, never the events themselves.
    article = make_article("Drones struck Erbil.")
    event = make_event("Erbil strike", status="verified", sources=[(article, "Drones struck")])
    assert api_client(ANALYST).delete(f"/api/v1/articles/{article.pk}/").status_code == 204
    assert Event.objects.filter(pk=event.pk, status="verified").exists()
