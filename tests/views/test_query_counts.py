"""Every list page runs a fixed number of queries, whatever the number of rows shown."""

import pytest
from django.db import connection

from tests.factories import (
    make_actor,
    make_article,
    make_claim,
    make_event,
    make_mention,
    make_place,
    make_source,
)

pytestmark = pytest.mark.django_db
SIZES = [2, 12]


@pytest.fixture
def many_rows():
    """12 of everything, each row with the relations its list shows."""
    source = make_source()
    place = make_place("Baghdad")
    parent = make_actor("Parent body")
    for i in range(12):
        actor = make_actor(
            f"Militia {i}", kind="armed_group", parent=parent, aliases=(f"M{i}", f"Mil {i}")
        )
        article = make_article(
            f"Militia {i} attacked a base near Baghdad.", source=source, published="2020-01"
        )
        make_mention(article, actor)
        claim = make_claim(
            article, f"Militia {i} attacked", claimant=actor, claimant_text=f"Militia {i}"
        )
        claim.subjects.add(actor, parent)
        make_event(
            f"Attack {i}",
            kind="attack",
            date=f"2020-{i % 12 + 1:02d}",
            place=place,
            participants=[(actor, "perpetrator"), (parent, "supporter")],
            sources=[(article, "attacked a base")],
        )


@pytest.mark.parametrize("size", SIZES)
def test_home_queries(client, django_assert_num_queries, many_rows, size):
    # 4 counts (after the tables' size estimates on PostgreSQL), latest events,
    # most-mentioned actors, recent articles
    with django_assert_num_queries(7 + (connection.vendor == "postgresql")):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_event_list_queries(client, django_assert_num_queries, many_rows, size):
    # actor and place suggestions, count, events (+place), participants (+actor)
    with django_assert_num_queries(5):
        response = client.get(f"/events/?page_size={size}")
    assert len(response.context["page"].object_list) == size


@pytest.mark.parametrize("size", SIZES)
def test_timeline_queries(client, django_assert_num_queries, many_rows, size):
    # actor and place suggestions, count, events: the timeline shows no place or participant,
    # so none are loaded (prefetching them cost more than drawing the page)
    with django_assert_num_queries(4):
        response = client.get(f"/events/timeline/?page_size={size}")
    assert len(response.context["page"].object_list) == size


@pytest.mark.parametrize("size", SIZES)
def test_actor_list_queries(client, django_assert_num_queries, many_rows, size):
    # kind counts, count, actors (+parent, counts), aliases
    with django_assert_num_queries(4):
        response = client.get(f"/actors/?page_size={size}")
    assert len(response.context["page"].object_list) == size


@pytest.mark.parametrize("size", SIZES)
def test_article_list_queries(client, django_assert_num_queries, many_rows, size):
    # actor suggestions, count, articles (+source, counts)
    with django_assert_num_queries(3):
        response = client.get(f"/articles/?page_size={size}")
    assert len(response.context["page"].object_list) == size


@pytest.mark.parametrize("size", SIZES)
def test_claim_list_queries(client, django_assert_num_queries, many_rows, size):
    # count, actor suggestions, claims (+article, claimant, event), subjects
    with django_assert_num_queries(4):
        response = client.get(f"/articles/claims/?page_size={size}")
    assert len(response.context["page"].object_list) == size


@pytest.mark.parametrize("size", SIZES)
def test_search_one_type_queries(client, django_assert_max_num_queries, many_rows, size):
    # actor aliases and names (does the query name an actor? here not); the ranked page;
    # PostgreSQL adds a count when the page is full
    with django_assert_max_num_queries(4):
        response = client.get(f"/search/?q=militia&type=articles&page_size={size}")
    assert len(response.context["groups"][0].hits) == size


def test_search_all_types_queries(client, django_assert_max_num_queries, many_rows):
    # actors: aliases, names, descriptions, in_bulk; then articles, events, claims with a
    # count each on PostgreSQL when the first five do not hold every match
    with django_assert_max_num_queries(10):
        response = client.get("/search/?q=militia")
    assert [g.total for g in response.context["groups"]] == [12, 12, 0, 12]


@pytest.mark.parametrize("size", SIZES)
def test_search_following_a_named_actor_queries(
    client, django_assert_max_num_queries, many_rows, size
):
    # "Parent body" names an actor: aliases, names, the actor; the claims it makes and those
    # it is the subject of; the ranked page (+ a count on PostgreSQL)
    with django_assert_max_num_queries(7):
        response = client.get(f"/search/?q=Parent+body&type=claims&page_size={size}")
    hits = response.context["groups"][0].hits
    assert len(hits) == size and all(h.via == "via Parent body" for h in hits)


def test_search_all_types_following_a_named_actor_queries(
    client, django_assert_max_num_queries, many_rows
):
    # names (3) and actors (2) as above; per type, the rows linked to the actor and the
    # ranked page (+ counts on PostgreSQL); the summary's event and claim counts
    with django_assert_max_num_queries(18):
        response = client.get("/search/?q=Parent+body")
    assert [g.total for g in response.context["groups"]] == [1, 0, 12, 12]
    (named,) = response.context["named"]
    assert (named.articles, named.events, named.claims) == (0, 12, 12)


def test_page_size_is_capped(client, many_rows):
    response = client.get("/events/?page_size=100000")
    assert response.context["page"].paginator.per_page == 100


def test_malformed_page_size_uses_default(client, many_rows):
    response = client.get("/events/?page_size=lots")
    assert response.context["page"].paginator.per_page == 25
