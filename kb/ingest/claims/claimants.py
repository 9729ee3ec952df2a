"""Who makes a claim: the subject of a reporting verb resolved to a catalog actor.

Named actors come from the matcher's mentions; "U.S. officials" and "Iraqi officials" from a
demonym; "he", "it" and "the group" from what the text said before; "defense officials" from
an earlier body whose name holds the same words. Unresolved claimants keep their words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kb.ingest.catalog import Catalog, catalog_actor
from kb.ingest.claims.attribution import np_head_end
from kb.ingest.claims.titles import outside_quotes, paragraph_floor, titled_antecedent
from kb.ingest.link import coref
from kb.ingest.text.spans import starting_in
from kb.ingest.types import CandidateProposal, ClaimProposal, MentionProposal

GROUP_HEADS = {
    "group": ("armed_group", "political_party", "other"),
    "militia": ("armed_group",),
    "organization": ("armed_group", "political_party", "other", "international_body"),
    "organisation": ("armed_group", "political_party", "other", "international_body"),
    "movement": ("armed_group", "political_party"),
    "party": ("political_party",),
    "faction": ("armed_group", "political_party"),
}
REPORT_HEADS = {"report", "reports", "article", "story", "study", "newspaper", "paper"}
REPORTERS = {"journalists", "reporters", "media", "press", "newspaper", "reports", "report"}
SINGULAR_ROLES = {
    "official", "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "minister",
    "commander", "general", "envoy", "ambassador", "diplomat", "president", "leader", "source",
    "analyst", "expert", "officer", "secretary", "chief", "head", "he", "she",
}  # fmt: skip
# How far back (characters) "defense officials" looks for the body they belong to.
DOMAIN_WINDOW = 20_000
_NAMED = re.compile(r"\b(?:calling itself|known as|called|named|dubbed)\s+")
_OF_THE = re.compile(r"\bof\s+(?:the|this|that)\s+(\w+)$")


def in_sentence(found: list[Found], start: int) -> list[Found]:
    """The claims of the sentence starting at ``start``, from a list in sentence order."""
    out = []
    for g in reversed(found):
        if g.claim.sentence_start < start:
            break
        if g.claim.sentence_start == start:
            out.append(g)
    return out[::-1]


@dataclass
class Found:
    """A claim under construction, with what resolution and linking need."""

    claim: ClaimProposal
    cue_at: int  # absolute offset of the cue
    subject: tuple[int, int] = (-1, -1)
    boundary: str = ""
    attributed: bool = True  # False for the author's own framing
    noun: bool = False  # found through a claim noun ("reports that")
    quoted: tuple[int, int] | None = None  # the quotation used as content
    pending: bool = False  # content to take from the claim it answers
    notes: dict = field(default_factory=dict)


class ClaimantResolver:
    """Resolves claimants against the mentions and the claims found so far in one article."""

    def __init__(
        self,
        body: str,
        sentences: list[tuple[int, int]],
        mentions: list[MentionProposal],
        catalog: Catalog,
        quotes: Sequence[tuple[int, int]],
        found: list[Found],
    ):
        self.body = body
        self.sentences = sentences
        self.mentions = mentions
        self.catalog = catalog
        self.quotes = quotes
        self.found = found
        # (words, actor key) → whether the actor's names hold the words, for _domain_actor
        self._named: dict[tuple[tuple[str, ...], str], bool] = {}
        self.candidates: Sequence[CandidateProposal] = ()  # for "the press secretary"
        self.paragraphs: Sequence[tuple[int, int]] = ()  # a pronoun's antecedent stays inside
        self._unquoted: list[MentionProposal] | None = None  # built when a pronoun asks

    def _floor(self, idx: int, back: int) -> int:
        return self.sentences[max(0, idx - back)][0]

    def _person(self, pos: int, idx: int) -> str | None:
        s0 = self.sentences[idx][0]
        same = [
            m for m in starting_in(self.mentions, s0, pos) if coref.is_person(self.catalog, m.actor)
        ]
        if same:
            return same[0].actor
        for f in reversed(self.found):
            c = f.claim
            if c.sentence_start < self._floor(idx, 2):
                break  # claims are found sentence by sentence: the rest lie further back
            if (
                c.sentence_start < self._floor(idx, 2)
                or c.sentence_start >= s0 + 1
                and f.cue_at >= pos
            ):
                continue
            head = re.split(r"\b(?:of|for|with|at|from|in)\b", c.claimant_text.lower())[0].split()
            if c.claimant and (
                coref.is_person(self.catalog, c.claimant) or set(head[-1:]) & SINGULAR_ROLES
            ):
                return c.claimant
        floor = max(self._floor(idx, 3), paragraph_floor(self.paragraphs, pos))
        if self._unquoted is None:
            self._unquoted = outside_quotes(self.mentions, self.quotes)
        m = coref.nearest_before(pos, self._unquoted, self.catalog, person=True, floor=floor)
        return m.actor if m else None

    def _group(self, pos: int, idx: int) -> str | None:
        s0 = self.sentences[idx][0]
        for f in reversed(self.found):
            c = f.claim
            if c.sentence_start < self._floor(idx, 1):
                break  # claims are found sentence by sentence: the rest lie further back
            if f.cue_at >= pos:
                continue
            if c.claimant and not coref.is_person(self.catalog, c.claimant):
                return c.claimant
        m = coref.nearest_before(
            pos, self.mentions, self.catalog, person=False, floor=self._floor(idx, 2)
        )
        if m and not any(a <= m.start < b for a, b in self.quotes if b < s0):
            return m.actor
        return None

    def _definite(self, head: str, a: int, b: int, idx: int) -> str | None:
        if head in REPORT_HEADS:
            media = [
                m
                for m in starting_in(self.mentions, self._floor(idx, 3), b)
                if coref.actor_kind(self.catalog, m.actor) == "media"
            ]
            if media:
                return media[-1].actor
            report = next(
                (
                    f.claim
                    for f in reversed(self.found)
                    if f.claim.kind == "report" and f.cue_at < a
                ),
                None,
            )
            return report.claimant if report else None
        if (
            head in GROUP_HEADS
        ):  # "the group": the first group named in the latest sentence naming one
            for k in range(idx, max(-1, idx - 4), -1):
                s, e = self.sentences[k]
                groups = [
                    m
                    for m in coref.inside(self.mentions, s, min(e, a))
                    if coref.actor_kind(self.catalog, m.actor) in GROUP_HEADS[head]
                ]
                if groups:
                    return groups[0].actor
            return None
        span = coref.same_head_before(self.body, a, head, self._floor(idx, 6))
        if span is None:
            return None
        window = re.search(r"[.;:,]|$", self.body[span[1] : span[1] + 100])
        stop = span[1] + window.start()
        for m in self.mentions:
            if span[0] <= m.start <= stop and m.start < a:
                return m.actor
        return None

    def resolve(self, f: Found, idx: int) -> None:
        """Set the claimant (key and words as written) from the subject span."""
        a, b = f.subject
        if f.boundary == "ing,":  # ", arguing that ...": whoever the sentence quoted before
            prior = [
                g for g in in_sentence(self.found, f.claim.sentence_start) if g.cue_at < f.cue_at
            ]
            s0 = f.claim.sentence_start
            opening = [m for m in starting_in(self.mentions, s0, s0 + 40) if m.start < f.cue_at]
            if prior:
                f.claim.claimant, f.claim.claimant_text = (
                    prior[-1].claim.claimant,
                    prior[-1].claim.claimant_text,
                )
                f.attributed = prior[-1].attributed
            elif opening:  # "Hadi al-Amiri ... hailed the vote, saying ...": the sentence's subject
                f.claim.claimant, f.claim.claimant_text = opening[0].actor, opening[0].text
            elif person := self._candidate_in(s0, min(s0 + 40, f.cue_at)):
                f.claim.claimant, f.claim.claimant_text = None, person  # "Gen. Mark A. Milley"
            else:
                f.attributed = False
            return
        if a < 0:
            return
        body = self.body
        phrase = body[a:b].strip()
        if f.boundary == "ing":  # the clause's subject: its first word or first mention
            first = phrase.split()[0].lower() if phrase.split() else ""
            inner = coref.inside(self.mentions, a, b)
            if first in coref.PERSON_PRONOUNS | coref.GROUP_PRONOUNS:
                b = a + len(phrase.split()[0])
                phrase = body[a:b]
            elif inner and inner[0].start - a < 25:
                a, b, phrase = inner[0].start, inner[0].end, inner[0].text
            elif person := self._candidate_in(a, min(b, a + 40)) or self._candidate_in(
                f.claim.sentence_start, min(f.claim.sentence_start + 40, f.cue_at)
            ):  # "Gen. Mark A. Milley, the chairman of ..., provided more details saying"
                f.claim.claimant, f.claim.claimant_text = None, person
                return
            else:
                f.claim.claimant_text = ""
                f.attributed = False
                return
        named = _NAMED.search(phrase)
        if named:  # "a group calling itself the Islamic Resistance in Iraq"
            a += named.end()
            phrase = phrase[named.end() :]
        cut = np_head_end(phrase)
        head_phrase = phrase[:cut].strip()
        low = head_phrase.lower()
        words = low.split()
        f.claim.claimant_text = head_phrase
        key: str | None
        if low in ("we", "i"):  # the author's own voice
            f.claim.claimant_text, f.attributed = "", False
            return
        titled = titled_antecedent(
            body, a, head_phrase, self.mentions, self.candidates, self.catalog
        )
        if titled:  # "the press secretary": the person named with that title earlier
            f.claim.claimant, f.claim.claimant_text = titled
            f.claim.rule = "title_antecedent"
            return
        person = self._candidate_in(a, a + cut)
        if person and self.body[a : a + cut].rstrip().endswith(person.split()[-1]):
            # "government spokesman Basim al-Awadi", "Pentagon Press Secretary Maj. Gen. Pat
            # Ryder": the person speaks, not the body in the title (the title stays in the text)
            f.claim.claimant, f.claim.claimant_text = None, person
            return
        metonym = coref.metonym_in(head_phrase, self.catalog)
        if metonym and not coref.inside(self.mentions, a, a + cut):
            key = metonym  # "according to the Pentagon"
        elif low in ("he", "she") or (
            words[:1] in (["his"], ["her"]) and words[-1] in coref.ROLE_NOUNS | {"office"}
        ):
            key = self._person(a, idx)  # "his office said"
        elif low in ("it", "they") or (
            words[:1] in (["its"], ["their"]) and words[-1] in coref.ROLE_NOUNS | {"office"}
        ):
            key = self._group(a, idx)  # "its spokesman said"
        elif (
            words
            and words[0] in ("the", "this", "that", "these", "those")
            and len(words) <= 3
            and not (
                coref.inside(self.mentions, a, a + cut)
                or coref.demonym_in(head_phrase, self.catalog)
            )
        ):
            key = self._definite(words[-1], a, a + cut, idx)
        else:
            key = None
            if "," in head_phrase:  # an appositive: "Jane Doe, of the Center ..."
                first = head_phrase.split(",")[0]
                key = coref.head_of_span(body, a, a + len(first), self.mentions, self.catalog)
                if key is None and (person := self._candidate_in(a, a + len(first))):
                    f.claim.claimant_text = person  # "Ambassador Daniel Fried, the ... advisor"
                    f.claim.claimant = None
                    return
            key = key or coref.head_of_span(
                body, a, a + len(head_phrase), self.mentions, self.catalog
            )
            key = key or metonym
            inner = _OF_THE.search(low)
            if key is None and inner:  # "a senior commander of the group"
                key = self._definite(inner.group(1), a, a + cut, idx)
            bare = [
                w
                for w in words
                if w not in ("one", "an", "a", "some", "unnamed", "senior", "two", "several")
            ]
            if key is None and bare and bare[-1] in coref.ROLE_NOUNS:
                modifiers = [
                    w
                    for w in bare[:-1]
                    if w not in coref.ROLE_NOUNS
                    or w in ("military", "administration", "intelligence")
                ]
                if not [w for w in bare[:-1] if w not in modifiers]:
                    key = (
                        self._domain_actor(modifiers, a)
                        if modifiers
                        else self._institution_in_content(f)
                    )
        f.claim.claimant = key
        if f.claim.kind == "statement" and (
            (words and words[-1] in REPORTERS)
            or (key and coref.actor_kind(self.catalog, key) == "media")
        ):
            f.claim.kind = "report"
        if f.claim.kind == "assessment" and words and words[-1] in REPORTERS | {"evidence"}:
            f.claim.kind = "report"

    def _candidate_in(self, start: int, end: int) -> str | None:
        """The name of a candidate person written within ``[start, end)``."""
        for c in self.candidates:
            if c.kind == "person" and any(start <= s and e <= end for s, e in c.spans):
                return c.name
        return None

    def _domain_actor(self, words: list[str], pos: int) -> str | None:
        """For "defense officials": the latest body mentioned before whose names hold "defense"."""
        pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", re.I)
        named, phrase = self._named, tuple(words)
        for m in reversed(starting_in(self.mentions, max(0, pos - DOMAIN_WINDOW), pos)):
            if (phrase, m.actor) not in named:
                actor = catalog_actor(self.catalog, m.actor)
                named[phrase, m.actor] = bool(
                    actor
                    and actor.kind != "person"
                    and any(pattern.search(n) for n in (actor.name, *actor.aliases))
                )
            if named[phrase, m.actor]:
                return m.actor
        return None

    def _institution_in_content(self, f: Found) -> str | None:
        """A bare "an official": the government body the content speaks for, if it names one."""
        c = f.claim
        inner = coref.inside(self.mentions, c.start, c.end)
        if inner and coref.actor_kind(self.catalog, inner[0].actor) == "government_body":
            return inner[0].actor
        return None
