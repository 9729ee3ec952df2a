"""ACLED-style CSV and GeoJSON of events, each parsed with the standard tool for its format."""

import csv
import io
import json

import geojson
import pytest

from events.models import Event
from tests.factories import make_event, make_place

pytestmark = pytest.mark.django_db

# ACLED's columns, in its order (ACLED codebook / API export since the 2023 column changes).
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def acled(client, query="") -> list[dict]:
    response = client.get(f"/api/v1/events/acled.csv{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    reader = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    rows = list(reader)
    assert reader.fieldnames == ACLED_COLUMNS
    return rows


def test_acled_rows_have_acleds_columns_and_the_documented_mapping(api_client, kb):
    make_place("Iraq", slug="iraq-country", kind="country", country="IQ")
    (row,) = acled(api_client)
    assert row["event_id_cnty"] == f"KB{kb.event.pk}"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2019-12-29", "2019", "1")
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Political violence",
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert (row["actor1"], row["actor2"]) == ("United States", "Kataib Hezbollah")
    assert (row["country"], row["location"], row["admin1"]) == ("Iraq", "Baghdad", "")
    assert (float(row["latitude"]), float(row["longitude"]), row["geo_precision"]) == (
        33.3152,
        44.3661,
        "1",
    )
    assert (row["source"], row["fatalities"], row["tags"]) == (
        "Reuters",
        "25",
        "kb kind: air_strike",
    )


def test_acled_month_precision_is_3_and_years_only_are_left_out(api_client, kb):
    make_event("Protest in Baghdad", kind="protest", date="2020-01", place=kb.place)
    make_event("Some year", kind="meeting", date="2020")
    make_event("Undated", kind="meeting")
    rows = {r["notes"]: r for r in acled(api_client)}
    assert set(rows) == {"Strike on Kataib Hezbollah", "Protest in Baghdad"}
    protest = rows["Protest in Baghdad"]
    assert (protest["event_date"], protest["time_precision"], protest["event_type"]) == (
        "2020-01-01",
        "3",
        "Protests",
    )
    assert protest["fatalities"] == ""  # not stated is not zero


def test_acled_follows_the_event_filters(api_client, kb):
    make_event("Protest in Baghdad", kind="protest", date="2020-01", place=kb.place)
    assert [r["notes"] for r in acled(api_client, "?kind=protest")] == ["Protest in Baghdad"]
    assert acled(api_client, "?date_after=2021") == []
    assert api_client.get("/api/v1/events/acled.csv?date_after=soon").status_code == 400


def test_acled_queries_do_not_grow_with_events(api_client, kb, django_assert_max_num_queries):
    with django_assert_max_num_queries(8) as small:
        acled(api_client)
    for i in range(12):
        make_event(
            f"Strike {i}",
            kind="air_strike",
            date="2020-02-0" + str(i % 9 + 1),
            place=kb.place,
            participants=[(kb.us, "perpetrator")],
            sources=[(kb.article, "the United States said")],
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(acled(api_client)) == 13


def geo(client, query="") -> dict:
    response = client.get(f"/api/v1/events/geojson/{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(b"".join(response.streaming_content))


def test_geojson_is_valid_geojson_with_lon_lat_points(api_client, kb):
    make_event("Undated somewhere", kind="meeting", place=make_place("Nowhere"))
    data = geo(api_client)
    collection = geojson.loads(json.dumps(data))
    assert collection.is_valid, collection.errors()
    (feature,) = collection["features"]
    assert feature["geometry"]["coordinates"] == [44.3661, 33.3152]  # RFC 7946: lon, lat
    props = feature["properties"]
    assert (props["title"], props["date"], props["place"], props["fatalities"]) == (
        "Strike on Kataib Hezbollah",
        "2019-12-29",
        "Baghdad",
        25,
    )
    assert props["url"].endswith(f"/events/{kb.event.pk}/")
    assert {p["role"] for p in props["participants"]} == {"perpetrator", "target"}


def test_geojson_follows_the_filters_and_refuses_bad_ones(api_client, kb):
    assert geo(api_client, "?kind=protest")["features"] == []
    Event.objects.filter(pk=kb.event.pk).update(status="rejected")
    assert geo(api_client)["features"] == []
    assert len(geo(api_client, "?status=rejected")["features"]) == 1
    assert api_client.get("/api/v1/events/geojson/?date_before=later").status_code == 400


def test_geojson_queries_do_not_grow_with_events(api_client, kb, django_assert_max_num_queries):
    with django_assert_max_num_queries(8) as small:
        geo(api_client)
    for i in range(12):
        make_event(
            f"Strike {i}", kind="air_strike", place=kb.place, participants=[(kb.kh, "target")]
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(geo(api_client)["features"]) == 13
