"""The synthetic corpus as plain data: actors and places in, articles, claims and events out."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SynthActor:
    key: str  # slug
    name: str
    kind: str
    surfaces: tuple[str, ...]  # name and aliases as they may be written
    prominence: int = 0  # higher: drawn more often (see Generator)


@dataclass(frozen=True)
class SynthPlace:
    key: str
    name: str


@dataclass
class SynthEvent:
    index: int
    title: str
    kind: str
    date: str  # EDTF
    date_text: str
    place: str | None
    participants: list[tuple[str, str]]  # (actor key, role)
    fatalities: int | None
    status: str


@dataclass
class SynthClaim:
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    kind: str
    cue: str
    claimant: str | None
    claimant_text: str
    subjects: list[str]
    event: int | None  # SynthEvent.index
    credibility: int
    status: str


@dataclass
class SynthArticle:
    index: int
    title: str
    body: str
    published: str  # EDTF or ""
    source: str
    author: str
    url: str
    mentions: list[tuple[str, int, int]] = field(default_factory=list)  # (actor key, start, end)
    claims: list[SynthClaim] = field(default_factory=list)
    # (event index, start, end, date text)
    event_sources: list[tuple[int, int, int, str]] = field(default_factory=list)
    claim_links: list[tuple[int, int, str]] = field(default_factory=list)  # claim indexes, kind

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(
            f"synthetic:{self.index}:{self.title}\n{self.body}".encode()
        ).hexdigest()
