"""API ``?search=`` on articles, claims and events: portable matches, and on PostgreSQL the
stored full-text vector with its GIN index (kb/migrations/0003_search_vectors.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_claim, make_event

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


@pytest.fixture
def texts(db):
    drone = make_article("A drone strike hit the convoy near the airport.", title="Convoy hit")
    oil = make_article("Oil exports resumed after the pipeline was repaired.", title="Exports")
    return {
        "drone": drone,
        "oil": oil,
        "claim": make_claim(drone, "A drone strike hit the convoy", claimant_text="The ministry"),
        "event": make_event("Pipeline repaired", description="Exports resumed at Ceyhan."),
    }


@pytest.mark.parametrize(
    ("endpoint", "q", "expected"),
    [
        ("articles", "drone strike", ["drone"]),
        ("articles", "convoy", ["drone"]),  # title and body alike
        ("articles", "pipeline exports", ["oil"]),
        ("articles", "drone pipeline", []),  # every word must match
        ("claims", "convoy ministry", ["claim"]),  # the sentence and the claimant
        ("events", "ceyhan", ["event"]),
        ("events", "pipeline", ["event"]),
    ],
)
def test_search_matches_every_word(api_client, texts, endpoint, q, expected):
    found = ids(api_client.get(f"/api/v1/{endpoint}/", {"search": q}))
    assert found == sorted(texts[key].pk for key in expected)


@postgres_only
def test_postgres_search_stems_words(api_client, texts):
    assert ids(api_client.get("/api/v1/articles/", {"search": "strikes"})) == [texts["drone"].pk]
    assert ids(api_client.get("/api/v1/claims/", {"search": "drones"})) == [texts["claim"].pk]


def bitmap_only_plan(sql: str) -> str:
    """EXPLAIN of `sql` with seq and plain index scans off: on tables this small that is what
    shows whether a GIN index can serve the query (it is read through a bitmap scan)."""
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        try:
            cursor.execute("EXPLAIN " + sql)
            return "\n".join(line for (line,) in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")


@postgres_only
@pytest.mark.parametrize(
    ("endpoint", "table", "index"),
    [
        ("articles", "articles_article", "article_search_tsv_gin"),
        ("claims", "articles_claim", "claim_search_tsv_gin"),
        ("events", "events_event", "event_search_tsv_gin"),
    ],
)
def test_postgres_api_search_reads_the_stored_vector_through_its_index(
    api_client, texts, endpoint, table, index
):
    with CaptureQueriesContext(connection) as ctx:
        assert api_client.get(f"/api/v1/{endpoint}/", {"search": "drone"}).status_code == 200
    searched = [q["sql"] for q in ctx.captured_queries if "websearch_to_tsquery" in q["sql"]]
    assert searched
    for sql in searched:
        assert '"search_tsv" @@' in sql
        plan = bitmap_only_plan(sql)
        assert f"Bitmap Index Scan on {index}" in plan
        assert f"Seq Scan on {table}" not in plan
