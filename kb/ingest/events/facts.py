"""What a sentence says about an event: its cues, participants, place, date and a title.

Plain helpers for :mod:`kb.ingest.events.extract`, which decides how sentences make up events.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from kb.core.edtf import PartialDate
from kb.ingest.catalog import Catalog, catalog_actor, catalog_place
from kb.ingest.events.cues import (
    AIRCRAFT,
    ANAPHORA,
    ANNOUNCING,
    CLAUSE_BREAK,
    COMPOUND_HEADS,
    CUES,
    FATALITIES,
    IRREALIS,
    LATER,
    LEADING_PHRASE,
    LOCATIVE_BEFORE,
    NUMBER_WORDS,
    PASSIVE_MET,
    QUANTITY,
    REPORTING,
    TITLE_NOUNS,
)
from kb.ingest.events.participants import end_before_source, modifiers
from kb.ingest.link import coref
from kb.ingest.text.dates import TimeExpr, find_temporal_expressions, shift
from kb.ingest.text.prefilter import Gates, gate, may_match
from kb.ingest.text.spans import covering, within
from kb.ingest.types import (
    CleanDocument,
    EventProposal,
    MentionProposal,
    PlaceMention,
    RoleProposal,
)

# How often an event of each cue shape matched a gold event on the dev set and seeds,
# (right + 1) / (total + 2): a verb of happening ("struck"), or a noun anchored by an actor,
# place or date ("an attack on").
EVENT_CONFIDENCE = {"verb_cue": 0.88, "noun_cue": 0.81}
# How often each role rule was right on the dev set and seeds, (right + 1) / (total + 2);
# 0.5 for the rules the sets never exercised.
ROLE_CONFIDENCE = {
    "claimed_responsibility": 0.5,
    "backed_by": 0.5,
    "modifier_of_cue": 0.67,
    "death_of": 0.8,
    "fell_to": 0.67,
    "passive_target": 0.67,
    "before_cue": 0.54,
    "by_agent": 0.4,
    "after_cue": 0.15,
    "giver": 0.25,
    "agreement_party": 0.91,
    "who_died": 0.5,
    "in_clause": 0.5,
    "agreement_person": 0.5,
}
SPECIFIC_PLACES = {"city", "base", "border_crossing", "province", "other"}
ROLE_BEFORE = {"attack": "perpetrator", "air_strike": "perpetrator", "offensive": "perpetrator"}
SUPPORT_WORDS = re.compile(
    r"\b(?:aided|backed|supported|assisted|helped|armed)\s+by\s*$|\b(?:together|alongside|along) with\s*$"
)
_NOT_A_LOCATION = re.compile(
    r"\b(?<!city )(?<!town )(?<!province )(?<!capital )(?<!outskirts )(?<!siege )(?<!battle )of\s+$|\bby\s+$"
)
EVENT_NOUNS = coref.ROLE_NOUNS | {"arms", "weapons", "airspace", "roads", "bases", "sites"}
_RESPONSIBILITY = re.compile(r"\b(?:claim\w*|took|takes) responsibility\b")
_CAPITALISED = re.compile(r"\b([A-Z][a-z]+s?)((?:\s+[\w-]+){1,3})")
_PRONOUNS = re.compile(r"\b(?:he|she|they|them)\b", re.I)
_DEATH_OF = re.compile(r"\b(?:death|killing|assassination)s? of\b")
_FELL_TO = re.compile(r"\bf[ae]ll(?:en)? to\s+(?:the\s+)?$")
_PASSIVE_TARGET = re.compile(r"\b(?:subject to|victims? of|targeted by|hit by)\b")
_BY_BEFORE = re.compile(r"\b(?:by|led by)\s+(?:the\s+)?[\w-]*\s*$")
_LOCATED_IN = re.compile(r"\b(?:in|inside|across)\s+$")
_SAID_BEFORE = re.compile(r"\b(?:said|told|revealed|reported|discovered|announced)\s*(?:on\s*)?$")
_SAID_AFTER = re.compile(
    r",?\s*(?:the\s+)?[\w .’']{0,40}?\b(?:said|told|revealed|reported|discovered)\b"
)
_STRUCK = re.compile(r"(?:struck|hit|bombed)\b")
_INDEFINITE = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,3}$")
_CONDITIONAL = re.compile(r"\b(?:if|unless|whether)\s*$", re.I)


@dataclass
class Hit:
    """One event cue found in a sentence, with its clause."""

    kind: str
    start: int  # absolute offsets of the cue words
    end: int
    noun: bool
    strong: bool
    anaphoric: bool = False
    quantity: str = ""
    clause: tuple[int, int] = (0, 0)
    anaphor_only: bool = False
    indefinite: bool = False  # "a March 2023 agreement": a new event, whatever came before


def clause_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]`` (offsets into ``text``)."""
    left = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    lead = LEADING_PHRASE.match(text)
    if lead and lead.end() <= start:
        left = max(left, lead.end())
    right = next((m.start() for m in CLAUSE_BREAK.finditer(text, end)), len(text))
    return left, right


