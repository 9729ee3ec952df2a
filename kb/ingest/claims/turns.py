"""Claims in transcripts: what a speaker says in a labelled turn is the speaker's claim.

- A claim found by another rule in a turn, spoken in the first person ("we currently assess
  that ...") or with no claimant, is the speaker's (rule ``speaker_turn``).
- A declarative sentence of a turn that no rule took, long enough to assert something and
  about someone (it names an actor or speaks for "we"), is a statement of the speaker
  (rule ``speaker_turn``). Questions, greetings and housekeeping are not claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kb.ingest.claims.claimants import Found
from kb.ingest.link.speakers import Turn, turn_at
from kb.ingest.text.spans import inside
from kb.ingest.types import ClaimProposal, MentionProposal

RULE = "speaker_turn"
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|we['’](?:re|ve|ll|d))\b", re.I)
_HOUSEKEEPING = re.compile(
    r"\b(?:good\s+(?:morning|afternoon|evening)|thank\s+you|thanks|your\s+questions"
    r"|at\s+the\s+top|happy\s+\w+day|with\s+that)\b",
    re.I,
)
_MIN_WORDS = 10


def _speaker(turn: Turn, mentions: list[MentionProposal]) -> str | None:
    """The catalog actor the label names, when the link step linked it."""
    found = inside(mentions, *turn.name_span) if turn.name_span[1] > turn.name_span[0] else []
    return found[0].actor if found else None


def attribute_turns(
    found: list[Found],
    turns: list[Turn],
    body: str,
    sentences: Iterable[tuple[int, int]],
    mentions: list[MentionProposal],
) -> list[Found]:
    """Give unattributed claims of a turn to its speaker; return the turn's other claims."""
    if not turns:
        return []
    for f in found:
        c = f.claim
        turn = turn_at(turns, c.start)
        if not turn or not turn.name:
            continue
        if not f.attributed or (c.claimant is None and c.claimant_text.lower() in ("we", "i")):
            c.claimant, c.claimant_text = _speaker(turn, mentions), turn.name
            c.rule, f.attributed = RULE, True
    taken = {f.claim.sentence_start for f in found}
    added: list[Found] = []
    for s, e in sentences:
        turn = turn_at(turns, s) or turn_at(turns, min(e - 1, s + 60))
        if s in taken or not turn or not turn.name:
            continue
        start = max(s, turn.start)
        text = body[start:e]
        start += len(text) - len(text.lstrip())
        text = text.strip()
        if not _asserts(text, start, e, mentions, first_person=turn.first_person_only):
            continue
        claim = ClaimProposal(
            start, start + len(text), s, e, "statement", _speaker(turn, mentions), turn.name,
            cue="speaker label",
        )  # fmt: skip
        claim.rule = RULE
        added.append(Found(claim, turn.label[0]))
    return added


def _asserts(
    text: str, start: int, end: int, mentions: list[MentionProposal], *, first_person: bool
) -> bool:
    """A declarative sentence long enough to assert something about someone (in a statement
    attributed in its heading: in the first person, "we have acted …")."""
    if not re.search(r"[.!][\"”’')]*$", text) or "?" in text:
        return False
    if len(text.split()) < _MIN_WORDS or _HOUSEKEEPING.search(text):
        return False
    if first_person:
        return bool(_FIRST_PERSON.search(text))
    return bool(inside(mentions, start, end)) or bool(_FIRST_PERSON.search(text))
