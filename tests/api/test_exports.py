"""CSV exports follow the list filters (STIX, ACLED, GeoJSON: their own modules)."""

import csv
import io

import pytest

from tests.factories import make_actor

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
