"""The STIX 2.1 export: clean for the OASIS validator, kb fields in one declared extension."""

import json
from io import StringIO

import jsonschema
import pytest
import stix2
from django.core.management import call_command

from actors.models import Actor
from kb.interop.stix.vocab import EXTENSION_ID, EXTENSION_SCHEMA, PRODUCER_ID
from tests.api.stix_check import ID_CHOICE, validator_findings
from tests.factories import make_relationship

pytestmark = pytest.mark.django_db


def get_bundle(api_client, query="") -> dict:
    response = api_client.get(f"/api/v1/export/stix/{query}")
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def objects_of(bundle: dict, kind: str) -> list[dict]:
    return [o for o in bundle["objects"] if o["type"] == kind]


def ext(obj: dict) -> dict:
    return obj["extensions"][EXTENSION_ID]


def assert_clean(bundle: dict) -> None:
    errors, warnings = validator_findings(bundle)
    assert errors == []
    assert set(warnings) <= {ID_CHOICE}, warnings


def test_bundle_has_no_validator_finding_but_the_id_choice(api_client, kb):
    make_relationship(kb.us, kb.kh, "opposed_to", start="2019-12", end="2020-01")
    assert_clean(get_bundle(api_client))


def test_seed_bundle_is_clean(api_client):
    call_command("loaddata", "demo", verbosity=0)
    bundle = get_bundle(api_client)
    assert len(objects_of(bundle, "report")) >= 5
    assert_clean(bundle)


def test_synthetic_bundle_is_clean(api_client):
    call_command("synthesize", articles=25, seed=5, stdout=StringIO())
    bundle = get_bundle(api_client)
    assert len(objects_of(bundle, "report")) == 25
    assert_clean(bundle)


def test_every_bundle_carries_one_extension_definition(api_client, kb):
    bundle = get_bundle(api_client)
    (definition,) = objects_of(bundle, "extension-definition")
    assert definition["id"] == EXTENSION_ID
    assert definition["created_by_ref"] == PRODUCER_ID
    assert set(definition["extension_types"]) == {"property-extension", "new-sdo"}
    assert PRODUCER_ID in {o["id"] for o in objects_of(bundle, "identity")}


def test_kb_fields_live_only_in_the_extension_and_match_its_schema(api_client, kb):
    bundle = get_bundle(api_client)
    defs = EXTENSION_SCHEMA["$defs"]
    for obj in bundle["objects"]:
        assert not [k for k in obj if k.startswith("x_")], obj["id"]
        if obj["type"] == "x-kb-event":
            assert obj["extensions"] == {EXTENSION_ID: {"extension_type": "new-sdo"}}
            jsonschema.validate(
                {k: obj[k] for k in defs["x-kb-event"]["properties"] if k in obj},
                defs["x-kb-event"],
            )
        elif EXTENSION_ID in obj.get("extensions", {}):
            schema = defs["claim" if obj["type"] in ("note", "opinion") else obj["type"]]
            jsonschema.validate(ext(obj), schema)


def test_the_extension_schema_is_served_and_is_a_valid_json_schema(api_client):
    response = api_client.get("/api/v1/export/stix/extension/")
    assert response.status_code == 200
    schema = response.json()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["$defs"]) >= {"identity", "report", "relationship", "x-kb-event"}


def test_stix2_parses_the_bundle(api_client, kb):
    bundle = get_bundle(api_client)
    parsed = stix2.parse(json.dumps(bundle), allow_custom=True, version="2.1")
    assert len(parsed.objects) == len(bundle["objects"])
    ids = {o["id"] for o in bundle["objects"]}
    for obj in bundle["objects"]:
        refs = obj.get("object_refs", []) + [
            obj[k] for k in ("source_ref", "target_ref", "location_ref") if k in obj
        ]
        assert set(refs) <= ids, obj["id"]