# Per cue: the literal strings its matches start with (tested for all cues at once through
# _CUE_GATES) and those they end with (tested for the few cues that pass the first test).
_GATED_CUES = [(cue, gate(cue.pattern), gate(cue.pattern, ends=True)) for cue in CUES]
_CUE_GATES = Gates(prefixes for _, prefixes, _ in _GATED_CUES)


def cue_gates(body: str, sentences: list[tuple[int, int]]) -> list[frozenset[int]]:
    """For each sentence of ``body``, the cues that may match in it (for :func:`find_hits`)."""
    return _CUE_GATES.passing_spans(body, sentences)


def find_hits(text: str, offset: int, passing: frozenset[int] | None = None) -> list[Hit]:
    """Event cues in one sentence, overlaps resolved in favour of the longer, earlier cue.

    ``passing``: the cues :func:`cue_gates` let through for this sentence, if known.
    """
    found: list[Hit] = []
    if passing is None:
        passing = _CUE_GATES.passing(text)
    for i in sorted(passing):  # in cue order: the earlier cue wins
        cue, _, suffixes = _GATED_CUES[i]
        if not may_match(suffixes, text):
            continue
        for m in cue.pattern.finditer(text):
            if any(h.start < offset + m.end() and offset + m.start() < h.end for h in found):
                continue
            if cue.noun and COMPOUND_HEADS.match(text, m.end()):
                continue  # "deal talks", "strike campaign": the next noun is the head
            before = text[: m.start()]
            if cue.kind == "meeting" and PASSIVE_MET.search(before[-12:] + m.group()):
                continue  # "he was met with defiance"
            clause = clause_of(text, m.start(), m.end())
            hit = Hit(cue.kind, offset + m.start(), offset + m.end(), cue.noun, cue.strong)
            hit.anaphor_only = cue.anaphor_only
            if cue.kind == "attack" and _STRUCK.match(m.group()) and AIRCRAFT.search(text, *clause):
                hit.kind = "air_strike"  # "U.S. aircraft struck three facilities"
            hit.anaphoric = (
                cue.noun and bool(ANAPHORA.search(before[-40:])) or m.group().startswith("to ")
            )
            hit.indefinite = cue.noun and bool(_INDEFINITE.search(before[-40:]))
            q = QUANTITY.search(before[-30:])
            hit.quantity = f"{q.group(1).lower()} {m.group().lower()}" if q else ""
            hit.clause = (offset + clause[0], offset + clause[1])
            found.append(hit)
    return sorted(found, key=lambda h: h.start)


def is_realis(text: str, offset: int, hit: Hit) -> bool:
    """Whether the cue reports something that happened (not planned, feared or denied)."""
    a, b = hit.clause[0] - offset, hit.clause[1] - offset
    clause = text[a:b]
    opener = _CONDITIONAL.search(text[max(0, a - 10) : a])
    if not IRREALIS.search(clause) and not opener:
        return True
    head = text[:a]
    return bool(
        ANNOUNCING.search(head[-80:]) or ANNOUNCING.search(clause[: hit.start - offset - a])
    )


