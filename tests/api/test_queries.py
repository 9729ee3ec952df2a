"""Every list endpoint runs the same number of queries whatever the page size."""

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor, Alias, Relationship
from articles.models import Article, Claim, ClaimLink, Mention
from events.models import Event, EventSource, Participant, Place

pytestmark = pytest.mark.django_db

ROWS = 110


@pytest.fixture
def many(db):
    """ROWS of every listed model, each with the relations its list shows."""
    actors = Actor.objects.bulk_create(
        Actor(name=f"Actor {i}", slug=f"actor-{i}", kind="armed_group", status="verified")
        for i in range(ROWS)
    )
    Alias.objects.bulk_create(
        Alias(actor=a, text=f"{a.name} {suffix}", normalized=f"actor {suffix}")
        for a in actors
        for suffix in ("x", "y")
    )
    Relationship.objects.bulk_create(
        Relationship(source=actors[i], target=actors[(i + 1) % ROWS], kind="allied_with")
        for i in range(ROWS)
    )
    places = Place.objects.bulk_create(
        Place(name=f"Place {i}", slug=f"place-{i}", latitude=33.0, longitude=44.0)
        for i in range(ROWS)
    )
    body = "Actor one met Actor two and said things."
    articles = Article.objects.bulk_create(
        Article(
            title=f"A {i}",
            body=body,
            content_hash=hashlib.sha256(str(i).encode()).hexdigest(),
            published="2020",
        )
        for i in range(ROWS)
    )
    Mention.objects.bulk_create(
        Mention(article=art, actor=actors[(i + k) % ROWS], start=k, end=k + 5, text="Actor")
        for i, art in enumerate(articles)
        for k in (0, 1)
    )
    claims = Claim.objects.bulk_create(
        Claim(
            article=art,
            text=body,
            quote=body,
            start=0,
            end=len(body),
            sentence_start=0,
            sentence_end=len(body),
            claimant=actors[i],
            claimant_text=actors[i].name,  # as ingest writes it; searched on every backend
        )
        for i, art in enumerate(articles)
    )
    Claim.subjects.through.objects.bulk_create(
        Claim.subjects.through(claim=c, actor=actors[(i + 1) % ROWS]) for i, c in enumerate(claims)
    )
    ClaimLink.objects.bulk_create(
        ClaimLink(from_claim=claims[i], to_claim=claims[(i + 1) % ROWS], kind="supports")
        for i in range(ROWS)
    )
    events = Event.objects.bulk_create(
        Event(title=f"E {i}", date="2020", place=places[i]) for i in range(ROWS)
    )
    Participant.objects.bulk_create(
        Participant(event=e, actor=actors[(i + k) % ROWS], role="participant")
        for i, e in enumerate(events)
        for k in (0, 1)
    )
    EventSource.objects.bulk_create(
        EventSource(event=e, article=articles[i], start=0, end=5, quote="Actor")
        for i, e in enumerate(events)
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        # COUNT (capped), the page (source joined, counts as subqueries).
        ("articles", 2),
        # COUNT, the page (parent joined), aliases.
        ("actors", 3),
        # COUNT, the page (claimant joined), claimant aliases, subjects, subject aliases, links.
        ("claims", 6),
        # COUNT, the page (place joined), participants (actors joined), their aliases, sources.
        ("events", 5),
        # COUNT, the page.
        ("places", 2),
        # COUNT, the page (source and target joined), evidence articles, evidence claims.
        ("relationships", 4),
    ],
)
def test_list_queries_do_not_grow_with_page_size(api_client, many, endpoint, expected):
    small = count_queries(api_client, f"/api/v1/{endpoint}/?page_size=10")
    large = count_queries(api_client, f"/api/v1/{endpoint}/?page_size=100")
    assert small == large == expected


@pytest.mark.parametrize("endpoint", ["articles", "actors", "claims", "events"])
def test_csv_export_queries_do_not_grow_with_rows(api_client, many, endpoint):
    # One batch of CHUNK rows: the page query and the list's prefetches, no COUNT.
    few = count_queries(api_client, f"/api/v1/{endpoint}/csv/?search=1")
    every = count_queries(api_client, f"/api/v1/{endpoint}/csv/")
    assert few == every


def test_actor_detail_queries_do_not_grow_with_relationships(api_client, many):
    actor = Actor.objects.first()
    # The actor (aliases, counts annotated), aliases, the relationships (both ends joined),
    # source aliases, target aliases.
    assert count_queries(api_client, f"/api/v1/actors/{actor.pk}/") == 5
    for other in Actor.objects.exclude(pk=actor.pk)[:20]:
        Relationship.objects.create(source=actor, target=other, kind="opposed_to")
    assert count_queries(api_client, f"/api/v1/actors/{actor.pk}/") == 5


def test_actor_detail_embeds_a_bounded_page_of_relationships(api_client, many):
    from actors.serializers import RELATIONSHIPS_SHOWN

    actor = Actor.objects.first()
    for other in Actor.objects.exclude(pk=actor.pk)[: RELATIONSHIPS_SHOWN + 10]:
        Relationship.objects.create(source=other, target=actor, kind="backed_by")
    total = Relationship.objects.filter(source=actor).count() + actor.relationships_in.count()
    assert total > RELATIONSHIPS_SHOWN
    body = api_client.get(f"/api/v1/actors/{actor.pk}/").json()
    assert body["relationship_count"] == total
    assert len(body["relationships"]) == RELATIONSHIPS_SHOWN
    # The embedded rows are the first page of relationships_url, which lists them all.
    listed = api_client.get(body["relationships_url"]).json()
    assert listed["count"] == total
    assert [r["id"] for r in listed["results"]] == [r["id"] for r in body["relationships"]]


def test_article_detail_queries_do_not_grow_with_mentions(api_client, many):
    article = Article.objects.first()
    # The article (counts annotated), mentions (actors joined), their aliases.
    assert count_queries(api_client, f"/api/v1/articles/{article.pk}/") == 3
