"""Searching any alias of an actor finds its articles, events and claims, marked "via …", with
the counts its page shows (issue 15: "Hashd" found one article, the PMF page said two)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.db.models import Q

from actors.models import Actor
from articles.models import Claim

pytestmark = pytest.mark.browser

# Five actors of the demo with articles, events or claims and aliases no other actor has.
SLUGS = [
    "qasem-soleimani",
    "irgc-quds-force",
    "us-department-of-defense",
    "mahsa-amini",
    "joseph-votel",
]


def _profile(page, base: str, actor: Actor) -> dict:
    """What the actor's page shows: its article links and counts."""
    page.goto(base + actor.get_absolute_url())
    return {
        "articles": int(page.locator("#articles h2 .count").inner_text()),
        "events": int(page.locator("#events h2 .count").inner_text()),
        "article_urls": set(
            page.eval_on_selector_all(
                "#articles .article-list > li > a", "els => els.map(a => a.getAttribute('href'))"
            )
        ),
    }


def test_every_alias_of_five_actors_finds_their_articles(live_server, page, shot, demo_kb):
    searched = 0
    for slug in SLUGS:
        actor = Actor.objects.prefetch_related("aliases").get(slug=slug)
        profile = _profile(page, live_server.url, actor)
        claims = Claim.objects.visible().filter(Q(claimant=actor) | Q(subjects=actor)).distinct()
        expected = (
            f"{profile['articles']} article{'s' if profile['articles'] != 1 else ''} · "
            f"{profile['events']} event{'s' if profile['events'] != 1 else ''} · "
            f"{claims.count()} claim{'s' if claims.count() != 1 else ''}"
        )
        assert profile["article_urls"], slug
        for alias in sorted({a.text for a in actor.aliases.all()} | {actor.name}):
            page.goto(f"{live_server.url}/search/?q={quote(alias)}")
            named = page.locator(".named-actors li", has_text=actor.name)
            assert named.count() == 1, f"{alias!r} does not name {actor.name}"
            assert named.locator(".named-counts").inner_text() == expected, alias
            articles = page.locator("#results-articles")
            shown = set(
                articles.locator(".hit-title").evaluate_all(
                    "els => els.map(a => a.getAttribute('href'))"
                )
            )
            assert profile["article_urls"] <= shown, f"{alias!r} misses articles of {slug}"
            via = articles.locator(".hit .via").all_inner_texts()
            assert len(via) >= len(profile["article_urls"])
            assert all(
                re.fullmatch(r"via (alias “.+” → )?" + re.escape(actor.name), v) for v in via
            )
            searched += 1
    assert searched >= 5 * 5
    page.goto(f"{live_server.url}/search/?q=Hashd")
    shot(page, "search-alias-hashd")