class EventFacts:
    """Reads participants, places, dates and casualty counts from spans of one article."""

    def __init__(
        self,
        doc: CleanDocument,
        sentences: list[tuple[int, int]],
        mentions: list[MentionProposal],
        places: list[PlaceMention],
        catalog: Catalog,
    ):
        self.doc = doc
        self.body = doc.body
        self.sentences = sentences
        starts = [s for s, _ in sentences]
        ordered = all(e <= s2 for (_, e), (s2, _) in zip(sentences, sentences[1:], strict=False))
        self._sentence_starts = starts if ordered else None
        self.mentions = mentions
        self.places = places
        self.catalog = catalog
        self.last_day: PartialDate | None = None  # latest date to the day, for "three days later"

    def actors(self, a: int, b: int, hit: Hit) -> list[RoleProposal]:
        """Participants named in ``[a, b)`` with roles, reporting frames left out."""
        text = self.body
        frames = [m for m in REPORTING.finditer(text, a, hit.start)]
        responsible = _RESPONSIBILITY.search(text[a : hit.start])
        if (
            frames
            and not responsible
            and not (hit.kind in ("aid", "arms_transfer") and ANNOUNCING.search(frames[-1].group()))
        ):
            a = max(a, frames[-1].end())
        b = end_before_source(text, hit.end, b)
        out: list[tuple[str, str]] = []
        inner = coref.inside(self.mentions, a, b)
        described = modifiers(
            text, inner, (hit.start, hit.end), lambda k: coref.is_person(self.catalog, k)
        )
        for i, m in enumerate(inner):
            if i in described:
                continue  # "Iraq's Prime Minister Mohammed Shia al-Sudani": Sudani takes part
            kind = coref.actor_kind(self.catalog, m.actor)
            if kind == "media" and hit.kind != "statement":
                continue
            if kind == "state" and LOCATIVE_BEFORE.search(text[max(0, m.start - 30) : m.start]):
                continue  # "in Iraq", "a border crossing with Iran": a place here
            out.append(self._role(hit, m.start, m.end, m.actor))
        for w in _CAPITALISED.finditer(text[a:b]):
            key = coref.demonym_key(self.catalog, w.group(1), people=True)
            if not key:
                continue
            nouns = {n.lower() for n in w.group(2).split()}
            titled = any(
                coref.is_person(self.catalog, m.actor)
                for m in coref.inside(self.mentions, a + w.start(), a + w.end() + 40)
                if m.start - (a + w.end()) < 25
            )
            if not titled and (w.group(1).endswith("s") or nouns & EVENT_NOUNS):
                out.append(self._role(hit, a + w.start(), a + w.end(), key))
        for w in _PRONOUNS.finditer(text[a:b]):
            key = self._pronoun(a + w.start(), w.group().lower() in ("he", "she"))
            if key:
                out.append(self._role(hit, a + w.start(), a + w.end(), key))
        seen: dict[str, RoleProposal] = {}
        for r in out:
            seen.setdefault(r.actor, r)
        return list(seen.values())

    def _sentences_near(self, pos: int) -> list[tuple[int, tuple[int, int]]]:
        """(index, sentence) for the sentences that may hold ``pos``, in order."""
        if self._sentence_starts is None:
            return list(enumerate(self.sentences))
        i = max(0, bisect_right(self._sentence_starts, pos) - 1)
        return [(i, self.sentences[i])] if self.sentences else []

    def _pronoun(self, pos: int, person: bool) -> str | None:
        """He/she: the nearest person before; they: the subject of the previous sentence."""
        here = next((i for i, (s, e) in self._sentences_near(pos) if s <= pos < e), 0)
        if not person and here > 0:
            ps, pe = self.sentences[here - 1]
            for m in coref.inside(self.mentions, ps, pe):
                if not coref.is_person(self.catalog, m.actor):
                    return m.actor if coref.actor_kind(self.catalog, m.actor) != "media" else None
        m = coref.nearest_before(
            pos, self.mentions, self.catalog, person=person, floor=max(0, pos - 400)
        )
        return m.actor if m else None

    def _role(self, hit: Hit, start: int, end: int, key: str) -> RoleProposal:
        role, rule = self._role_rule(hit, start, end)
        return RoleProposal(key, role, ROLE_CONFIDENCE[rule], rule)

    def _role_rule(self, hit: Hit, start: int, end: int) -> tuple[str, str]:
        """(role, rule) of the actor named at ``[start, end)`` in the cue's clause."""
        before = self.body[max(hit.clause[0] - 60, 0) : start]
        if _RESPONSIBILITY.search(self.body[start : hit.start]):
            return "perpetrator", "claimed_responsibility"
        if SUPPORT_WORDS.search(before):
            return ("supporter" if hit.kind in ROLE_BEFORE else "participant"), "backed_by"
        if (
            hit.kind in ROLE_BEFORE
            and end <= hit.start
            and not self.body[end : hit.start].strip(" -")
        ):
            return "perpetrator", "modifier_of_cue"  # "a U.S. drone strike"
        if _DEATH_OF.search(before[-120:]):
            return "target", "death_of"
        if _FELL_TO.search(self.body[hit.start : start]):
            return "perpetrator", "fell_to"
        if hit.kind in ROLE_BEFORE:
            passive = _PASSIVE_TARGET.search(self.body[start : hit.start])
            if start < hit.start:
                return ("target", "passive_target") if passive else ("perpetrator", "before_cue")
            by = _BY_BEFORE.search(self.body[hit.end : start])
            return ("perpetrator", "by_agent") if by else ("target", "after_cue")
        if hit.kind in ("aid", "arms_transfer"):
            return ("supporter", "giver") if start < hit.start else ("participant", "in_clause")
        if hit.kind == "agreement":
            if coref.is_person(self.catalog, self._key_at(start)):
                return "participant", "in_clause"
            return "signatory", "agreement_party"
        if hit.kind == "death":
            return "target", "who_died"
        return "participant", "in_clause"

    def _key_at(self, pos: int) -> str:
        return next((m.actor for m in covering(self.mentions, pos)), "")

    def place(self, a: int, b: int) -> str | None:
        """The most specific place named in ``[a, b)`` as a location (not "at the behest of")."""
        inner = within(self.places, a, b)
        inner = [
            p
            for p in inner
            if not _NOT_A_LOCATION.search(self.body[max(0, p.start - 30) : p.start])
        ]
        specific = [p for p in inner if self._place_kind(p.place) in SPECIFIC_PLACES]
        if specific:
            return specific[0].place
        located = [p for p in inner if _LOCATED_IN.search(self.body[a : p.start])]
        return located[0].place if located else None

    def specific(self, place: str) -> bool:
        """Whether a place is finer than a country or region (a city, base, crossing ...)."""
        return self._place_kind(place) in SPECIFIC_PLACES

    def _place_kind(self, key: str) -> str:
        found = catalog_place(self.catalog, key)
        return found.kind if found else ""

    def date(self, s: int, e: int, hit: Hit) -> TimeExpr | None:
        """The time expression of sentence ``[s, e)`` nearest the cue, not a reporting verb's."""
        text = self.body[s:e]
        best: tuple[int, TimeExpr] | None = None
        for t in find_temporal_expressions(text, self.doc.published):
            ta, tb = s + t.start, s + t.end
            lo, hi = (tb, hit.start) if tb <= hit.start else (hit.end, ta)
            between = self.body[lo:hi]
            if REPORTING.search(between) and not ANNOUNCING.search(between):
                continue  # "The Pentagon said Tuesday that the campaign ..."
            if CLAUSE_BREAK.search(between) and not (hit.clause[0] <= ta < hit.clause[1]):
                continue
            near = _SAID_BEFORE.search(self.body[max(0, ta - 16) : ta])
            after = _SAID_AFTER.match(self.body[tb : tb + 60])
            if near or (after and hit.start > tb):
                continue
            distance = hi - lo
            if best is None or distance < best[0]:
                best = (distance, t)
        if best is None and self.last_day is not None:
            later = LATER.search(self.body, *hit.clause) or LATER.search(self.body, s, e)
            if later:  # "Three days later, Iran launched ..."
                date = shift(self.last_day, later.group())
                return (
                    TimeExpr(later.start() - s, later.end() - s, later.group(), date)
                    if date
                    else None
                )
        return best[1] if best else None

    def fatalities(self, a: int, b: int) -> int | None:
        """A stated death toll in ``[a, b)`` ("116 members having been killed" → 116)."""
        m = FATALITIES.search(self.body, a, b)
        if not m:
            return None
        raw = next(g for g in m.groups() if g).replace(",", "").lower()
        return int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)

    def title(self, p: EventProposal) -> str:
        """A short headline: "Iran–Iraq security agreement signed", "Offensive on Mosul"."""
        name = self._name
        by_role: dict[str, list[str]] = {}
        for r in p.participants:
            by_role.setdefault(r.role, []).append(r.actor)
        noun = TITLE_NOUNS[p.kind]
        found = catalog_place(self.catalog, p.place)
        place = found.name if found else ""
        if p.kind == "agreement":
            sides = "–".join(name(k) for k in by_role.get("signatory", [])[:2])
            kind = re.search(rf"\b([a-z]+)\s+{re.escape(p.cue)}\b", self.body[p.start : p.end])
            modifier = kind.group(1) if kind and kind.group(1) not in _NOT_MODIFIERS else ""
            return _upper_first(" ".join(w for w in (sides, modifier, "agreement signed") if w))
        if p.kind in ("attack", "air_strike", "offensive"):
            who = by_role.get("perpetrator", [])[:1]
            whom = by_role.get("target", [])[:1]
            title = f"{name(who[0])} {noun}" if who else _upper_first(noun)
            if p.kind == "offensive" and place:
                return f"Offensive on {place}"
            if whom:
                title += f" on {name(whom[0])}"
            return title + (f" in {place}" if place else "")
        if p.kind == "death":
            whom = by_role.get("target", [])[:1]
            return f"Death of {name(whom[0])}" if whom else "Death"
        if p.kind in ("aid", "arms_transfer"):
            who, whom = by_role.get("supporter", [])[:1], by_role.get("participant", [])[:1]
            title = f"{name(who[0])} {noun}" if who else _upper_first(noun)
            return title + (f" to {name(whom[0])}" if whom else "")
        keys = [r.actor for r in p.participants][:2]
        title = f"{' and '.join(name(k) for k in keys)} {noun}" if keys else _upper_first(noun)
        return title + (f" in {place}" if place else "")

    def _name(self, key: str) -> str:
        actor = catalog_actor(self.catalog, key)
        return actor.name if actor else key


_NOT_MODIFIERS = {
    "a", "an", "the", "this", "that", "new", "recent", "latest", "previous", "first", "its",
    "their", "his", "her", "of", "on", "signed", "any", "no", "such", "which",
}  # fmt: skip


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
