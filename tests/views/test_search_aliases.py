"""Search follows the actors a query names to their articles, events and claims (issue 15)."""

import pytest

from actors.lookup import named_actors
from actors.services import actor_counts_refresh
from tests.factories import (
    make_actor,
    make_article,
    make_claim,
    make_event,
    make_mention,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pmf():
    """An actor named in two articles by two names, none of them the alias searched for."""
    actor = make_actor(
        "Popular Mobilization Forces", aliases=("Hashd", "PMF", "al-Hashd al-Shaabi")
    )
    first = make_article("The Popular Mobilization Forces took the town.", title="Town taken")
    second = make_article("PMF units moved north.", title="Units north")
    make_mention(first, actor, "Popular Mobilization Forces")
    make_mention(second, actor, "PMF")
    claim = make_claim(second, "PMF units moved north.", claimant=actor)
    event = make_event("Offensive in the north", participants=[(actor, "perpetrator")])
    make_article("Elsewhere, nothing about them.", title="Unrelated")
    actor_counts_refresh(actor_ids=[actor.pk])
    actor.refresh_from_db()
    return {"actor": actor, "articles": {first, second}, "claim": claim, "event": event}


def search(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    return {g.key: g for g in response.context["groups"]}, response


@pytest.mark.parametrize(
    "alias", ["Hashd", "hashd", "PMF", "al-Hashd al-Shaabi", "Hashd al Shaabi"]
)
def test_an_alias_finds_the_actors_articles_events_and_claims(client, pmf, alias):
    found, response = search(client, alias)
    assert {h.obj for h in found["articles"].hits} == pmf["articles"]
    assert [h.obj for h in found["events"].hits] == [pmf["event"]]
    assert [h.obj for h in found["claims"].hits] == [pmf["claim"]]
    for key in ("articles", "events", "claims"):
        assert all("→ Popular Mobilization Forces" in h.via for h in found[key].hits)
    # the count is the actor page's
    page = client.get(pmf["actor"].get_absolute_url())
    assert found["articles"].total == page.context["article_total"] == 2
    (named,) = response.context["named"]
    assert (named.articles, named.events, named.claims) == (2, 1, 1)
    assert "via alias “" in response.content.decode()


def test_one_type_page_follows_the_alias_too(client, pmf):
    found, _ = search(client, "Hashd", type="articles")
    assert {h.obj for h in found["articles"].hits} == pmf["articles"]


def test_text_matches_come_first_and_are_not_marked(client, pmf):
    other = make_article("A Hashd convoy, said a witness.", title="Convoy")
    found, _ = search(client, "Hashd")
    hits = found["articles"].hits
    assert hits[0].obj == other and hits[0].via == ""
    assert {h.obj for h in hits[1:]} == pmf["articles"] and found["articles"].total == 3


def test_a_word_inside_a_longer_name_names_no_actor(client, pmf):
    make_actor("Quds Force", aliases=("Qods Force",))
    found, response = search(client, "Force")
    assert response.context["named"] == []
    assert not any(h.via for g in found.values() for h in g.hits)
    assert found["claims"].hits == []


def test_rejected_rows_stay_out(client, pmf):
    pmf["event"].status = "rejected"
    pmf["event"].save()
    found, response = search(client, "PMF")
    assert found["events"].hits == [] and response.context["named"][0].events == 0


def test_a_query_matching_many_actors_equally_names_none():
    matches = {pk: (100.0, "Ministry") for pk in range(1, 5)}
    assert named_actors("Ministry", matches) == {}
    assert named_actors("Ministry", dict(list(matches.items())[:3])) == {
        1: "Ministry",
        2: "Ministry",
        3: "Ministry",
    }
