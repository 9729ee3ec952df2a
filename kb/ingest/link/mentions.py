"""The link step: known actors and places in a clean document, and candidate actors."""

from __future__ import annotations

from dataclasses import dataclass, field

from actors.names import fold
from kb.ingest.catalog import Catalog
from kb.ingest.link.candidates import find_candidates
from kb.ingest.link.matcher import ActorMatcher, PlaceMatcher
from kb.ingest.types import CandidateProposal, CleanDocument, MentionProposal, PlaceMention


@dataclass(frozen=True)
class Matchers:
    """Actor and place automata, built once per catalog and shared by a batch of files."""

    actors: ActorMatcher
    places: PlaceMatcher

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Matchers:
        """Build both automata from ``catalog``."""
        return cls(ActorMatcher.from_catalog(catalog), PlaceMatcher.from_catalog(catalog))


@dataclass
class Links:
    """What the link step found in a document's body."""

    mentions: list[MentionProposal] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    candidates: list[CandidateProposal] = field(default_factory=list)


def link_mentions(doc: CleanDocument, matchers: Matchers) -> Links:
    """Actor mentions, place mentions (not where a metonym names an actor) and candidates."""
    folded = fold(doc.body)
    mentions = matchers.actors.find(doc.body, folded)
    metonyms = [(m.start, m.end) for m in mentions if m.metonym]
    places = matchers.places.find(doc.body, folded, exclude=metonyms)
    candidates = find_candidates(doc.body, mentions, places, skip=doc.notes)
    return Links(mentions, places, candidates)
