"""STIX import: round trip, matching before creating, all or nothing, idempotent, Editors only."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from actors.models import Actor, Alias, Relationship
from articles.models import Article, Claim, ClaimLink, Mention, Source
from events.models import Event, EventSource, Participant, Place
from kb.core.choices import Origin, ReviewStatus
from kb.interop.models import StixImport, StixLink
from kb.interop.stix.importer import BundleError, import_bundle
from kb.interop.stix.vocab import EXTENSION_ID
from tests.api.stix_check import comparable
from tests.factories import make_relationship

pytestmark = pytest.mark.django_db

CONTENT = (
    Actor,
    Alias,
    Relationship,
    Article,
    Mention,
    Claim,
    ClaimLink,
    Event,
    Participant,
    EventSource,
    Place,
)


def export(client) -> dict:
    response = client.get("/api/v1/export/stix/")
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in CONTENT}


def empty_the_database() -> None:
    for model in (Article, Event, Place, Actor, Source):
        model.objects.all().delete()
    assert not any(counts().values())


def bundle(*objects) -> str:
    return json.dumps(
        {
            "type": "bundle",
            "id": "bundle--6a3c9c4e-1f0e-4d43-9b7a-0f9c4d7b8e21",
            "objects": list(objects),
        }
    )


def identity(name, uid, **extra) -> dict:
    return {
        "type": "identity",
        "spec_version": "2.1",
        "id": f"identity--{uid}",
        "created": "2024-05-01T00:00:00.000Z",
        "modified": "2024-05-01T00:00:00.000Z",
        "name": name,
        **extra,
    }


def test_export_import_into_an_empty_database_export_gives_the_same_objects(
    api_client, kb, tmp_path
):
    make_relationship(kb.us, kb.kh, "opposed_to", start="2019-12", end="2020-01")
    first = export(api_client)
    empty_the_database()

    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(first), encoding="utf-8")
    call_command("import_stix", str(path), stdout=StringIO())

    second = export(api_client)
    assert comparable(second) == comparable(first)
    # Everything arrived as a proposal, from the import, with the bundle as its source.
    assert set(Actor.objects.values_list("status", "origin")) == {
        (ReviewStatus.PROPOSED, Origin.IMPORT)
    }
    assert set(Claim.objects.values_list("status", flat=True)) == {ReviewStatus.PROPOSED}
    (record,) = StixImport.objects.all()
    assert record.bundle_id == first["id"]
    assert StixLink.objects.filter(stix_import=record).count() == sum(
        counts()[m]
        for m in (
            "Actor",
            "Place",
            "Relationship",
            "Article",
            "Claim",
            "ClaimLink",
            "Event",
            "Participant",
        )
    )
    claim = Claim.objects.get(kind="accusation")
    assert claim.quote == claim.article.body[claim.start : claim.end] == kb.claim.quote


def test_importing_twice_changes_nothing(api_client, kb):
    text = json.dumps(export(api_client))
    empty_the_database()
    import_bundle(text)
    before, links = counts(), StixLink.objects.count()
    again = import_bundle(text)
    assert again.already_imported
    # The same objects in another serialisation: every id is known, nothing new either.
    third = import_bundle(json.dumps(json.loads(text), indent=1))
    assert third.already_imported and not third.created
    assert (counts(), StixLink.objects.count(), StixImport.objects.count()) == (before, links, 1)


def test_importing_our_own_bundle_back_matches_everything(api_client, kb):
    before = counts()
    result = import_bundle(json.dumps(export(api_client)))
    assert not result.created
    assert result.matched["actor"] == 4 and result.matched["event"] == 1
    assert counts() == before


def test_actors_are_matched_by_alias_and_wikidata_before_one_is_made(kb):
    Actor.objects.filter(pk=kb.kh.pk).update(wikidata_id="Q7654321")
    text = bundle(
        identity("Sepah", "0a4f3a52-6c8b-4b1e-9d55-1f3c0b5e7a01", identity_class="organization"),
        {
            "type": "threat-actor",
            "spec_version": "2.1",
            "id": "threat-actor--0a4f3a52-6c8b-4b1e-9d55-1f3c0b5e7a02",
            "created": "2024-05-01T00:00:00.000Z",
            "modified": "2024-05-01T00:00:00.000Z",
            "name": "Hizballah Brigades",
            "external_references": [{"source_name": "wikidata", "external_id": "Q7654321"}],
        },
        identity(
            "Hamid Example", "0a4f3a52-6c8b-4b1e-9d55-1f3c0b5e7a03", identity_class="individual"
        ),
        {
            "type": "relationship",
            "spec_version": "2.1",
            "id": "relationship--0a4f3a52-6c8b-4b1e-9d55-1f3c0b5e7a04",
            "created": "2024-05-01T00:00:00.000Z",
            "modified": "2024-05-01T00:00:00.000Z",
            "relationship_type": "member-of",
            "source_ref": "identity--0a4f3a52-6c8b-4b1e-9d55-1f3c0b5e7a03",
            "target_ref": "threat-actor--0a4f3a52-6c8b-4b1e-9d55-1f3c0b5e7a02",
        },
        {
            "type": "relationship",
            "spec_version": "2.1",
            "id": "relationship--0a4f3a52-6c8b-4b1e-9d55-1f3c0b5e7a05",
            "created": "2024-05-01T00:00:00.000Z",
            "modified": "2024-05-01T00:00:00.000Z",
            "relationship_type": "impersonates",
            "source_ref": "threat-actor--0a4f3a52-6c8b-4b1e-9d55-1f3c0b5e7a02",
            "target_ref": "identity--0a4f3a52-6c8b-4b1e-9d55-1f3c0b5e7a01",
        },
    )
    before = Actor.objects.count()
    result = import_bundle(text)
    assert (result.created["actor"], result.matched["actor"]) == (1, 2)
    assert Actor.objects.count() == before + 1
    new = Actor.objects.get(name="Hamid Example")
    assert (new.kind, new.status, new.origin) == ("person", "proposed", "import")
    assert list(new.aliases.values_list("text", flat=True)) == ["Hamid Example"]
    rel = Relationship.objects.get(source=new)
    assert (rel.target, rel.kind, rel.status) == (kb.kh, "member_of", "proposed")
    # Matched actors are linked, not changed; a type with no kb kind is listed, not guessed.
    assert kb.irgc.aliases.count() == 2
    assert any("impersonates" in line for line in result.skipped)


def test_a_bundle_with_one_bad_object_imports_nothing(kb):
    good = identity("Brand New Group", "1b2c3d4e-5f60-4a1b-8c2d-3e4f5a6b7c01")
    bad_report = {
        "type": "report",
        "spec_version": "2.1",
        "id": "report--1b2c3d4e-5f60-4a1b-8c2d-3e4f5a6b7c02",
        "created": "2024-05-01T00:00:00.000Z",
        "modified": "2024-05-01T00:00:00.000Z",
        "name": "Short",
        "description": "Too short.",
        "published": "2024-05-01T00:00:00.000Z",
        "object_refs": [good["id"]],
        "extensions": {
            EXTENSION_ID: {
                "extension_type": "property-extension",
                "content_hash": "f" * 64,
                "mentions": [{"actor_ref": good["id"], "start": 5, "end": 500}],
            }
        },
    }
    before = counts()
    with pytest.raises(BundleError, match="outside the article"):
        import_bundle(bundle(good, bad_report))
    assert counts() == before
    assert not StixImport.objects.exists() and not StixLink.objects.exists()


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "Not JSON"),
        ('{"type": "indicator"}', "Not a STIX bundle"),
        (bundle({"type": "identity", "id": "identity--nope"}), "Not a valid STIX 2.1 bundle"),
    ],
)
def test_unusable_input_is_refused_with_a_reason(db, text, message):
    with pytest.raises(BundleError, match=message):
        import_bundle(text)


def test_a_bundle_with_too_many_objects_is_refused(db, settings):
    settings.STIX_IMPORT_MAX_OBJECTS = 1
    two = bundle(
        identity("A", "2c3d4e5f-6071-4b2c-9d3e-4f5a6b7c8d01"),
        identity("B", "2c3d4e5f-6071-4b2c-9d3e-4f5a6b7c8d02"),
    )
    with pytest.raises(BundleError, match="limit is 1"):
        import_bundle(two)
    assert not Actor.objects.exists()


# --- the command and the API ----------------------------------------------------------


def test_command_reports_what_it_did_and_refuses_bad_files(tmp_path, db):
    path = tmp_path / "one.json"
    path.write_text(bundle(identity("Solo Actor", "3d4e5f60-7182-4c3d-8e4f-5a6b7c8d9e01")))
    out = StringIO()
    call_command("import_stix", str(path), stdout=out)
    assert "created 1 actor" in out.getvalue()
    call_command("import_stix", str(path), stdout=out)
    assert "already imported" in out.getvalue()
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_stix", str(tmp_path / "missing.json"))
    (tmp_path / "bad.json").write_text("[]")
    with pytest.raises(CommandError, match="Not a STIX bundle"):
        call_command("import_stix", str(tmp_path / "bad.json"))


ONE_ACTOR = bundle(identity("Posted Actor", "4e5f6071-8293-4d4e-9f5a-6b7c8d9e0f01"))


def post(client, text=ONE_ACTOR):
    return client.post("/api/v1/import/stix/", text, content_type="application/json")


def test_editors_import_through_the_api(staff_client):
    response = post(staff_client)
    assert response.status_code == 200, response.content
    assert response.json()["created"] == {"actor": 1}
    actor = Actor.objects.get(name="Posted Actor")
    assert actor.status == "proposed"
    assert StixImport.objects.get().created_by.username == "editor"


def test_analysts_and_anonymous_users_cannot_import(analyst_client, api_client):
    response = post(analyst_client)
    assert response.status_code == 403
    assert "editors" in response.json()["detail"].lower()
    assert post(api_client).status_code in (401, 403)
    assert not Actor.objects.filter(name="Posted Actor").exists()


def test_a_bad_bundle_through_the_api_is_400_with_the_reason(staff_client):
    response = post(staff_client, "[1, 2]")
    assert response.status_code == 400
    assert "Not a STIX bundle" in response.json()["detail"]


def test_a_bundle_over_the_size_limit_is_413(staff_client, settings):
    settings.STIX_IMPORT_MAX_BYTES = 100
    response = post(staff_client)
    assert response.status_code == 413
    assert "larger than 100 bytes" in response.json()["detail"]
    assert not Actor.objects.filter(name="Posted Actor").exists()


def test_imports_are_throttled_per_user(staff_user, monkeypatch):
    from django.core.cache import cache
    from rest_framework.authtoken.models import Token

    cache.clear()
    monkeypatch.setattr(
        ScopedRateThrottle, "THROTTLE_RATES", {"stix_import": "1/hour", "user": "1000/minute"}
    )
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=staff_user)[0].key}"
    )
    assert post(client).status_code == 200
    second = post(client, bundle(identity("Another", "5f607182-93a4-4e5f-8a6b-7c8d9e0f1a01")))
    assert second.status_code == 429
    assert not Actor.objects.filter(name="Another").exists()
    cache.clear()
