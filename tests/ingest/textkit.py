"""A small catalog and hand-made documents for unit tests of claims and events (no database)."""

from __future__ import annotations

import re

from kb.core.edtf import PartialDate
from kb.ingest.catalog import Catalog, CatalogActor, CatalogPlace, CatalogRelationship
from kb.ingest.text.sentences import split_sentences
from kb.ingest.types import CleanDocument, MentionProposal, PlaceMention

CATALOG = Catalog(
    actors=[
        CatalogActor("iran", "Iran", "state", metonyms=("Tehran",)),
        CatalogActor("iraq", "Iraq", "state"),
        CatalogActor("united-states", "United States", "state", aliases=("U.S.", "US"), metonyms=("Washington",)),
        CatalogActor("israel", "Israel", "state"),
        CatalogActor("us-state-department", "US State Department", "government_body", aliases=("State Department",)),
        CatalogActor("us-department-of-defense", "US Department of Defense", "government_body", aliases=("Defense Department",), metonyms=("Pentagon", "the Pentagon")),
        CatalogActor("iraqi-government", "Iraqi government", "government_body", aliases=("Maliki government",)),
        CatalogActor("kataib-hezbollah", "Kataib Hezbollah", "armed_group"),
        CatalogActor("irgc", "Islamic Revolutionary Guard Corps", "armed_group", aliases=("IRGC",)),
        CatalogActor("islamic-state", "Islamic State", "armed_group", aliases=("ISIS",)),
        CatalogActor("mek", "People's Mojahedin Organization of Iran", "political_party", aliases=("MEK",)),
        CatalogActor("reuters", "Reuters", "media"),
        CatalogActor("joe-biden", "Joe Biden", "person", aliases=("Biden",)),
        CatalogActor("nouri-al-maliki", "Nouri al-Maliki", "person", aliases=("Maliki",)),
        CatalogActor("javad-zarif", "Mohammad Javad Zarif", "person", aliases=("Javad Zarif", "Zarif")),
    ],
    places=[
        CatalogPlace("baghdad", "Baghdad", kind="city"),
        CatalogPlace("tikrit", "Tikrit", kind="city"),
        CatalogPlace("erbil", "Erbil", kind="city"),
        CatalogPlace("iraq", "Iraq", kind="country"),
    ],
    relationships=[CatalogRelationship("nouri-al-maliki", "iraqi-government", "leads")],
)  # fmt: skip


def _names() -> list[tuple[str, str, bool]]:
    names = []
    for actor in CATALOG.actors:
        names += [(n, actor.key, False) for n in (actor.name, *actor.aliases)]
        names += [(n, actor.key, True) for n in actor.metonyms]
    return sorted(names, key=lambda n: -len(n[0]))


def find_mentions(body: str) -> list[MentionProposal]:
    """Every catalog name in ``body``, longest first, word-bounded, without overlaps."""
    found: list[MentionProposal] = []
    for name, key, metonym in _names():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", body):
            if not any(f.start < m.end() and m.start() < f.end for f in found):
                found.append(MentionProposal(key, m.start(), m.end(), name, metonym=metonym))
    return sorted(found, key=lambda m: m.start)


def find_places(body: str, mentions: list[MentionProposal]) -> list[PlaceMention]:
    """Catalog places in ``body`` outside metonym mentions."""
    out = []
    for place in CATALOG.places:
        for m in re.finditer(rf"\b{re.escape(place.name)}\b", body):
            if not any(x.metonym and x.start <= m.start() < x.end for x in mentions):
                out.append(PlaceMention(place.key, m.start(), m.end(), place.name))
    return sorted(out, key=lambda p: p.start)


def make_doc(text: str, published: PartialDate | None = None):
    """A cleaned document with its sentences and mentions: paragraphs are blank-line separated."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]
    doc = CleanDocument(body=text, paragraphs=paragraphs, published=published)
    sentences = split_sentences(text, paragraphs)
    return doc, sentences, find_mentions(text)


def quote(body: str, claim) -> str:
    """The asserted content of a claim, as text."""
    return body[claim.start : claim.end]
