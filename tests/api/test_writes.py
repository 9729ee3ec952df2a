"""Staff writes: valid input is stored, invalid input is a 400 naming the field, never a 500."""

import pytest

from actors.models import Relationship
from articles.models import Article, Claim
from events.models import Event

pytestmark = pytest.mark.django_db


def test_create_article_with_source_by_name(staff_client, kb):
    body = {
        "title": "New",
        "body": "Iraq and Iran signed a deal.",
        "source": "Reuters",
        "published": "2021-05",
    }
    response = staff_client.post("/api/v1/articles/", body, format="json")
    assert response.status_code == 201, response.content
    article = Article.objects.get(pk=response.json()["id"])
    assert (article.source.name, article.published, str(article.published_on)) == (
        "Reuters",
        "2021-05",
        "2021-05-01",
    )


def test_create_article_twice_is_400(staff_client, db):
    body = {"title": "New", "body": "Same text."}
    assert staff_client.post("/api/v1/articles/", body, format="json").status_code == 201
    response = staff_client.post("/api/v1/articles/", body, format="json")
    assert response.status_code == 400
    assert "content_hash" in response.json()


def test_article_body_cannot_change(staff_client, kb):
    response = staff_client.patch(
        f"/api/v1/articles/{kb.article.pk}/",
        {"version": 1, "body": "Something else."},
        format="json",
    )
    assert response.status_code == 400
    assert "body" in response.json()


def test_unknown_source_is_400(staff_client, db):
    response = staff_client.post(
        "/api/v1/articles/", {"body": "x", "source": "Nobody"}, format="json"
    )
    assert response.status_code == 400
    assert "source" in response.json()


def test_create_claim_with_claimant_and_subjects(staff_client, kb):
    body = {
        "article": kb.article.pk,
        "text": "Kataib Hezbollah denied any role in the attack.",
        "quote": "denied any role",
        "start": 92,
        "end": 107,
        "claimant_id": kb.kh.pk,
        "subject_ids": [kb.kh.pk, kb.us.pk],
        "kind": "denial",
        "credibility": 3,
    }
    response = staff_client.post("/api/v1/claims/", body, format="json")
    assert response.status_code == 201, response.content
    claim = Claim.objects.get(pk=response.json()["id"])
    assert claim.claimant == kb.kh
    assert set(claim.subjects.all()) == {kb.kh, kb.us}
    assert (claim.sentence_start, claim.sentence_end) == (92, 107)
    assert response.json()["claimant"]["name"] == "Kataib Hezbollah"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": 10, "end": 5}, "end"),
        ({"start": 0, "end": 3, "quote": "not the body"}, "quote"),
        ({"credibility": 7}, "credibility"),
        ({"kind": "rumour"}, "kind"),
        ({"start": -1}, "start"),
    ],
)
def test_invalid_claim_is_400_on_the_field(staff_client, kb, change, field):
    response = staff_client.patch(
        f"/api/v1/claims/{kb.claim.pk}/", {"version": 1, **change}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_actor_cannot_be_its_own_parent(staff_client, kb):
    response = staff_client.patch(
        f"/api/v1/actors/{kb.kh.pk}/", {"version": 1, "parent": kb.kh.pk}, format="json"
    )
    assert response.status_code == 400


def test_duplicate_actor_slug_is_400(staff_client, kb):
    response = staff_client.post(
        "/api/v1/actors/", {"name": "IRGC 2", "slug": "irgc"}, format="json"
    )
    assert response.status_code == 400
    assert "slug" in response.json()


def test_relationship_to_itself_is_400(staff_client, kb):
    body = {"source": kb.kh.pk, "target": kb.kh.pk, "kind": "allied_with"}
    assert staff_client.post("/api/v1/relationships/", body, format="json").status_code == 400


def test_duplicate_relationship_is_400(staff_client, kb):
    body = {"source": kb.quds.pk, "target": kb.kh.pk, "kind": "backed_by"}
    response = staff_client.post("/api/v1/relationships/", body, format="json")
    assert response.status_code == 400
    assert Relationship.objects.filter(source=kb.quds, target=kb.kh).count() == 1


def test_create_event_derives_date_columns(staff_client, kb):
    body = {"title": "Talks", "kind": "meeting", "date": "2020-03", "place_id": kb.place.pk}
    response = staff_client.post("/api/v1/events/", body, format="json")
    assert response.status_code == 201, response.content
    event = Event.objects.get(pk=response.json()["id"])
    assert (event.date_precision, str(event.date_min), str(event.date_max)) == (
        "month",
        "2020-03-01",
        "2020-03-31",
    )
    assert response.json()["place"]["name"] == "Baghdad"


@pytest.mark.parametrize("date", ["2020-02-30", "March 2020", "20200", "2020-13"])
def test_bad_event_date_is_400(staff_client, db, date):
    response = staff_client.post("/api/v1/events/", {"title": "T", "date": date}, format="json")
    assert response.status_code == 400
    assert "date" in response.json()


def test_null_date_is_stored_blank(staff_client, kb):
    response = staff_client.patch(
        f"/api/v1/events/{kb.event.pk}/", {"version": 1, "date": None}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["date"] is None
    assert Event.objects.get(pk=kb.event.pk).date == ""


@pytest.mark.parametrize("latitude", [91, -90.5, "north"])
def test_place_latitude_out_of_range_is_400(staff_client, kb, latitude):
    response = staff_client.patch(
        f"/api/v1/places/{kb.place.pk}/", {"latitude": latitude}, format="json"
    )
    assert response.status_code == 400
    assert "latitude" in response.json()


@pytest.mark.parametrize("model, url", [(Claim, "claims"), (Event, "events")])
def test_confidence_and_rule_are_read_only(staff_client, kb, model, url):
    row = model.objects.first()
    model.objects.filter(pk=row.pk).update(confidence=0.4, rule="passive_by_agent")
    response = staff_client.patch(
        f"/api/v1/{url}/{row.pk}/",
        {"confidence": 1.0, "rule": "analyst_says", "version": row.version},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["confidence"], response.json()["rule"]) == (0.4, "passive_by_agent")
    row.refresh_from_db()
    assert (row.confidence, row.rule) == (0.4, "passive_by_agent")
