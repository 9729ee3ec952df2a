"""fixtures/demo.json gives the same knowledge base as ingest_seeds."""

from io import StringIO

import pytest
from django.core.management import call_command

from actors.models import Actor, Alias, Relationship
from articles.models import Article, Claim, ClaimLink, Mention, Source
from events.models import Event, EventSource, Participant, Place

pytestmark = pytest.mark.django_db

MODELS = [
    ClaimLink,
    EventSource,
    Participant,
    Mention,
    Claim,
    Event,
    Relationship,
    Alias,
    Article,
    Source,
    Actor,
    Place,
]


def snapshot() -> dict[str, set]:
    """The knowledge base by natural keys (primary keys differ between the two routes)."""
    return {
        "actors": set(Actor.objects.values_list("slug", "name", "kind", "status", "parent__slug")),
        "aliases": set(Alias.objects.values_list("actor__slug", "text")),
        "relationships": set(
            Relationship.objects.values_list("source__slug", "target__slug", "kind")
        ),
        "places": set(Place.objects.values_list("slug", "latitude", "longitude")),
        "articles": set(
            Article.objects.values_list("content_hash", "title", "published", "origin")
        ),
        "mentions": set(
            Mention.objects.values_list("article__origin", "actor__slug", "start", "end")
        ),
        "claims": set(
            Claim.objects.values_list(
                "article__origin", "start", "end", "claimant__slug", "kind", "event__title"
            )
        ),
        "claim_links": set(
            ClaimLink.objects.values_list("from_claim__start", "to_claim__start", "kind")
        ),
        "events": set(Event.objects.values_list("title", "kind", "date", "place__slug")),
        "participants": set(Participant.objects.values_list("event__title", "actor__slug", "role")),
        "event_sources": set(
            EventSource.objects.values_list("event__title", "article__origin", "start", "end")
        ),
    }


def test_loaddata_demo_matches_ingest_seeds():
    call_command("loaddata", "demo", verbosity=0)
    from_fixture = snapshot()
    assert from_fixture["articles"], "the demo fixture is empty"
    for model in MODELS:
        model.objects.all().delete()

    call_command("ingest_seeds", stdout=StringIO())
    from_ingest = snapshot()

    for key in from_ingest:
        assert from_fixture[key] == from_ingest[key], (
            f"demo fixture differs from ingest_seeds in {key}: run `make demo-fixture`"
        )
