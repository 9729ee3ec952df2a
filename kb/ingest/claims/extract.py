"""Claims: who asserts what in an article, with the words that say so and links between them.

Shapes found: "X said/denied/warned ... (that) ...", "“...,” X said", "X said, “...”",
"according to X", "As X reported, ...", claim nouns ("reports that ...", "claims which X
denies"), impersonal reports ("it is reported that", "reportedly") and the author's own
framing ("it is well known that", "it seems", "apparently"), which has no claimant.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from kb.ingest.catalog import Catalog
from kb.ingest.claims.attribution import clause_end, find_cues, np_head_end
from kb.ingest.claims.claimants import ClaimantResolver, Found, in_sentence
from kb.ingest.claims.cues import (
    ACCORDING,
    AS_CUE,
    CLAIM_NOUNS,
    FRAMING,
    MARKERS,
    NOUN_RE,
    REL_VERBS,
    REPORT_MARKERS,
)
from kb.ingest.claims.links import link_claims
from kb.ingest.claims.turns import attribute_turns
from kb.ingest.link import coref
from kb.ingest.link.speakers import speaker_turns
from kb.ingest.text.prefilter import fold_case, passes, pattern_gates, sentences_passing
from kb.ingest.text.quotes import quotations
from kb.ingest.text.spans import pairs_overlapping
from kb.ingest.types import CandidateProposal, ClaimProposal, CleanDocument, MentionProposal

# The sentences each pattern may match in are found once per article (see _Extractor).
_FRAMING_GATES = [pattern_gates(pattern) for pattern, _, _ in FRAMING]
_ACCORDING_GATES, _NOUN_GATES = pattern_gates(ACCORDING), pattern_gates(NOUN_RE)
_MARKER_GATES = {"report": pattern_gates(REPORT_MARKERS), "assessment": pattern_gates(MARKERS)}


# How often a claim of each rule was a gold claim, times how often its claimant was right,
# on the dev set and seeds (each share (right + 1) / (total + 2)); an attributed claim whose
# claimant stayed unresolved is less sure than its rule's figure.
CLAIM_CONFIDENCE = {
    "speech_verb": 0.8,
    "according_to": 0.3,
    "according_to_reports": 0.3,  # never seen in the sets: the figure of "according to"
    "as_source": 0.56,
    "claim_noun": 0.69,
    "author_framing": 0.64,
    "reportedly": 0.56,
    "author_hedge": 0.83,
    "quote_continues": 0.38,
    "speaker_turn": 0.61,  # claim 6/8, claimant 6/6 on the dev set: (7/10) × (7/8)
    "title_antecedent": 0.56,  # claim 2/2, claimant 2/2: (3/4) × (3/4)
}
UNRESOLVED_FACTOR = 0.5


def claim_confidence(rule: str, attributed: bool, claimant: str | None) -> float:
    """How sure a claim proposal is: its rule's figure, halved when its speaker is unknown."""
    base = CLAIM_CONFIDENCE.get(rule, 0.5)
    return round(base * UNRESOLVED_FACTOR, 2) if attributed and claimant is None else base


