"""Bounded page sizes and a count that stays cheap: exact up to a cap, then capped."""

import pytest

from events.models import Place
from kb.core.pagination import CappedCountPaginator
from tests.factories import make_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(db):
    return [make_place(f"Place {i:02d}") for i in range(12)]


def test_page_size_is_bounded(api_client, places, settings):
    body = api_client.get("/api/v1/places/?page_size=1000").json()
    assert len(body["results"]) == 12  # clamped to the maximum (100), not refused
    assert len(api_client.get("/api/v1/places/?page_size=5").json()["results"]) == 5


def test_exact_count_below_the_cap(api_client, places):
    body = api_client.get("/api/v1/places/?page_size=5").json()
    assert (body["count"], body["count_exact"]) == (12, True)
    assert body["next"].endswith("page=2&page_size=5")


def test_count_is_capped_on_large_tables(api_client, places, settings):
    settings.API_COUNT_CAP = 10
    first = api_client.get("/api/v1/places/?page_size=5").json()
    assert (first["count"], first["count_exact"]) == (10, False)
    # Past the counted rows pages still work, and `next` says whether more follow.
    third = api_client.get("/api/v1/places/?page_size=5&page=3").json()
    assert [p["name"] for p in third["results"]] == ["Place 10", "Place 11"]
    assert third["next"] is None
    second = api_client.get("/api/v1/places/?page_size=5&page=2").json()
    assert second["next"] is not None
    assert api_client.get("/api/v1/places/?page_size=5&page=4").status_code == 404
    # Deep offsets are refused rather than scanned.
    assert api_client.get(f"/api/v1/places/?page={10**30}").status_code == 404


def test_capped_count_counts_at_most_cap_plus_one_rows(places, django_assert_num_queries):
    paginator = CappedCountPaginator(Place.objects.all(), 5, count_cap=3)
    with django_assert_num_queries(1) as ctx:
        assert paginator.count == 3
    assert "LIMIT 4" in ctx.captured_queries[0]["sql"]


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99", "1e3", str(10**30)])
def test_bad_page_numbers_are_404(api_client, places, page):
    assert api_client.get(f"/api/v1/places/?page={page}").status_code == 404
