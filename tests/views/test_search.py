"""Search: one box across actors, articles, events and claims."""

import pytest
from django.db import connection

from kb.search import name_score, skeleton, snippet
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def groups(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return {g.key: g for g in response.context["groups"]}, response


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Soleimani", "qassem-soleimani"),
        ("Suleimani", "qassem-soleimani"),
        ("Qassim Suleimani", "qassem-soleimani"),
        ("soleimany", "qassem-soleimani"),  # a typo
        ("Kataib Hezbollah", "kataib-hezbollah"),
        ("Kata'ib Hizballah", "kataib-hezbollah"),
        ("Hizballah", "kataib-hezbollah"),
        ("PMU", "pmf"),
        ("hashd al shaabi", "pmf"),
        ("Tehran", "iran"),
    ],
)
def test_actor_search_is_tolerant_of_spelling_variants(client, kb, query, slug):
    found, _ = groups(client, query)
    assert found["actors"].hits[0].obj.slug == slug


def test_actor_hit_shows_the_alias_that_matched(client, kb):
    found, _ = groups(client, "Suleimani")
    assert "<mark>Suleimani</mark>" in found["actors"].hits[0].snippet


def test_unrelated_names_do_not_match(client, kb):
    found, _ = groups(client, "Salman")
    assert found["actors"].hits == []


def test_article_search_shows_the_matching_text(client, kb):
    found, response = groups(client, "stalled")
    assert [h.obj for h in found["articles"].hits] == [kb["tikrit"]]
    assert "<mark>stalled</mark>" in found["articles"].hits[0].snippet
    assert "<mark>stalled</mark>" in response.content.decode()


def test_event_and_claim_search(client, kb):
    found, _ = groups(client, "agreement")
    assert {h.obj.pk for h in found["events"].hits} == {kb["kurdistan"].pk, kb["security_deal"].pk}
    found, _ = groups(client, "inciting unrest")
    assert [h.obj for h in found["claims"].hits] == [kb["claim_iran"]]


def test_results_are_grouped_by_type(client, kb):
    found, response = groups(client, "Iran")
    assert list(found) == ["actors", "articles", "events", "claims"]
    html = response.content.decode()
    assert html.index('id="results-actors"') < html.index('id="results-articles"')


def test_one_type_pages_on(client, kb):
    found, response = groups(client, "Iran", type="articles", page_size=1)
    assert list(found) == ["articles"] and len(found["articles"].hits) == 1
    assert response.context["page"]["has_next"]
    found, _ = groups(client, "Iran", type="articles", page_size=1, page=2)
    assert len(found["articles"].hits) == 1


def test_snippets_escape_article_text(client, db):
    make_article("<img src=x onerror=alert(1)> a missile strike on the base", title="<i>Strike</i>")
    _, response = groups(client, "missile")
    html = response.content.decode()
    assert "<img src=x" not in html and "<mark>missile</mark>" in html
    assert "<i>Strike</i>" not in html and "&lt;i&gt;Strike&lt;/i&gt;" in html


def test_empty_and_punctuation_queries_find_nothing(client, kb):
    assert groups(client, "")[0] == {}
    found, _ = groups(client, "!!! ???")
    assert all(not g.hits for g in found.values())


def test_long_queries_are_bounded(client, kb):
    _, response = groups(client, "iran " * 500)
    assert len(response.context["q"]) <= 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_postgres_search_stems_and_ranks(client, kb):
    found, _ = groups(client, "agreements")  # stemmed to "agreement"
    assert found["events"].total == 2
    found, _ = groups(client, "border agreement")
    # the title match ranks above the body-only one
    assert found["articles"].hits[0].obj == kb["border"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL GIN indexes")
def test_postgres_search_uses_the_gin_index(db):
    from django.contrib.postgres.search import SearchQuery

    from articles.models import Article
    from kb.search import ARTICLE_VECTOR

    for i in range(50):
        make_article(f"Filler article {i} about oil prices and elections.")
    make_article("A drone strike near Baghdad airport.")
    # On a table this small the planner may prefer any scan; take away the ones that do
    # not use a text index (GIN is read through a bitmap scan) to see that the expression
    # the search runs matches the index's.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        qs = (
            Article.objects.annotate(search=ARTICLE_VECTOR)
            .filter(search=SearchQuery("drone", search_type="websearch", config="english"))
            .order_by()
        )
        plan = qs.explain()
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    assert "article_search_gin" in plan


def test_skeleton_and_name_score():
    assert skeleton("soleimani") == skeleton("suleimani") == skeleton("suleiman") == "slmn"
    assert skeleton("hezbollah") == skeleton("hizballah")
    assert name_score("kataib hizballah", "kataib hezbollah") >= 85
    assert name_score("iran", "iraq") == 0
    assert name_score("salman", "qassem soleimani") == 0


def test_snippet_marks_words_around_the_first_match():
    text = "a " * 200 + "the Quds Force launched attacks " + "b " * 200
    result = snippet(text, ["quds"])
    assert "<mark>Quds</mark>" in result and result.startswith("… ") and result.endswith(" …")
