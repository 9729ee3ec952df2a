"""Filters across a link table (articles by actor, claims by subject): the related row is
looked up first, few matches are listed by id, many stay a semi-join, and the list's count
comes from the link table or the actor's stored count instead of a COUNT over the join."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor
from articles.models import Article
from kb.core import filters
from tests.factories import make_actor, make_kh_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    """Five articles naming Kataib Hezbollah twice (and Badr), each with a claim about KH."""
    return make_kh_corpus(5, claims=True)


def get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json(), [q["sql"] for q in ctx.captured_queries]


@pytest.fixture(params=[1000, 2], ids=["ids", "semi-join"])
def sparse_rows(request, monkeypatch):
    """Both shapes of the filter: matches listed by id, or a semi-join (more than 2 rows)."""
    monkeypatch.setattr(filters, "SPARSE_ROWS", request.param)
    return request.param


def test_articles_by_actor_in_either_shape(api_client, corpus, sparse_rows):
    kh, _, articles = corpus
    for value in ("kh", str(kh.pk)):
        body, _ = get(api_client, f"/api/v1/articles/?actor={value}&page_size=2")
        newest_first = [a.pk for a in reversed(articles)]
        assert [r["id"] for r in body["results"]] == newest_first[:2]  # no duplicates
        assert (body["count"], body["count_exact"]) == (5, True)
        assert body["next"] is not None


def test_the_actor_is_looked_up_first_so_the_list_query_names_its_id(api_client, corpus):
    kh, _, _ = corpus
    _, sql = get(api_client, "/api/v1/articles/?actor=kh")
    page = [q for q in sql if 'FROM "articles_article"' in q and not q.startswith("SELECT COUNT")]
    # The article query holds the actor's id, not a join on its slug.
    assert page and all("actors_actor" not in q for q in page)


def test_count_of_articles_by_one_actor_is_its_stored_article_count(
    api_client, corpus, monkeypatch
):
    monkeypatch.setattr(filters, "SPARSE_ROWS", 2)  # more matches than ids listed
    kh, _, _ = corpus
    Actor.objects.filter(pk=kh.pk).update(article_count=5)
    body, sql = get(api_client, "/api/v1/articles/?actor=kh")
    assert body["count"] == 5
    assert not any(q.startswith("SELECT COUNT") for q in sql)
    # Above the cap the stored count is capped like any other.
    Actor.objects.filter(pk=kh.pk).update(article_count=50_000)
    body, _ = get(api_client, "/api/v1/articles/?actor=kh")
    assert (body["count"], body["count_exact"]) == (10_000, False)


def test_other_filters_are_counted_not_read_from_the_stored_count(api_client, corpus, monkeypatch):
    monkeypatch.setattr(filters, "SPARSE_ROWS", 2)
    body, sql = get(api_client, "/api/v1/articles/?actor=kh&published_after=2020-04")
    assert body["count"] == 2
    assert any(q.startswith("SELECT COUNT") for q in sql)


def test_actor_named_in_no_article_and_unknown_actor(api_client, corpus):
    make_actor("Nobody", slug="nobody")
    for value in ("nobody", "no-such-actor", "999999"):
        body, sql = get(api_client, f"/api/v1/articles/?actor={value}")
        assert (body["count"], body["count_exact"], body["results"]) == (0, True, [])
        assert not any('FROM "articles_article"' in q for q in sql)


def test_claims_by_subject_in_either_shape(api_client, corpus, sparse_rows):
    kh, badr, articles = corpus
    body, sql = get(api_client, "/api/v1/claims/?subject=kh&page_size=2")
    assert (body["count"], body["count_exact"]) == (5, True)
    assert [r["article"] for r in body["results"]] == [a.pk for a in reversed(articles)][:2]
    if sparse_rows == 2:  # counted on the subjects table, not joined back to the claims
        counts = [q for q in sql if q.startswith("SELECT COUNT")]
        assert counts and all(
            "articles_claim_subjects" in q and 'FROM "articles_claim" ' not in q for q in counts
        )
    assert get(api_client, "/api/v1/claims/?subject=badr")[0]["count"] == 0


def test_deleting_an_article_recounts_the_actors_it_named(staff_client, corpus):
    kh, badr, articles = corpus
    assert staff_client.delete(f"/api/v1/articles/{articles[0].pk}/").status_code == 204
    kh.refresh_from_db()
    badr.refresh_from_db()
    assert (kh.article_count, kh.mention_count, badr.article_count) == (4, 8, 4)
    assert Article.objects.count() == 4
