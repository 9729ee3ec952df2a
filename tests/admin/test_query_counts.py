"""Every admin changelist and change form costs the same number of queries at 1 and 6 rows.

Each case renders the page once with a small data set, counts its queries, adds rows
(with every relation filled in, so a missing select_related would show), and renders it
again under django_assert_num_queries with the first count.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Alias
from articles.models import ClaimLink
from events.models import EventSource, Participant
from tests.factories import (
    make_actor,
    make_article,
    make_claim,
    make_event,
    make_mention,
    make_place,
    make_relationship,
    make_source,
)

pytestmark = pytest.mark.django_db

BODY = "Kataib Hezbollah said the strike in Baghdad killed two. Iran denied any role in it."


def _claim(**fields):
    article = make_article(BODY, source=make_source())
    fields.setdefault("claimant", make_actor())
    fields.setdefault("claimant_text", "a spokesman")
    fields.setdefault("event", make_event())
    return make_claim(article, "the strike in Baghdad killed two", **fields)


def _event_with_relations():
    article = make_article(BODY, source=make_source())
    return make_event(
        place=make_place(),
        participants=[(make_actor(), "perpetrator")],
        sources=[(article, "the strike in Baghdad killed two")],
    )


def _mention():
    actor = make_actor("Kataib Hezbollah")
    return make_mention(make_article(BODY), actor)


def _participant():
    return Participant.objects.create(event=make_event(), actor=make_actor(), role="target")


def _eventsource():
    article = make_article(BODY)
    return EventSource.objects.create(
        event=make_event(), article=article, start=0, end=16, quote=BODY[:16]
    )


def _claimlink():
    return ClaimLink.objects.create(from_claim=_claim(), to_claim=_claim(), kind="contradicts")


def _mergerecord():
    from actors.services import actor_merge

    return actor_merge(keep=make_actor(), merge=make_actor(aliases=("x",)))


CHANGELISTS = {
    "actors_actor": lambda: make_actor(parent=make_actor(), aliases=("a", "b")),
    "actors_alias": lambda: Alias.objects.create(
        actor=make_actor(), text="alias", normalized="alias"
    ),
    "actors_relationship": lambda: make_relationship(make_actor(), make_actor()),
    "articles_source": make_source,
    "articles_article": lambda: make_article(source=make_source()),
    "articles_mention": _mention,
    "articles_claim": _claim,
    "articles_claimlink": _claimlink,
    "events_event": _event_with_relations,
    "events_participant": _participant,
    "events_eventsource": _eventsource,
    "events_place": make_place,
    "kb_mergerecord": _mergerecord,
}


def _assert_flat(client, url, grow, django_assert_num_queries):
    client.get(url)  # warm per-process caches (content types, permissions) first
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    grow()
    with django_assert_num_queries(len(small)):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("name", sorted(CHANGELISTS))
def test_changelist_queries_do_not_grow_with_rows(admin_client, django_assert_num_queries, name):
    make = CHANGELISTS[name]
    rows = [make()]
    url = reverse(f"admin:{name}_changelist")

    def grow():
        rows.extend(make() for _ in range(5))

    response = _assert_flat(admin_client, url, grow, django_assert_num_queries)
    # The page lists every row (all are proposed, so the review-queue default shows them).
    cl = response.context["cl"]
    assert cl.result_count == cl.model._default_manager.count() >= len(rows)


def test_actor_change_form_queries_do_not_grow_with_aliases_and_relationships(
    admin_client, django_assert_num_queries
):
    actor = make_actor(parent=make_actor())
    make_relationship(actor, make_actor())
    Alias.objects.create(actor=actor, text="first", normalized="first")
    url = reverse("admin:actors_actor_change", args=[actor.pk])

    def grow():
        for i in range(5):
            Alias.objects.create(actor=actor, text=f"alias {i}", normalized=f"alias {i}")
            make_relationship(actor, make_actor(f"Target {i}"))

    response = _assert_flat(admin_client, url, grow, django_assert_num_queries)
    assert b"Target 4" in response.content and b"alias 4" in response.content


def test_article_change_form_queries_do_not_grow_with_mentions_and_claims(
    admin_client, django_assert_num_queries
):
    article = make_article(BODY * 8, source=make_source())
    actor = make_actor("Kataib Hezbollah")
    make_mention(article, actor)
    make_claim(article, "the strike in Baghdad killed two", claimant=make_actor())
    url = reverse("admin:articles_article_change", args=[article.pk])
    step = len(BODY)

    def grow():
        for i in range(1, 6):
            make_claim_at(article, i * step)
            from articles.models import Mention

            Mention.objects.create(
                article=article,
                actor=make_actor(),
                start=i * step,
                end=i * step + 16,
                text="Kataib Hezbollah",
            )

    def make_claim_at(article, offset):
        from articles.models import Claim

        Claim.objects.create(
            article=article,
            text=BODY,
            quote="Iran denied any role",
            start=offset + 56,
            end=offset + 76,
            sentence_start=offset,
            sentence_end=offset + len(BODY),
            claimant=make_actor(),
        )

    response = _assert_flat(admin_client, url, grow, django_assert_num_queries)
    assert response.content.count(b'class="mention-sample"') == 1
    assert article.claims.count() == 6


def test_article_change_form_shows_a_bounded_sample_of_mentions(admin_client):
    from articles.admin import MENTION_SAMPLE
    from articles.models import Mention

    article = make_article("Iran " * (MENTION_SAMPLE + 10))
    actor = make_actor("Iran")
    Mention.objects.bulk_create(
        Mention(article=article, actor=actor, start=i * 5, end=i * 5 + 4, text="Iran")
        for i in range(MENTION_SAMPLE + 10)
    )
    response = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    page = response.content.decode()
    assert page.count("@") >= MENTION_SAMPLE
    assert f"all {MENTION_SAMPLE + 10} mentions" in page


def test_event_change_form_queries_do_not_grow_with_participants_and_sources(
    admin_client, django_assert_num_queries
):
    article = make_article(BODY)
    event = make_event(
        place=make_place(),
        participants=[(make_actor(), "target")],
        sources=[(article, "the strike in Baghdad killed two")],
    )
    url = reverse("admin:events_event_change", args=[event.pk])

    def grow():
        for i in range(5):
            Participant.objects.create(
                event=event, actor=make_actor(f"Participant {i}"), role="perpetrator"
            )
            EventSource.objects.create(
                event=event, article=make_article(BODY), start=0, end=16, quote=BODY[:16]
            )

    response = _assert_flat(admin_client, url, grow, django_assert_num_queries)
    assert b"Participant 4" in response.content


def test_claim_change_form_queries_do_not_grow_with_links(admin_client, django_assert_num_queries):
    claim = _claim()
    ClaimLink.objects.create(from_claim=claim, to_claim=_claim(), kind="supports")
    ClaimLink.objects.create(from_claim=_claim(), to_claim=claim, kind="contradicts")
    url = reverse("admin:articles_claim_change", args=[claim.pk])

    def grow():
        for _ in range(5):
            ClaimLink.objects.create(from_claim=claim, to_claim=_claim(), kind="supports")
            ClaimLink.objects.create(from_claim=_claim(), to_claim=claim, kind="contradicts")

    _assert_flat(admin_client, url, grow, django_assert_num_queries)


@pytest.mark.parametrize("name", sorted(set(CHANGELISTS) - {"kb_mergerecord"}))
def test_add_form_renders(admin_client, name):
    response = admin_client.get(reverse(f"admin:{name}_add"))
    assert response.status_code == 200
    assert b"<form" in response.content
