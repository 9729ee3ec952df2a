"""Search: one box across actors, articles, events and claims."""

import pytest
from django.db import connection

from actors.names import name_score, skeleton
from kb.search import snippet
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


def gin_plan(qs) -> str:
    """EXPLAIN of `qs` with only bitmap scans allowed, which is how a GIN index is read.

    On a table this small the planner may prefer any scan; taking away the ones that cannot
    use a text index shows whether the condition the search runs matches the index.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        try:
            return qs.explain()
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL GIN indexes")
def test_postgres_search_uses_the_stored_vector_index(db):
    from articles.models import Article
    from kb.core.fts import vector_match

    for i in range(50):
        make_article(f"Filler article {i} about oil prices and elections.")
    make_article("A drone strike near Baghdad airport.")
    plan = gin_plan(Article.objects.filter(vector_match("drone")).order_by())
    assert "Bitmap Index Scan on article_search_tsv_gin" in plan
    assert list(Article.objects.filter(vector_match("drones")).values_list("body", flat=True)) == [
        "A drone strike near Baghdad airport."
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_postgres_search_page_ranks_a_bounded_set_and_caps_the_count(client, db, monkeypatch):
    from kb import search

    monkeypatch.setattr(search, "RANK_CANDIDATES", 3)
    articles = [make_article(f"Report {i} on the pipeline attack.") for i in range(5)]
    found, response = groups(client, "pipeline", type="articles", page_size=2)
    group = found["articles"]
    assert group.total == 3 and str(group.total) == "3+"
    assert "3+" in response.content.decode()
    # only the newest four (three and one to tell there are more) are ranked; paging stops
    # after three
    newest = {a.pk for a in articles[-4:]}
    assert {h.obj.pk for h in group.hits} <= newest
    found, _ = groups(client, "pipeline", type="articles", page_size=2, page=2)
    assert [h.obj.pk for h in found["articles"].hits][0] in newest
    assert len(found["articles"].hits) == 1
    assert not groups(client, "pipeline", type="articles", page_size=2, page=3)[0]["articles"].hits


def test_at_least_renders_with_a_plus():
    from kb.search import AtLeast

    n = AtLeast(200)
    assert n == 200 and n + 1 == 201 and str(n) == "200+" and f"{n}" == "200+"


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