class _Extractor:
    def __init__(
        self,
        doc: CleanDocument,
        sentences: list[tuple[int, int]],
        mentions: list[MentionProposal],
        catalog: Catalog,
        candidates: Sequence[CandidateProposal] = (),
    ):
        self.body = doc.body
        self.sentences = sentences
        self._ends = [e for _, e in sentences]
        self.catalog = catalog
        body = self.body
        # "pro-Iran", "Iran-backed": a modifier, not the actor itself
        self.mentions = [
            m
            for m in sorted(mentions, key=lambda m: m.start)
            if body[m.start - 1 : m.start] != "-" and body[m.end : m.end + 1] != "-"
        ]
        self.quotes = quotations(body)
        self.notes = list(getattr(doc, "notes", []) or [])
        self.turns = speaker_turns(doc)  # a transcript's labelled turns ([] for others)
        self.found: list[Found] = []
        self.resolver = ClaimantResolver(
            body, sentences, self.mentions, catalog, self.quotes, self.found
        )
        self.resolver.candidates, self.resolver.paragraphs = candidates, doc.paragraphs
        # The sentences each gated pattern may match in, found in one pass over the article
        # (``fold_case`` keeps offsets, so the folded body's sentences are the same spans).
        folded = fold_case(body)
        self._according = sentences_passing(body, sentences, _ACCORDING_GATES)
        self._nouns = sentences_passing(body, sentences, _NOUN_GATES)
        # (patterns with the same gates share one lookup)
        framing = {g: sentences_passing(folded, sentences, g) for g in set(_FRAMING_GATES)}
        # per sentence, the framing patterns to run there
        self._framing = [
            [FRAMING[j] for j, g in enumerate(_FRAMING_GATES) if passes(framing[g], idx)]
            for idx in range(len(sentences))
        ]
        self._marking = {
            k: sentences_passing(folded, sentences, g) for k, g in _MARKER_GATES.items()
        }

    # ------------------------------------------------------------------ finding
    def _new(
        self,
        s: int,
        e: int,
        content: tuple[int, int],
        kind: str,
        cue: str,
        cue_at: int,
        rule: str = "speech_verb",
        **kw,
    ) -> Found:
        claim = ClaimProposal(
            start=content[0], end=content[1], sentence_start=s, sentence_end=e, kind=kind, cue=cue
        )
        claim.rule = rule
        return Found(claim, cue_at, **kw)

    def _in_quote(self, pos: int) -> tuple[int, int] | None:
        return next(((a, b) for a, b in pairs_overlapping(self.quotes, pos, pos + 1)), None)

    def sentence(self, idx: int) -> list[Found]:
        """Claims in one sentence, in the order of their cues."""
        s, e = self.sentences[idx]
        text = self.body[s:e]
        local_quotes = [
            (max(a, s) - s, min(b, e) - s) for a, b in pairs_overlapping(self.quotes, s, e)
        ]
        out: list[Found] = []
        taken: set[int] = set()
        m = AS_CUE.match(text)
        if m:
            np = m.group("np1") or m.group("np2")
            np_at = s + m.start("np1" if m.group("np1") else "np2")
            content = (s + m.end(), s + clause_end(text, m.end()))
            kind = "report" if re.search(r"report|journal|news|press", np, re.I) else "statement"
            out.append(
                self._new(
                    s,
                    e,
                    content,
                    kind,
                    "as",
                    s + m.start(),
                    "as_source",
                    subject=(np_at, np_at + len(np.rstrip())),
                )
            )
            taken.add(m.end())
        for cue in find_cues(text, local_quotes):
            if any(cue.cue_start < t for t in taken) and m and cue.cue_start < m.end():
                continue
            a, b = cue.content
            f = self._new(s, e, (s + a, s + b), cue.kind, cue.cue, s + cue.cue_start,
                          subject=(s + cue.subject[0], s + cue.subject[1]), boundary=cue.boundary)  # fmt: skip
            if a < 0:
                f.pending = True
            else:
                before = self.body[f.claim.start - 1 : f.claim.start]
                outer = self._in_quote(f.claim.start)
                if outer and not outer[0] <= f.cue_at < outer[1] and before not in ("“", '"'):
                    f.claim.start, f.claim.end = (
                        outer  # "...,” the adviser said" after a long quote
                    )
                    before = "“"
                if before in ("“", '"'):
                    f.quoted = (f.claim.start, f.claim.end)
                    q = self._in_quote(f.claim.start)
                    if q:  # a quotation running past this sentence
                        f.claim.end = q[1]
                        f.claim.sentence_end = max(e, self._sentence_end(q[1]))
                        f.claim.sentence_start = min(s, self._sentence_start(q[0]))
            out.append(f)
        for m2 in ACCORDING.finditer(text) if passes(self._according, idx) else ():
            np_end = m2.start("np") + np_head_end(m2.group("np"))
            lead = text[: m2.start()].strip(" ,")
            if len(lead.split()) >= 3:
                that = re.search(r"\b(?:is|was|are|were)\s+that\s", lead)
                start = that.end() if that else 0
                content = (s + start, s + len(lead))
            else:
                comma = text.find(",", np_end)
                if comma < 0:
                    continue
                content = (
                    s + comma + 1 + (len(text[comma + 1 :]) - len(text[comma + 1 :].lstrip())),
                    s + clause_end(text, comma + 1),
                )
            np = m2.group("np")
            kind = "report" if re.search(r"\breports?\b|journal|news", np, re.I) else "statement"
            if re.fullmatch(r"(?:\w+\s+){0,2}reports", np.strip(), re.I):
                out.append(
                    self._new(
                        s,
                        e,
                        content,
                        "report",
                        "according to",
                        s + m2.start(),
                        "according_to_reports",
                        attributed=False,
                    )
                )
                out[-1].claim.claimant_text = np.strip()
                continue
            out.append(
                self._new(
                    s,
                    e,
                    content,
                    kind,
                    "according to",
                    s + m2.start(),
                    "according_to",
                    subject=(s + m2.start("np"), s + np_end),
                )
            )
        for m3 in NOUN_RE.finditer(text) if passes(self._nouns, idx) else ():
            noun = m3.group(1)
            if self._in_quote(s + m3.start()):
                continue
            start = m3.end()
            rel = REL_VERBS.match(text, start)
            if rel:
                start = rel.end()
            start += len(text[start:]) - len(text[start:].lstrip())
            if any(f.cue_at == s + m3.start(1) for f in out):
                continue
            f = self._new(
                s,
                e,
                (s + start, s + clause_end(text, start)),
                CLAIM_NOUNS[noun],
                noun,
                s + m3.start(1),
                "claim_noun",
                attributed=False,
                noun=True,
            )
            owner = re.search(
                r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)['’]s\s+$", text[: m3.start()]
            )
            by = re.match(r"\s+(?:by|from)\s+([^,]+?)\s*$", m3.group(2) or "")
            if owner:
                f.subject, f.attributed = (s + owner.start(1), s + owner.end(1)), True
            elif by:
                f.subject, f.attributed = (
                    (s + m3.start(2) + by.start(1), s + m3.start(2) + by.end(1)),
                    True,
                )
            else:
                f.claim.claimant_text = noun
            out.append(f)
        for pattern, kind, _ in self._framing[idx]:
            for m4 in pattern.finditer(text):
                if self._in_quote(s + m4.start()):
                    continue
                content = (s + m4.end() + 1, s + clause_end(text, m4.end() + 1))
                out.append(
                    self._new(
                        s,
                        e,
                        content,
                        kind,
                        m4.group().lower(),
                        s + m4.start(),
                        "author_framing",
                        attributed=False,
                    )
                )
        for marker in self._markers(idx, text):
            if not any(self._covers(f, marker.cue_at) for f in out):
                out.append(marker)
        out.sort(key=lambda f: f.cue_at)
        self._trim(out)
        return out

    def _markers(self, idx: int, text: str) -> list[Found]:
        """The author's hedges ("apparently", "it seems") and unattributed reports ("reportedly")."""
        s, e = self.sentences[idx]
        for pattern, kind in ((REPORT_MARKERS, "report"), (MARKERS, "assessment")):
            if not passes(self._marking[kind], idx):
                continue
            for m in pattern.finditer(text):
                if self._in_quote(s + m.start()):
                    continue
                that = re.match(r"(?:\s+\w+){0,3}?\s+that\s", text[m.end() :])
                start = m.end() + that.end() if that else 0
                sub = re.match(
                    r"(?:As|While|Though|Although|If|When|Because|Since|Even|Whether)\b", text
                )
                if not that and sub and "," in text[: m.start()]:
                    start = text.rindex(",", 0, m.start()) + 1
                    start += len(text[start:]) - len(text[start:].lstrip())
                lead = re.match(r"\W*(?:\w+ly|Still|But|And|So),\s*", text[start:])
                if lead:
                    start += lead.end()
                return [
                    self._new(
                        s,
                        e,
                        (s + start, s + clause_end(text, start)),
                        kind,
                        m.group().lower(),
                        s + m.start(),
                        "reportedly" if kind == "report" else "author_hedge",
                        attributed=False,
                    )
                ]
        return []

    def _covers(self, f: Found, pos: int) -> bool:
        """Whether the hedge at ``pos`` belongs to claim ``f`` rather than to the author."""
        if f.claim.start <= pos < f.claim.end or not f.attributed:
            return True
        a = f.subject[0]
        if a < pos:
            return a <= pos < f.cue_at
        return not re.search(r",\s*(?:and|but)\b|;|\b(?:whose|which|who)\b", self.body[pos:a])

    def _trim(self, out: list[Found]) -> None:
        """End a claim's content where a later, comma-separated claim's subject begins."""
        for i, f in enumerate(out):
            for g in out[i + 1 :]:
                a = g.subject[0]
                if f.pending or a < 0 or not f.claim.start < a < f.claim.end or f.quoted:
                    continue
                if g.boundary in (",", "while", "but", "whereas", "and"):
                    end = a
                    while end > f.claim.start and self.body[end - 1] in " ,;":
                        end -= 1
                    cut = re.search(
                        r"[,;]?\s*\b(?:while|whereas|but|and)?\s*$", self.body[f.claim.start : end]
                    )
                    f.claim.end = f.claim.start + cut.start() if cut else end

    def _sentence_at(self, pos: int) -> tuple[int, int] | None:
        """The first sentence with ``s <= pos <= e`` (sentences are in order)."""
        i = bisect_left(self._ends, pos)
        if i < len(self.sentences) and self.sentences[i][0] <= pos:
            return self.sentences[i]
        return None

    def _sentence_end(self, pos: int) -> int:
        found = self._sentence_at(pos)
        return found[1] if found else pos

    def _sentence_start(self, pos: int) -> int:
        found = self._sentence_at(pos)
        return found[0] if found else pos

    # ------------------------------------------------------------------ whole document
    def run(self) -> list[ClaimProposal]:
        """Claims of the whole article, resolved, linked and with their subjects."""
        for idx, (s, _e) in enumerate(self.sentences):
            if any(a <= s < b for a, b in self.notes):
                continue
            for f in self.sentence(idx):
                if f.pending:
                    prior = [g for g in in_sentence(self.found, s) if not g.pending]
                    if not prior:
                        continue
                    f.claim.start, f.claim.end = prior[-1].claim.start, prior[-1].claim.end
                    f.notes["answers"] = prior[-1]
                if f.attributed:
                    self.resolver.resolve(f, idx)
                if f.claim.end - f.claim.start < 3:
                    continue
                self.found.append(f)
        if self.turns:  # a transcript: its speakers' turns
            notes = self.notes
            prose = [(s, e) for s, e in self.sentences if not any(a <= s < b for a, b in notes)]
            self.found += attribute_turns(self.found, self.turns, self.body, prose, self.mentions)
        self._continuations()
        self.found.sort(key=lambda f: (f.claim.sentence_start, f.cue_at))
        link_claims(self.found, self.body, self.sentences)
        for f in self.found:
            c = f.claim
            keys = [m.actor for m in coref.inside(self.mentions, c.start, c.end)]
            c.subjects = [k for k in dict.fromkeys(keys) if k != c.claimant]
            c.confidence = claim_confidence(c.rule, f.attributed, c.claimant)
        return [f.claim for f in self.found]

    def _continuations(self) -> None:
        """A quotation that goes on in the next sentence belongs to the same speaker."""
        used = {f.quoted for f in self.found if f.quoted}
        spans = sorted((f.claim.start, f.claim.end) for f in self.found)
        starts = [a for a, _ in spans]
        longest = max((b - a for a, b in spans), default=0)
        # (end of the quotation used, index in self.found), sorted; kept up to date below
        quoted = sorted((f.quoted[1], i) for i, f in enumerate(self.found) if f.quoted)
        ends = [q for q, _ in quoted]
        for a, b in self.quotes:
            lo, hi = bisect_left(starts, a - longest), bisect_right(starts, a)
            if (a, b) in used or any(a < end for _, end in spans[lo:hi]):
                continue
            s, e = self._sentence_start(a), self._sentence_end(b)
            if len(self.body[a:b].split()) < 5 or (b - a) < 0.6 * (e - s):
                continue
            near = quoted[bisect_right(ends, a - 120) : bisect_right(ends, a)]
            if not near:
                continue
            p = self.found[max(i for _, i in near)]
            claim = ClaimProposal(
                a, b, s, e, p.claim.kind, p.claim.claimant, p.claim.claimant_text, cue="quote"
            )
            claim.rule = "quote_continues"
            self.found.append(Found(claim, a, quoted=(a, b)))
            at = bisect_right(quoted, (b, len(self.found) - 1))
            quoted.insert(at, (b, len(self.found) - 1))
            ends.insert(at, b)


def extract_claims(
    doc: CleanDocument,
    sentences: list[tuple[int, int]],
    mentions: list[MentionProposal],
    catalog: Catalog,
    candidates: Sequence[CandidateProposal] = (),
) -> list[ClaimProposal]:
    """Claims made in an article, with claimant, kind, quote span, subjects and links
    (``candidates``: the article's candidate people, for "the press secretary said")."""
    return _Extractor(doc, sentences, mentions, catalog, candidates).run()
