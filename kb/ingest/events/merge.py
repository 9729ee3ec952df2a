"""A second report of the same support within one article joins the first event.

Aid and arms transfers are ongoing and get retold: "American aerial intelligence units had
begun to provide Iraqi forces with support" and, a few sentences on, "the U.S. military
began providing aerial video". The events step finds each as a fresh event; here a later
event of the same kind joins an earlier one when the giving side is the same country, the
receiving sides do not clash, the dates fit (or are unknown) and the reports are close.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kb.ingest.catalog import Catalog, catalog_actor
from kb.ingest.text.dateranges import ranges_compatible
from kb.ingest.types import EventProposal

MERGED_KINDS = {"aid", "arms_transfer"}
GIVING = {"supporter", "perpetrator"}
MAX_SENTENCES_APART = 6
# "an additional one billion dollars in military aid": news of more support, not a retelling
FRESH = re.compile(
    r"\b(?:additional|another|new|further|fresh|extra|second|third|more|latest|renewed)\b", re.I
)


def _side(catalog: Catalog, key: str) -> str:
    """The country an actor acts for (a state's or a body's country code), else the key."""
    actor = catalog_actor(catalog, key)
    return (actor.country if actor and actor.country else key).upper()


def _sides(catalog: Catalog, ev: EventProposal, giving: bool) -> set[str]:
    return {_side(catalog, r.actor) for r in ev.participants if (r.role in GIVING) == giving}


def _apart(starts: list[int], a: int, b: int) -> int:
    """Sentences between offsets ``a`` < ``b``."""
    return bisect_right(starts, b) - bisect_right(starts, a)


def same_support(catalog: Catalog, first: EventProposal, later: EventProposal) -> bool:
    """Whether ``later`` retells the support ``first`` reports."""
    if first.kind != later.kind or first.kind not in MERGED_KINDS:
        return False
    if not ranges_compatible(first.date, first.date_end, later.date, later.date_end):
        return False
    if first.place and later.place and first.place != later.place:
        return False
    givers_a, givers_b = _sides(catalog, first, True), _sides(catalog, later, True)
    if not givers_a or not givers_b or not givers_a & givers_b:
        return False
    takers_a, takers_b = _sides(catalog, first, False), _sides(catalog, later, False)
    return not (takers_a and takers_b and not takers_a & takers_b)


def _fresh(body: str, ev: EventProposal) -> bool:
    """Whether the report calls its support new ("additional", "another", "more")."""
    sentence = body[ev.start : ev.end]
    at = sentence.find(ev.cue) if ev.cue else -1
    if at < 0:
        return bool(FRESH.search(sentence))
    return bool(FRESH.search(sentence, max(0, at - 40), at + len(ev.cue)))


def merge_retold(
    events: list[EventProposal], catalog: Catalog, sentences: list[tuple[int, int]], body: str
) -> list[EventProposal]:
    """``events`` with each later retelling of an aid or arms transfer folded into the first."""
    starts = sorted(s for s, _ in sentences)
    out: list[EventProposal] = []
    for ev in events:
        if ev.kind not in MERGED_KINDS or _fresh(body, ev):
            out.append(ev)
            continue
        target = next(
            (
                kept
                for kept in reversed(out)
                if same_support(catalog, kept, ev)
                and _apart(starts, max([kept.start, *(a for a, _ in kept.spans)]), ev.start)
                <= MAX_SENTENCES_APART
            ),
            None,
        )
        if target is None:
            out.append(ev)
            continue
        for span in [(ev.start, ev.end), *ev.spans]:
            if span != (target.start, target.end) and span not in target.spans:
                target.spans.append(span)
        have = target.actor_keys()
        target.participants += [r for r in ev.participants if r.actor not in have]
        if target.date is None and ev.date is not None:
            target.date, target.date_end, target.date_text = ev.date, ev.date_end, ev.date_text
        target.place = target.place or ev.place
    return out
