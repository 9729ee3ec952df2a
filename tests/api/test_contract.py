"""The field names of API v1 are a contract: these tests make changing them a visible decision.

Fields may be added (add them here too); renaming or removing one breaks external tools.
"""

import pytest

from kb.runs.models import IngestRun

pytestmark = pytest.mark.django_db

ARTICLE_LIST = {
    "id",
    "url",
    "title",
    "title_derived",
    "source",
    "author",
    "published",
    "origin",
    "language",
    "actor_count",
    "claim_count",
    "ingested_at",
    "version",
}
ARTICLE_DETAIL = ARTICLE_LIST | {"body", "actors", "mentions"}
ACTOR_REF = {"id", "name", "slug", "kind", "aliases"}
MENTION = {"actor", "start", "end", "text", "confidence", "rule"}
ACTOR_LIST = {
    "id",
    "name",
    "slug",
    "kind",
    "status",
    "country",
    "description",
    "aliases",
    "parent",
    "wikidata_id",
    "origin",
    "confidence",
    "rule",
    "version",
    "created_at",
    "updated_at",
}
ACTOR_DETAIL = ACTOR_LIST | {
    "relationships",
    "relationship_count",
    "relationships_url",
    "mention_count",
    "article_count",
    "claim_count",
    "claim_count_exact",
    "event_count",
}
CLAIM = {
    "id",
    "text",
    "quote",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "article",
    "claimant",
    "claimant_text",
    "kind",
    "cue",
    "status",
    "credibility",
    "subjects",
    "event",
    "supports",
    "contradicts",
    "origin",
    "confidence",
    "rule",
    "version",
    "created_at",
    "updated_at",
}
EVENT = {
    "id",
    "title",
    "kind",
    "description",
    "date",
    "date_end",
    "date_precision",
    "date_text",
    "place",
    "participants",
    "sources",
    "fatalities",
    "status",
    "origin",
    "confidence",
    "rule",
    "version",
    "created_at",
    "updated_at",
}
PLACE = {
    "id",
    "name",
    "slug",
    "kind",
    "country",
    "aliases",
    "latitude",
    "longitude",
    "wikidata_id",
}
RELATIONSHIP = {
    "id",
    "source",
    "source_name",
    "kind",
    "target",
    "target_name",
    "start",
    "end",
    "description",
    "status",
    "evidence_articles",
    "evidence_claims",
    "origin",
    "version",
    "created_at",
    "updated_at",
}
PAGE = {"count", "count_exact", "next", "previous", "results"}


def first(api_client, url):
    body = api_client.get(url).json()
    assert set(body) == PAGE
    return body["results"][0]


def test_article_list_fields(api_client, kb):
    assert set(first(api_client, "/api/v1/articles/")) == ARTICLE_LIST


def test_article_detail_fields(api_client, kb):
    body = api_client.get(f"/api/v1/articles/{kb.article.pk}/").json()
    assert set(body) == ARTICLE_DETAIL
    assert set(body["actors"][0]) == ACTOR_REF
    assert set(body["mentions"][0]) == MENTION


def test_article_values(api_client, kb):
    body = api_client.get(f"/api/v1/articles/{kb.article.pk}/").json()
    assert body["published"] == "2019-12-31"
    assert body["source"] == "Reuters"
    assert body["origin"] == kb.article.origin
    assert (body["actor_count"], body["claim_count"]) == (3, 2)
    assert [a["name"] for a in body["actors"]] == [
        "Quds Force",
        "Kataib Hezbollah",
        "United States",
    ]
    assert body["actors"][1]["aliases"] == ["KH", "Kata'ib Hizballah"]
    assert body["mentions"][0] == {
        "actor": kb.quds.pk,
        "start": 4,
        "end": 14,
        "text": "Quds Force",
        "confidence": None,
        "rule": "",
    }


def test_unknown_published_date_is_null(api_client, kb):
    kb.other_article.published = ""
    kb.other_article.save()
    body = api_client.get(f"/api/v1/articles/{kb.other_article.pk}/").json()
    assert body["published"] is None


def test_actor_list_fields(api_client, kb):
    assert set(first(api_client, "/api/v1/actors/")) == ACTOR_LIST


