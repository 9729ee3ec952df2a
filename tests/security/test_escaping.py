"""Article content may carry HTML or script; every page shows it escaped, never as markup."""

import pytest
from django.urls import reverse

from actors.models import Alias
from actors.services import actor_merge
from events.services import event_split
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

SCRIPT = '<script>alert("kb-xss")</script>'
IMG = '<img src=x onerror="alert(2)">'
PAYLOAD = SCRIPT + IMG
RAW_MARKERS = ("<script>alert(", "<img src=x onerror")


@pytest.fixture
def hostile():
    """Every text field a page may show, filled with markup."""
    actor = make_actor(
        f"Group {PAYLOAD}",
        slug="hostile-group",
        aliases=(f"alias {PAYLOAD}",),
        description=PAYLOAD,
        status="proposed",
    )
    twin = make_actor(f"Group {PAYLOAD} ", slug="hostile-twin", status="proposed")
    body = f"{actor.name} said {PAYLOAD} was fine. Others said {PAYLOAD} was not."
    article = make_article(
        body, title=f"Title {PAYLOAD}", author=PAYLOAD, source=make_source(f"Outlet {PAYLOAD}")
    )
    make_mention(article, actor)
    claim = make_claim(
        article,
        f"{PAYLOAD} was fine",
        claimant=actor,
        claimant_text=f"spokesman {PAYLOAD}",
        sentence_start=0,
        sentence_end=body.index(".") + 1,
    )
    other = make_claim(article, f"{PAYLOAD} was not")
    event = make_event(
        f"Event {PAYLOAD}",
        description=PAYLOAD,
        date="2020-01-03",
        place=make_place(f"Place {PAYLOAD}"),
        participants=[(actor, "perpetrator")],
        sources=[(article, f"{PAYLOAD} was fine")],
    )
    other.event = event
    other.save()
    return {
        "actor": actor,
        "twin": twin,
        "article": article,
        "claim": claim,
        "other": other,
        "event": event,
    }


def assert_escaped(response, *, shows_payload: bool = True) -> None:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    for marker in RAW_MARKERS:
        assert marker not in html, f"unescaped markup in {response.request['PATH_INFO']}"
    if shows_payload:
        assert "&lt;script&gt;alert(" in html, (
            f"payload not shown at all in {response.request['PATH_INFO']}"
        )


def admin_urls(k) -> list[str]:
    a, c, e, actor = k["article"], k["claim"], k["event"], k["actor"]
    return [
        reverse("admin:actors_actor_changelist"),
        reverse("admin:actors_actor_change", args=[actor.pk]),
        reverse("admin:actors_actor_history", args=[actor.pk]),
        reverse("admin:actors_alias_changelist"),
        reverse("admin:actors_actor_duplicates"),
        reverse("admin:actors_actor_merge") + f"?ids={actor.pk},{k['twin'].pk}",
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[a.pk]),
        reverse("admin:articles_article_history", args=[a.pk]),
        reverse("admin:articles_source_changelist"),
        reverse("admin:articles_mention_changelist"),
        reverse("admin:articles_claim_changelist"),
        reverse("admin:articles_claim_change", args=[c.pk]),
        reverse("admin:articles_claim_history", args=[c.pk]),
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_change", args=[e.pk]),
        reverse("admin:events_event_split", args=[e.pk]),
        reverse("admin:events_eventsource_changelist"),
        reverse("admin:events_participant_changelist"),
        reverse("admin:events_place_changelist"),
    ]


def test_admin_pages_escape_article_content(admin_client, hostile):
    for url in admin_urls(hostile):
        assert_escaped(admin_client.get(url))


def test_admin_messages_and_merge_log_escape_names(admin_client, hostile):
    record = actor_merge(keep=hostile["actor"], merge=hostile["twin"])
    assert_escaped(admin_client.get(reverse("admin:kb_mergerecord_changelist")))
    assert_escaped(admin_client.get(record.get_absolute_url()))
    split = event_split(event=hostile["event"], title=f"Split {PAYLOAD}", claims=[hostile["other"]])
    assert_escaped(admin_client.get(split.get_absolute_url()))
    # Messages that name records (merge done, undo links) are escaped too.
    response = admin_client.post(
        reverse("admin:kb_mergerecord_undo", args=[record.pk]), follow=True
    )
    assert_escaped(response)


def test_public_pages_escape_article_content(client, hostile):
    a, c, e, actor = hostile["article"], hostile["claim"], hostile["event"], hostile["actor"]
    pages = [
        reverse("home"),
        reverse("search") + "?q=Group",
        reverse("actors:list"),
        actor.get_absolute_url(),
        reverse("articles:list"),
        a.get_absolute_url(),
        reverse("articles:claims"),
        c.get_absolute_url(),
        reverse("events:list"),
        e.get_absolute_url(),
    ]
    for url in pages:
        assert_escaped(client.get(url))
    assert_escaped(client.get(reverse("events:timeline")), shows_payload=False)


def test_search_query_is_escaped_when_echoed(client, db):
    response = client.get(reverse("search"), {"q": PAYLOAD})
    assert_escaped(response)


def test_alias_with_markup_round_trips_escaped(admin_client, hostile):
    alias = Alias.objects.get(actor=hostile["actor"])
    response = admin_client.get(reverse("admin:actors_alias_change", args=[alias.pk]))
    assert_escaped(response)
