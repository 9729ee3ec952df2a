"""Which named actors in an event's clause take part: not the source, not a name's modifier.

Two general English shapes put actors in a clause without making them participants:

- a trailing attribution: "Iran's navy seized a tanker on Thursday, the U.S. Navy's Fifth
  Fleet said" (the Fifth Fleet reports the seizure, it took no part);
- a modifier of another name: "Iraq's Prime Minister Mohammed Shia al-Sudani met ...",
  "Iran's Quds Force commander", "PMF chairman Falih al-Fayyadh" (the person or body named
  next is the participant; the possessor or title is a description of it).
"""

from __future__ import annotations

import re

from kb.ingest.events.cues import REPORTING
from kb.ingest.types import MentionProposal

_SOURCE_WORDS = 8  # at most this many words between the comma and "said"
_GAP = re.compile(r"(?P<pos>['’]s)?((?:\s+[\w.-]+){0,3})\s+")
_NOT_IN_A_NAME = {
    "on", "in", "at", "by", "with", "to", "from", "for", "of", "and", "or", "against", "over",
    "into", "between", "as", "than", "after", "before", "while", "when", "that", "who", "which",
}  # fmt: skip
_TITLES = {
    "prime", "minister", "president", "chairman", "chairwoman", "commander", "leader", "chief",
    "head", "premier", "spokesman", "spokeswoman", "ambassador", "envoy", "general", "gen.",
    "secretary", "speaker", "director", "governor", "cleric",
}  # fmt: skip


def end_before_source(text: str, cue_end: int, end: int) -> int:
    """``end`` moved back to the comma of a trailing ", X said" after the cue, if any."""
    for m in REPORTING.finditer(text, cue_end, end):
        tail = re.split(r"[,.;]", text[m.end() : end], maxsplit=1)[0].split()
        if len(tail) > 4 or {"that", "it", "they", "he", "she"} & {w.lower() for w in tail}:
            return end  # "X said that ...": a report of something else, not a source
        comma = text.rfind(",", cue_end, m.start())
        if comma >= 0 and len(text[comma + 1 : m.start()].split()) <= _SOURCE_WORDS:
            return comma
        return end
    return end


def modifiers(
    text: str, mentions: list[MentionProposal], cue: tuple[int, int], is_person
) -> set[int]:
    """Indexes (into ``mentions``) of names that only describe the next name."""
    out: set[int] = set()
    for i, (m, n) in enumerate(zip(mentions, mentions[1:], strict=False)):
        if n.start - m.end > 40 or (cue[0] < n.start and m.end < cue[1]):
            continue  # far apart, or the event's cue lies between them
        gap = _GAP.fullmatch(text, m.end, n.start)
        if gap is None:
            continue
        words = {w.lower() for w in gap.group(2).split()}
        if words & _NOT_IN_A_NAME:
            continue
        if gap.group("pos") or (words & _TITLES and is_person(n.actor)):
            out.add(i)
    return out
