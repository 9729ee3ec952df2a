"""CSV exports follow the list filters; the STIX bundle validates and re-imports losslessly."""

import csv
import io
import json

import pytest
import stix2

from actors.models import Actor, Relationship
from kb.api.stix import read_bundle
from tests.factories import make_actor, make_relationship

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("endpoint", ["articles", "actors", "events", "claims"])
def test_csv_has_every_list_column(api_client, kb, endpoint):
    rows = read_csv(api_client.get(f"/api/v1/{endpoint}/csv/"))
    listed = api_client.get(f"/api/v1/{endpoint}/?page_size=100").json()["results"]
    assert len(rows) == len(listed)
    assert set(rows[0]) == set(listed[0])


def test_csv_uses_the_list_filters(api_client, kb):
    rows = read_csv(api_client.get("/api/v1/actors/csv/?kind=armed_group"))
    assert [(r["name"], r["aliases"]) for r in rows] == [
        ("Kataib Hezbollah", "KH|Kata'ib Hizballah")
    ]


def test_csv_flattens_nested_values(api_client, kb):
    (event,) = read_csv(api_client.get("/api/v1/events/csv/"))
    assert event["place"] == "Baghdad"
    assert event["participants"] == "United States (perpetrator)|Kataib Hezbollah (target)"
    (claim,) = read_csv(api_client.get("/api/v1/claims/csv/?kind=denial"))
    assert (claim["claimant"], claim["contradicts"]) == ("Kataib Hezbollah", str(kb.claim.pk))


def test_csv_neutralises_spreadsheet_formulas(api_client, db):
    make_actor('=HYPERLINK("http://x")')
    (row,) = read_csv(api_client.get("/api/v1/actors/csv/"))
    assert row["name"].startswith("'=")


def test_csv_with_a_bad_filter_is_400(api_client, db):
    assert api_client.get("/api/v1/events/csv/?date_after=soon").status_code == 400


def get_bundle(api_client, query="") -> dict:
    response = api_client.get(f"/api/v1/export/stix/{query}")
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def objects_of(bundle: dict, kind: str) -> list[dict]:
    return [o for o in bundle["objects"] if o["type"] == kind]


def test_stix_bundle_validates_with_stix2(api_client, kb):
    bundle = get_bundle(api_client)
    parsed = stix2.parse(json.dumps(bundle), allow_custom=True, version="2.1")
    assert parsed.type == "bundle"
    ids = {o["id"] for o in bundle["objects"]}
    # Every reference points into the bundle.
    for obj in bundle["objects"]:
        refs = obj.get("object_refs", []) + [
            obj[k] for k in ("source_ref", "target_ref") if k in obj
        ]
        assert set(refs) <= ids, obj["id"]


def test_stix_mapping(api_client, kb):
    bundle = get_bundle(api_client)
    (kh,) = objects_of(bundle, "threat-actor")
    assert (kh["name"], sorted(kh["aliases"])) == ("Kataib Hezbollah", ["KH", "Kata'ib Hizballah"])
    irgc = next(o for o in objects_of(bundle, "identity") if o["name"] == "IRGC")
    assert sorted(irgc["x_kb_aliases"]) == ["Pasdaran", "Sepah"]
    report = next(o for o in objects_of(bundle, "report") if o["name"] == "US blames Quds Force")
    note = objects_of(bundle, "note")[0]
    opinion = objects_of(bundle, "opinion")[0]
    assert {kh["id"], note["id"], opinion["id"]} <= set(report["object_refs"])
    assert report["published"].startswith("2019-12-31")
    # Admiralty credibility 2 → 70, 4 → 30 (STIX 2.1 Appendix A).
    assert (note["confidence"], opinion["confidence"]) == (70, 30)
    assert opinion["opinion"] == "strongly-disagree"
    (event,) = objects_of(bundle, "x-kb-event")
    assert (event["date"], event["first_seen"][:10], event["fatalities"]) == (
        "2019-12-29",
        "2019-12-29",
        25,
    )
    (location,) = objects_of(bundle, "location")
    assert (location["latitude"], location["longitude"]) == (33.3152, 44.3661)
    types = {o["relationship_type"] for o in objects_of(bundle, "relationship")}
    assert {
        "backed-by",
        "part-of",
        "perpetrator-of",
        "target-of",
        "located-at",
        "contradicts",
    } <= types


def test_stix_round_trip_keeps_names_aliases_and_relationships(api_client, kb):
    make_relationship(kb.us, kb.kh, "opposed_to", start="2019-12", end="2020-01")
    summary = read_bundle(json.dumps(get_bundle(api_client)))
    expected_aliases = {
        a.name: frozenset(x.text for x in a.aliases.all()) for a in Actor.objects.all()
    }
    assert summary.aliases == expected_aliases
    expected_relationships = {
        (r.source.name, r.kind.replace("_", "-"), r.target.name) for r in Relationship.objects.all()
    }
    actor_relationships = {
        t for t in summary.relationships if t[1] not in ("perpetrator-of", "target-of")
    }
    assert actor_relationships == expected_relationships


def test_stix_ids_are_stable(api_client, kb):
    first = {o["id"] for o in get_bundle(api_client)["objects"]}
    second = {o["id"] for o in get_bundle(api_client)["objects"]}
    assert first == second


def test_stix_filtered_by_actor(api_client, kb):
    bundle = get_bundle(api_client, "?actor=irgc")
    names = {o["name"] for o in bundle["objects"] if o["type"] in ("identity", "threat-actor")}
    assert names == {"IRGC", "Quds Force"}
    assert [o["name"] for o in objects_of(bundle, "report")] == ["IRGC meeting"]
    stix2.parse(json.dumps(bundle), allow_custom=True, version="2.1")


def test_stix_leaves_out_rejected_rows_by_default(api_client, kb):
    Actor.objects.filter(pk=kb.us.pk).update(status="rejected")
    bundle = get_bundle(api_client)
    assert "United States" not in {o.get("name") for o in bundle["objects"]}
    assert "United States" in {
        o.get("name") for o in get_bundle(api_client, "?status=rejected")["objects"]
    }


@pytest.mark.parametrize("query", ["?actor=nobody", "?actor=a%20b", "?status=maybe"])
def test_stix_bad_scope_is_400(api_client, kb, query):
    assert api_client.get(f"/api/v1/export/stix/{query}").status_code == 400
