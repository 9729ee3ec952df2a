"""Plain data passed between the steps of the ingest pipeline: documents and proposals.

Every span is a pair of character offsets ``[start, end)`` into ``CleanDocument.body``,
the text that is stored as ``Article.body``. Actors and places are referred to by their
catalog key (the actor's or place's slug); the catalog itself is in kb.ingest.catalog.

Every proposal carries the ``rule`` that made it (a short name for the sentence shape:
``passive_by_agent``, ``according_to``) and how sure that rule is (``confidence``, 0–1);
store/ writes both, and the review queues list the least sure first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.core.edtf import PartialDate


class IngestError(Exception):
    """A file that cannot be ingested; the message is one clear line for the report."""


@dataclass
class RawDocument:
    """A file as read from disk, before cleaning."""

    text: str
    origin: str  # file name it came from
    format: str  # "text" | "markdown" | "html"
    # from a sidecar file, or embedded (HTML meta tags, Markdown front matter); the sidecar wins
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class CleanDocument:
    """An article's body with boilerplate removed, and what the cleaner found around it."""

    body: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    title: str = ""
    published: PartialDate | None = None
    published_text: str = ""
    author: str = ""
    source: str = ""
    url: str = ""
    language: str = "en"
    dateline: str = ""  # wire-copy place line, e.g. "BAGHDAD (Reuters) -"
    removed: list[str] = field(default_factory=list)  # boilerplate lines that were dropped
    # Spans of footnote/reference lists at the end (kept in the body, skipped by claims/events)
    notes: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class MentionProposal:
    actor: str  # catalog key
    start: int
    end: int
    text: str
    metonym: bool = False  # linked through a metonym ("Tehran" for Iran)
    confidence: float = 0.9
    rule: str = "catalog_alias"


@dataclass
class PlaceMention:
    place: str  # catalog key
    start: int
    end: int
    text: str


@dataclass
class CandidateProposal:
    """A capitalised name the catalog does not know: proposed as a candidate actor."""

    name: str
    kind: str  # best guess, "other" when unsure
    spans: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 0.5
    rule: str = "organisation_name"


@dataclass
class ClaimProposal:
    """An assertion made in the article: who said what, where."""

    start: int  # quote span: the asserted content
    end: int
    sentence_start: int
    sentence_end: int
    kind: str  # statement | accusation | denial | report | assessment | threat | responsibility
    claimant: str | None = None  # actor key; None for the author's own assertion
    claimant_text: str = ""  # as written: "one State Department official"
    subjects: list[str] = field(default_factory=list)  # actor keys the claim is about
    cue: str = ""  # the attribution word: "said", "according to", ...
    # (index of another claim in the same Extraction, "supports" | "contradicts")
    links: list[tuple[int, str]] = field(default_factory=list)
    confidence: float = 0.5
    rule: str = "speech_verb"


@dataclass(frozen=True)
class RoleProposal:
    """An actor's part in an event, with the rule that read it from the sentence."""

    actor: str  # catalog key
    role: str  # perpetrator | target | signatory | supporter | participant
    confidence: float = 0.5
    rule: str = "in_clause"


@dataclass
class EventProposal:
    """Something that happened, as one sentence of the article reports it."""

    title: str
    kind: str  # agreement | attack | air_strike | offensive | meeting | statement | arms_transfer
    #            | aid | protest | death | election | other
    start: int  # quote span (the sentence reporting it)
    end: int
    date: PartialDate | None = None
    date_end: PartialDate | None = None
    date_text: str = ""  # the words the date came from: "on Tuesday", "August 11th"
    place: str | None = None  # place key
    participants: list[RoleProposal] = field(default_factory=list)
    fatalities: int | None = None
    cue: str = ""
    # Other sentences of the same article reporting this event ("The deal, finalized on
    # August 11th ..." after "A recent agreement between Iran and Iraq ...").
    spans: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 0.5
    rule: str = "event_cue"

    def actor_keys(self) -> set[str]:
        """The catalog keys of the actors taking part, whatever their role."""
        return {r.actor for r in self.participants}


@dataclass
class Extraction:
    """Everything the pipeline proposes for one article."""

    document: CleanDocument
    mentions: list[MentionProposal] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    candidates: list[CandidateProposal] = field(default_factory=list)
    claims: list[ClaimProposal] = field(default_factory=list)
    events: list[EventProposal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
