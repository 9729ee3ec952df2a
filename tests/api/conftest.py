"""Fixtures for the API tests: clients and a small, fully linked knowledge base."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actors.models import Actor, Relationship
from actors.services import actor_counts_refresh
from articles.models import Article, Claim, ClaimLink
from events.models import Event, Place
from kb.core.roles import ANALYST, EDITOR
from tests.factories import (
    make_actor,
    make_article,
    make_claim,
    make_event,
    make_mention,
    make_place,
    make_relationship,
    make_source,
    make_user,
)


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def staff_user(db):
    """An Editor: staff, and allowed to verify records (kb.core.roles)."""
    return make_user("editor", role=EDITOR, password="pw-editor-1")


@pytest.fixture
def analyst_client(db) -> APIClient:
    """A staff Analyst: writes, but neither verifies nor deletes verified records."""
    client = APIClient()
    token = Token.objects.create(user=make_user("analyst", role=ANALYST))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def staff_client(staff_user) -> APIClient:
    """A staff client authenticated by token (no CSRF involved)."""
    client = APIClient()
    token = Token.objects.create(user=staff_user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@dataclass
class KB:
    irgc: Actor
    quds: Actor
    kh: Actor
    us: Actor
    article: Article
    other_article: Article
    claim: Claim
    denial: Claim
    event: Event
    place: Place
    relationship: Relationship


@pytest.fixture
def kb(db) -> KB:
    """Two articles, four actors, two linked claims, an event at a place, two relationships."""
    irgc = make_actor(
        "IRGC", slug="irgc", kind="government_body", country="IR", aliases=("Sepah", "Pasdaran")
    )
    quds = make_actor(
        "Quds Force",
        slug="quds-force",
        kind="government_body",
        country="IR",
        parent=irgc,
        aliases=("Qods Force",),
    )
    kh = make_actor(
        "Kataib Hezbollah",
        slug="kataib-hezbollah",
        kind="armed_group",
        country="IQ",
        aliases=("Kata'ib Hizballah", "KH"),
    )
    us = make_actor(
        "United States",
        slug="united-states",
        kind="state",
        country="US",
        aliases=("US", "Washington"),
    )
    source = make_source("Reuters")
    body = (
        "The Quds Force backed Kataib Hezbollah, the United States said on Tuesday. "
        "Kataib Hezbollah denied any role in the attack."
    )
    article = make_article(
        body,
        title="US blames Quds Force",
        source=source,
        author="A. Writer",
        published="2019-12-31",
        url="https://example.org/a",
    )
    other_article = make_article(
        "IRGC commanders met in Tehran.", title="IRGC meeting", published="2020-03"
    )
    for actor in (quds, kh, us):
        make_mention(article, actor)
    make_mention(other_article, irgc)
    claim = make_claim(
        article,
        "The Quds Force backed Kataib Hezbollah",
        claimant=us,
        claimant_text="the United States",
        kind="accusation",
        credibility=2,
    )
    claim.subjects.add(quds, kh)
    denial = make_claim(
        article,
        "Kataib Hezbollah denied any role in the attack",
        claimant=kh,
        kind="denial",
        credibility=4,
    )
    denial.subjects.add(kh)
    ClaimLink.objects.create(from_claim=denial, to_claim=claim, kind="contradicts")
    place = make_place(
        "Baghdad",
        slug="baghdad",
        kind="city",
        country="IQ",
        latitude=33.3152,
        longitude=44.3661,
        aliases=["Bagdad"],
    )
    event = make_event(
        "Strike on Kataib Hezbollah",
        kind="air_strike",
        date="2019-12-29",
        date_text="on Sunday",
        place=place,
        fatalities=25,
        participants=[(us, "perpetrator"), (kh, "target")],
        sources=[(article, "the United States said on Tuesday")],
    )
    claim.event = event
    claim.save()
    relationship = make_relationship(quds, kh, "backed_by", start="2007")
    relationship.evidence_articles.add(article)
    make_relationship(quds, irgc, "part_of")
    actor_counts_refresh()  # factories write mentions directly, as an ingest batch would
    return KB(irgc, quds, kh, us, article, other_article, claim, denial, event, place, relationship)
