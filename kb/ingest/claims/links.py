"""Links between claims: a denial contradicts what it answers, a confirmation supports it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from kb.ingest.claims.claimants import Found
from kb.ingest.claims.cues import CONFIRMING
from kb.ingest.link.coref import DEMONYMS

STOP = {
    "that", "this", "with", "from", "have", "been", "were", "would", "could", "their", "there",
    "they", "which", "about", "into", "will", "also", "than", "some", "more", "being", "other",
    "what", "when", "only", "still", "most", "over", "such", "them", "these", "those", "while",
}  # fmt: skip


def _words(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[a-z]{4,}", text.lower()):
        if w in STOP:
            continue
        w = DEMONYMS[w].lower().split()[-1] if w in DEMONYMS else w  # "Iranian" says "Iran"
        out.add(re.sub(r"(?:ing|ed|es|s)$", "", w))
    return out


def link_claims(found: list[Found], body: str, sentences: list[tuple[int, int]]) -> None:
    """Add supports/contradicts links (indices into ``found``) to the claims in ``found``."""
    _Linker(found, body, sentences).run()


class _Linker:
    def __init__(self, found: list[Found], body: str, sentences: list[tuple[int, int]]):
        self.found = found
        self.body = body
        self.sentences = sentences
        self._starts = [s for s, _ in sentences]
        cues = [f.cue_at for f in found]
        ordered = all(a <= b for a, b in zip(cues, cues[1:], strict=False))
        self._cues = cues if ordered else None

    def run(self) -> None:
        """Denials contradict what they answer; confirmations support it."""
        index = {id(f): i for i, f in enumerate(self.found)}
        for i, f in enumerate(self.found):
            c = f.claim
            target = f.notes.get("answers")
            if c.kind == "denial" and target is None:
                inner = [g for g in self._cued_in(c.start, c.end) if g.noun]
                target = (
                    inner[0]
                    if inner
                    else self._overlapping(i, 2, lambda g: g.claim.kind != "denial")
                )
            if target is not None and c.kind == "denial":
                c.links.append((index[id(target)], "contradicts"))
                continue
            if CONFIRMING.match(c.cue):
                target = self._overlapping(
                    i, 3, lambda g: g.claim.kind in ("report", "accusation", "statement")
                )
                if target is not None:
                    c.links.append((index[id(target)], "supports"))
                continue
            for j in range(i - 1, -1, -1):
                g = self.found[j]
                if g.claim.sentence_start < c.sentence_start:
                    break  # claims are in sentence order: none further back shares the sentence
                same = g.claim.sentence_start == c.sentence_start and g.claim.end <= f.cue_at
                between = self.body[g.claim.end : f.cue_at] if same else ""
                if (
                    same
                    and re.search(r"\b(?:while|whereas|but)\b", between)
                    and g.claim.claimant != c.claimant
                ):
                    c.links.append((index[id(g)], "contradicts"))
                    break

    def _cued_in(self, start: int, end: int) -> list[Found]:
        """Claims whose cue lies in ``[start, end)``, in list order."""
        if self._cues is None:
            return [g for g in self.found if start <= g.cue_at < end]
        return self.found[bisect_left(self._cues, start) : bisect_left(self._cues, end)]

    def _overlapping(self, i: int, back: int, accept: Callable[[Found], bool]) -> Found | None:
        """The latest earlier claim within ``back`` sentences sharing two content words."""
        c = self.found[i].claim
        starts = self._starts
        here = max(0, bisect_right(starts, c.sentence_start) - 1)
        floor = starts[max(0, here - back)]
        mine = _words(self.body[c.start : c.end])
        for j in range(i - 1, -1, -1):
            g = self.found[j]
            if g.claim.sentence_start < floor:
                break
            if g.claim.claimant == c.claimant and g.claim.claimant is not None:
                continue
            if accept(g) and len(mine & _words(self.body[g.claim.start : g.claim.end])) >= 2:
                return g
        return None
