"""The link step: known actors and places in a clean document, and candidate actors."""

from __future__ import annotations

from dataclasses import dataclass, field

from actors.names import fold
from kb.ingest.catalog import Catalog
from kb.ingest.link.candidates import find_candidates
from kb.ingest.link.matcher import ActorMatcher, PlaceMatcher
from kb.ingest.link.speakers import speaker_turns
from kb.ingest.link.variants import SpellingIndex, longest_match, map_candidates
from kb.ingest.types import CandidateProposal, CleanDocument, MentionProposal, PlaceMention


@dataclass(frozen=True)
class Matchers:
    """Actor and place automata, built once per catalog and shared by a batch of files."""

    actors: ActorMatcher
    places: PlaceMatcher
    spellings: SpellingIndex

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Matchers:
        """Build both automata and the spelling index from ``catalog``."""
        return cls(
            ActorMatcher.from_catalog(catalog),
            PlaceMatcher.from_catalog(catalog),
            SpellingIndex.from_catalog(catalog),
        )


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
    mentions = longest_match(doc.body, mentions, places, matchers.spellings)
    skip = list(doc.notes)
    if doc.dateline and doc.body.startswith(doc.dateline):
        skip.append((0, len(doc.dateline)))  # "TAMPA, Fla. –" is a place line, not a name
    candidates = find_candidates(doc.body, mentions, places, skip=skip)
    mentions, candidates = map_candidates(doc.body, candidates, mentions, matchers.spellings)
    _add_speakers(doc, matchers, mentions, candidates)
    return Links(mentions, places, candidates)


# (confidence, rule) of a speaker named by a transcript's label ("MAJOR GENERAL PAT RYDER:")
SPEAKER_RULE = (0.75, "speaker_label")  # 2 of 2 speakers named by the dev gold: 3/4


def _add_speakers(
    doc: CleanDocument,
    matchers: Matchers,
    mentions: list[MentionProposal],
    candidates: list[CandidateProposal],
) -> None:
    """A transcript's speakers: the catalog person the label names, or a candidate person."""
    body = doc.body
    for turn in speaker_turns(doc):
        (start, end), name = turn.name_span, turn.name
        if not name or any(m.start < end and start < m.end for m in mentions):
            continue
        key = matchers.spellings.named(name) or matchers.spellings.actor(name)
        if key:
            mentions.append(MentionProposal(key, start, end, body[start:end], False, *SPEAKER_RULE))
            continue
        same = next((c for c in candidates if c.name.casefold() == name.casefold()), None)
        if same is None:
            same = CandidateProposal(name, "person", [], *SPEAKER_RULE)
            candidates.append(same)
        if (start, end) not in same.spans:
            same.spans.append((start, end))
    mentions.sort(key=lambda m: (m.start, m.end))
    candidates.sort(key=lambda c: c.spans[0])