def test_mapping(api_client, kb):
    bundle = get_bundle(api_client)
    (kh,) = [o for o in objects_of(bundle, "threat-actor")]
    assert (kh["name"], sorted(kh["aliases"])) == ("Kataib Hezbollah", ["KH", "Kata'ib Hizballah"])
    assert (ext(kh)["slug"], ext(kh)["kind"], ext(kh)["country"]) == (
        "kataib-hezbollah",
        "armed_group",
        "IQ",
    )
    irgc = next(o for o in objects_of(bundle, "identity") if o["name"] == "IRGC")
    assert sorted(ext(irgc)["aliases"]) == ["Pasdaran", "Sepah"]
    assert irgc["sectors"] == ["government-national"]
    quds = next(o for o in objects_of(bundle, "identity") if o["name"] == "Quds Force")
    assert ext(quds)["parent_ref"] == irgc["id"]
    report = next(o for o in objects_of(bundle, "report") if o["name"] == "US blames Quds Force")
    assert report["report_types"] == ["identity", "threat-actor"]
    assert report["description"] == kb.article.body
    assert ext(report)["url"] == "https://example.org/a"
    assert {m["start"] for m in ext(report)["mentions"]} == {
        m.start for m in kb.article.mentions.all()
    }
    (note,) = objects_of(bundle, "note")
    (opinion,) = objects_of(bundle, "opinion")
    assert {kh["id"], note["id"], opinion["id"]} <= set(report["object_refs"])
    assert report["published"].startswith("2019-12-31")
    # Admiralty credibility 2 → 70, 4 → 30 (STIX 2.1 Appendix A).
    assert (note["confidence"], opinion["confidence"]) == (70, 30)
    assert opinion["opinion"] == "strongly-disagree"
    assert (ext(note)["start"], ext(note)["end"], ext(note)["report_ref"]) == (
        kb.claim.start,
        kb.claim.end,
        report["id"],
    )
    (event,) = objects_of(bundle, "x-kb-event")
    assert (event["date"], event["first_seen"][:10], event["fatalities"]) == (
        "2019-12-29",
        "2019-12-29",
        25,
    )
    (location,) = objects_of(bundle, "location")
    assert event["location_ref"] == location["id"]
    assert (location["latitude"], location["longitude"]) == (33.3152, 44.3661)
    relationships = objects_of(bundle, "relationship")
    assert {r["relationship_type"] for r in relationships} == {"related-to"}
    meanings = {
        (
            r["source_ref"],
            tuple(sorted(set(ext(r)) - {"extension_type", "status", "start", "evidence_refs"})),
            ext(r).get("kind") or ext(r).get("role") or ext(r).get("claim_link"),
            r["target_ref"],
        )
        for r in relationships
    }
    assert (kh["id"], ("role",), "target", event["id"]) in meanings
    assert (opinion["id"], ("claim_link",), "contradicts", note["id"]) in meanings
    assert (quds["id"], ("kind",), "backed_by", kh["id"]) in meanings
    backed = next(r for r in relationships if ext(r).get("kind") == "backed_by")
    assert (ext(backed)["start"], backed["start_time"][:10], ext(backed)["evidence_refs"]) == (
        "2007",
        "2007-01-01",
        [report["id"]],
    )


def test_wikidata_is_an_external_reference(api_client, kb):
    Actor.objects.filter(pk=kb.kh.pk).update(wikidata_id="Q1234")
    (kh,) = objects_of(get_bundle(api_client), "threat-actor")
    assert kh["external_references"] == [{"source_name": "wikidata", "external_id": "Q1234"}]


def test_ids_are_stable(api_client, kb):
    first = {o["id"] for o in get_bundle(api_client)["objects"]}
    second = {o["id"] for o in get_bundle(api_client)["objects"]}
    assert first == second


def test_filtered_by_actor(api_client, kb):
    bundle = get_bundle(api_client, "?actor=irgc")
    names = {
        o["name"]
        for o in bundle["objects"]
        if o["type"] in ("identity", "threat-actor") and o["id"] != PRODUCER_ID
    }
    assert names == {"IRGC", "Quds Force"}
    assert [o["name"] for o in objects_of(bundle, "report")] == ["IRGC meeting"]
    assert_clean(bundle)


def test_leaves_out_rejected_rows_by_default(api_client, kb):
    Actor.objects.filter(pk=kb.us.pk).update(status="rejected")
    bundle = get_bundle(api_client)
    assert "United States" not in {o.get("name") for o in bundle["objects"]}
    assert "United States" in {
        o.get("name") for o in get_bundle(api_client, "?status=rejected")["objects"]
    }


@pytest.mark.parametrize("query", ["?actor=nobody", "?actor=a%20b", "?status=maybe"])
def test_bad_scope_is_400(api_client, kb, query):
    assert api_client.get(f"/api/v1/export/stix/{query}").status_code == 400


def test_a_bundle_over_the_limit_is_refused(api_client, kb, settings):
    settings.STIX_EXPORT_MAX_ROWS = 3
    response = api_client.get("/api/v1/export/stix/")
    assert response.status_code == 400
    assert "limit is 3" in response.json()["detail"]
    settings.STIX_EXPORT_MAX_ROWS = 100
    assert api_client.get("/api/v1/export/stix/").status_code == 200
