"""Who "the press secretary" is: the person the article named with that title.

"Pentagon Press Secretary John F. Kirby told reporters ... According to the press
secretary, ..." → John F. Kirby; "... traveling with Secretary of Defense Lloyd J. Austin.
... the secretary of defense said" → Lloyd Austin. The description's words must stand
right before the name, earlier in the article: a catalog person's mention or a candidate
person's span (rule ``title_antecedent``). Pronouns look no further back than their own
paragraph and never into a quotation (``paragraph_floor``, ``outside_quotes``).
"""

# ruff: noqa: SIM905  (word lists read best as one string)
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from kb.ingest.catalog import Catalog
from kb.ingest.link import coref
from kb.ingest.types import CandidateProposal, MentionProposal

RULE = "title_antecedent"
TITLES = frozenset(
    "secretary president minister spokesman spokeswoman spokesperson ambassador envoy general "
    "commander chairman chairwoman director adviser advisor chief governor speaker premier "
    "admiral colonel leader".split()
)


# ranks between the title and the name: "Press Secretary Air Force Maj. Gen. Pat Ryder"
_RANKS = (
    r"(?:(?:(?:Maj|Gen|Lt|Col|Adm|Brig|Capt|Sgt|Cmdr|Dr|Mr|Ms|Mrs)\.|Army|Navy|Air\s+Force"
    r"|Marine\s+Corps|Major|General|Admiral|Colonel|Rear|Vice|Brigadier)\s+)*"
)


def titled_antecedent(
    body: str,
    at: int,
    phrase: str,
    mentions: Sequence[MentionProposal],
    candidates: Sequence[CandidateProposal],
    catalog: Catalog,
) -> tuple[str | None, str] | None:
    """(actor key or None, name as written) of the person ``phrase`` ("the press secretary")
    names by title, from the closest earlier "<title> <Name>" in ``body``; None otherwise."""
    words = re.findall(r"[\w'’-]+", phrase.lower())
    if len(words) < 2 or words[0] != "the" or not set(words[1:]) & TITLES or len(words) > 5:
        return None
    pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, words[1:])) + r"\s+" + _RANKS, re.I)
    best: tuple[str | None, str] | None = None
    for m in pattern.finditer(body, 0, at):
        start = m.end()
        person = next(
            (x for x in mentions if x.start == start and coref.is_person(catalog, x.actor)), None
        )
        if person:
            best = (person.actor, person.text)
            continue
        for c in candidates:
            if c.kind == "person" and any(s == start for s, _ in c.spans):
                best = (None, c.name)
    return best


def paragraph_floor(paragraphs: Sequence[tuple[int, int]], pos: int) -> int:
    """Start of the paragraph holding ``pos`` (0 when there are no paragraphs)."""
    starts = [s for s, _ in paragraphs]
    i = bisect_right(starts, pos) - 1
    return starts[i] if i >= 0 else 0


def outside_quotes(
    mentions: Sequence[MentionProposal], quotes: Sequence[tuple[int, int]]
) -> list[MentionProposal]:
    """Mentions not inside a quotation: a pronoun never reaches into quoted words."""
    return [m for m in mentions if not any(a <= m.start < b for a, b in quotes)]