def test_actor_detail_fields_and_counts(api_client, kb):
    body = api_client.get(f"/api/v1/actors/{kb.kh.pk}/").json()
    assert set(body) == ACTOR_DETAIL
    assert body["aliases"] == ["KH", "Kata'ib Hizballah"]
    assert (
        body["mention_count"],
        body["article_count"],
        body["claim_count"],
        body["event_count"],
    ) == (1, 1, 1, 1)
    assert [
        (r["source"]["name"], r["kind"], r["target"]["name"]) for r in body["relationships"]
    ] == [("Quds Force", "backed_by", "Kataib Hezbollah")]
    assert body["relationship_count"] == 1 and body["claim_count_exact"] is True
    assert body["relationships_url"] == f"http://testserver/api/v1/relationships/?actor={kb.kh.pk}"


def test_actor_detail_counts_claims_up_to_a_cap(api_client, kb, monkeypatch):
    from actors import api as actor_api
    from actors import serializers as actor_serializers
    from tests.factories import make_claim

    make_claim(kb.other_article, "IRGC commanders met", claimant=kb.kh)
    make_claim(kb.other_article, "in Tehran", claimant=kb.kh)
    for module in (actor_api, actor_serializers):
        monkeypatch.setattr(module, "CLAIM_COUNT_CAP", 2)
    body = api_client.get(f"/api/v1/actors/{kb.kh.pk}/").json()
    assert (body["claim_count"], body["claim_count_exact"]) == (2, False)
    monkeypatch.setattr(actor_api, "CLAIM_COUNT_CAP", 3)
    monkeypatch.setattr(actor_serializers, "CLAIM_COUNT_CAP", 3)
    body = api_client.get(f"/api/v1/actors/{kb.kh.pk}/").json()
    assert (body["claim_count"], body["claim_count_exact"]) == (3, True)


def test_actor_detail_by_slug(api_client, kb):
    body = api_client.get("/api/v1/actors/quds-force/").json()
    assert body["id"] == kb.quds.pk
    assert body["parent"] == kb.irgc.pk


def test_claim_fields(api_client, kb):
    body = api_client.get(f"/api/v1/claims/{kb.claim.pk}/").json()
    assert set(body) == CLAIM
    assert set(body["claimant"]) == ACTOR_REF
    assert body["claimant"]["aliases"] == ["US", "Washington"]
    assert {s["name"] for s in body["subjects"]} == {"Quds Force", "Kataib Hezbollah"}
    assert (body["article"], body["event"]) == (kb.article.pk, kb.event.pk)


def test_claim_links(api_client, kb):
    denial = api_client.get(f"/api/v1/claims/{kb.denial.pk}/").json()
    assert (denial["supports"], denial["contradicts"]) == ([], [kb.claim.pk])


def test_event_fields(api_client, kb):
    body = first(api_client, "/api/v1/events/")
    assert set(body) == EVENT
    assert (body["date"], body["date_end"], body["date_precision"]) == ("2019-12-29", None, "day")
    assert {"name", "latitude", "longitude"} <= set(body["place"])
    assert body["place"]["latitude"] == pytest.approx(33.3152)
    assert body["participants"][0] == {
        "actor": {
            "id": kb.us.pk,
            "name": "United States",
            "slug": "united-states",
            "kind": "state",
            "aliases": ["US", "Washington"],
        },
        "role": "perpetrator",
        "confidence": None,  # made by hand: no rule proposed it
        "rule": "",
    }
    assert {"article", "quote", "start", "end"} <= set(body["sources"][0])
    assert body["fatalities"] == 25


def test_place_fields(api_client, kb):
    assert set(first(api_client, "/api/v1/places/")) == PLACE


def test_relationship_fields(api_client, kb):
    body = api_client.get(f"/api/v1/relationships/{kb.relationship.pk}/").json()
    assert set(body) == RELATIONSHIP
    assert (body["start"], body["end"]) == ("2007", None)
    assert body["evidence_articles"] == [kb.article.pk]


def test_api_root_lists_every_endpoint(api_client, db):
    body = api_client.get("/api/v1/").json()
    assert set(body) == {
        "articles",
        "actors",
        "claims",
        "events",
        "places",
        "relationships",
        "ingest-runs",
    }


INGEST_RUN = {
    "id",
    "paths",
    "reprocess",
    "started_at",
    "finished_at",
    "finished",
    "files_queued",
    "files_processed",
    "files_done",
    "files_unchanged",
    "files_failed",
    "rate",
    "batches",
    "failures",
}


def test_ingest_run_fields(api_client, staff_user):
    run = IngestRun.objects.create(paths="/data", files_queued=1)
    api_client.force_authenticate(staff_user)
    assert set(api_client.get(f"/api/v1/ingest-runs/{run.pk}/").json()) == INGEST_RUN
