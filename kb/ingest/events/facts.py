"""What a sentence says about an event: its cues, participants, place, date and a title.

Plain helpers for :mod:`kb.ingest.events.extract`, which decides how sentences make up events.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from kb.core.edtf import PartialDate
from kb.ingest.catalog import Catalog, catalog_place
from kb.ingest.events.cues import (
    AIRCRAFT,
    ANAPHORA,
    ANNOUNCING,
    AUXILIARY,
    CLAUSE_BREAK,
    COMPOUND_HEADS,
    CUES,
    EVENTIVE_AFTER,
    EVENTIVE_BEFORE,
    FATALITIES,
    IRREALIS,
    LATER,
    LEADING_PHRASE,
    NUMBER_WORDS,
    PASSIVE_MET,
    QUANTITY,
    REPORTING,
)
from kb.ingest.events.participants import end_before_source, modifiers
from kb.ingest.events.roles import (
    DIRECTIONS,
    ROLE_CONFIDENCE,
    forces_of,
    is_place_here,
    role_rule,
)
from kb.ingest.link import coref
from kb.ingest.text.dates import TimeExpr, find_temporal_expressions, shift
from kb.ingest.text.prefilter import Gates, gate, may_match
from kb.ingest.text.spans import covering, within
from kb.ingest.types import (
    CleanDocument,
    MentionProposal,
    PlaceMention,
    RoleProposal,
)

# How often an event of each cue shape matched a gold event on the dev set and seeds,
# (right + 1) / (total + 2): a verb of happening ("struck"), or a noun anchored by an actor,
# place or date ("an attack on").
EVENT_CONFIDENCE = {"verb_cue": 0.88, "noun_cue": 0.94}
SPECIFIC_PLACES = {"city", "base", "border_crossing", "province", "other"}
_NOT_A_LOCATION = re.compile(
    r"\b(?<!city )(?<!town )(?<!province )(?<!capital )(?<!outskirts )(?<!siege )(?<!battle )of\s+$|\bby\s+$"
)
EVENT_NOUNS = coref.ROLE_NOUNS | {"arms", "weapons", "airspace", "roads", "bases", "sites"}
EVENT_NOUNS |= {"soldier", "servicemember", "marine", "sailor", "airman", "contractor"}
_RESPONSIBILITY = re.compile(r"\b(?:claim\w*|took|takes) responsibility\b")
_CAPITALISED = re.compile(r"\b([A-Z][a-z]+s?)((?:\s+[\w-]+){1,3})")
_PRONOUNS = re.compile(r"\b(?:he|she)\b", re.I)  # "they", "them": too often a guess
# "Iran-backed", "Iranian sponsored": a state that backs the group named next
_BACKER = re.compile(r"\b([A-Z][\w.’']*?)(?:-|\s)(?:backed|sponsored|supported|funded|aligned)\b")
# "U.S. service members", "Iraqi forces": the state's armed forces
_FORCES = re.compile(
    r"\s+(?:military\s+)?(?:forces|troops|soldiers?|service\s?members?|servicemen|servicemembers)\b"
)
_LOCATED_IN = re.compile(
    rf"\b(?:in|inside|across|throughout)\s+(?:the\s+)?(?:{DIRECTIONS}\s+)?$", re.I
)
_AND = re.compile(r"\s*(?:,|and|or|,\s*and)\s+(?:the\s+)?$")
_SAID_BEFORE = re.compile(r"\b(?:said|told|revealed|reported|discovered|announced)\s*(?:on\s*)?$")
_SAID_AFTER = re.compile(
    r",?\s*(?:the\s+)?[\w .’']{0,40}?\b(?:said|told|revealed|reported|discovered)\b"
)
_STRUCK = re.compile(r"(?:struck|hit|bombed)\b")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b(?!\s*(?:%|km|troops|people|members))")
_YEAR_REACH = 1500  # a paragraph's years are looked for this far from the date, no further
_MONTH_NAME = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?")
_PARENTHESES = re.compile(r"\([^()]{0,80}\)")
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
    leading: bool = False  # in a leading phrase: "In response to attacks on ..., X struck"


def clause_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]`` (offsets into ``text``); a short parenthesis
    that does not hold the cue ("(KH)", "(also known as …)") does not end it."""
    if "(" in text:
        text = _PARENTHESES.sub(
            lambda m: m.group() if m.start() <= start < m.end() else " " * len(m.group()), text
        )
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
            lead = LEADING_PHRASE.match(text)
            hit = Hit(cue.kind, offset + m.start(), offset + m.end(), cue.noun, cue.strong)
            hit.anaphor_only = cue.anaphor_only
            hit.leading = bool(lead) and m.end() <= lead.end()
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
        out: list[RoleProposal | None] = []
        inner = coref.inside(self.mentions, a, b)
        described = modifiers(
            text, inner, (hit.start, hit.end), lambda k: coref.is_person(self.catalog, k)
        )
        place_ends = {p.end for p in self.places}
        for i, m in enumerate(inner):
            if i in described:
                continue  # "Iraq's Prime Minister Mohammed Shia al-Sudani": Sudani takes part
            kind = coref.actor_kind(self.catalog, m.actor)
            if kind == "media" and hit.kind != "statement":
                continue
            if (kind == "state" or m.metonym) and is_place_here(text, m.start, place_ends):
                continue  # "in Iraq", "at Erbil, Iraq", "a border crossing with Iran": a place
            key = self._forces(m.actor, m.end) if kind == "state" else m.actor
            out.append(self._role(hit, m.start, m.end, key))
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
            if covering(self.mentions, a + w.start()):
                continue  # "Iraqi Council of Representatives": part of a name
            if not titled and (w.group(1).endswith("s") or nouns & EVENT_NOUNS):
                key = self._forces(key, a + w.start(1) + len(w.group(1)))
                out.append(self._role(hit, a + w.start(), a + w.start(1) + len(w.group(1)), key))
        for w in _BACKER.finditer(text, a, b):
            key = coref.demonym_key(self.catalog, w.group(1)) or coref.state_key(
                self.catalog, w.group(1)
            )
            if key:
                out.append(self._role(hit, w.start(1), w.end(1), key))
        for w in _PRONOUNS.finditer(text[a:b]):
            key = self._pronoun(a + w.start(), True)
            if key:
                out.append(self._role(hit, a + w.start(), a + w.end(), key))
        return _one_role_each([r for r in out if r is not None])

    def _forces(self, state: str, end: int) -> str:
        """ "U.S. service members", "Iraqi forces": the state's armed forces, when known."""
        if _FORCES.match(self.body, end):
            return forces_of(self.catalog, state) or state
        return state

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

    def _role(self, hit: Hit, start: int, end: int, key: str) -> RoleProposal | None:
        person = coref.is_person(self.catalog, key)
        found = role_rule(self.body, hit, start, end, person)
        if found is None:
            return None
        role, rule = found
        return RoleProposal(key, role, ROLE_CONFIDENCE[rule], rule)

    def event_place(self, hit: Hit) -> str | None:
        """The place of the cue's own clause; for a noun cue that is the subject, of its
        noun phrase ("the attack on the embassy in Baghdad has ...")."""
        a, b = hit.clause
        if hit.noun and not (
            EVENTIVE_BEFORE.search(self.body, a, hit.start)
            or EVENTIVE_AFTER.match(self.body[hit.end : b])
        ):
            verb = AUXILIARY.search(self.body, hit.end, b)
            b = verb.start() if verb else b
        return self.place(a, b, hit.start)

    def place(self, a: int, b: int, cue: int = 0) -> str | None:
        """The most specific place named in ``[a, b)`` as a location (not "at the behest of"),
        the nearest ``cue`` first."""
        inner = within(self.places, a, b)
        inner = [
            p
            for p in inner
            if not _NOT_A_LOCATION.search(self.body[max(0, p.start - 30) : p.start])
        ]
        specific = [p for p in inner if self._place_kind(p.place) in SPECIFIC_PLACES]
        if specific:
            return specific[0].place
        located = [
            p for p in inner if _LOCATED_IN.search(self.body[max(a, p.start - 40) : p.start])
        ]
        if not located:
            return None
        first = min(located, key=lambda p: abs(p.start - cue)) if cue else located[0]
        pairs = [q for q in inner if q is not first and q.place != first.place]
        if any(
            _AND.fullmatch(self.body, first.end, q.start)
            or _AND.fullmatch(self.body, q.end, first.start)
            for q in pairs
        ):
            return None  # "in Iraq and Syria": no one place
        return first.place

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
            between = _PARENTHESES.sub(" ", self.body[lo:hi])  # "(EST)", "(also known as …)"
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
        return self._with_year(best[1], s) if best else None

    def _with_year(self, t: TimeExpr, s: int) -> TimeExpr:
        """A month and day with no year written: the nearest explicit year of its paragraph
        ("In 2015, … before the offensive on Tikrit March 1"), recorded as inferred."""
        if t.date is None or t.date_end is not None:
            return t
        if t.date.year is not None:
            if t.date.day and _MONTH_NAME.search(t.text) and not _YEAR.search(t.text):
                return replace(t, text=f"{t.text} (year inferred from the article's date)")
            return t
        par = next(((a, b) for a, b in self.doc.paragraphs if a <= s < b), None)
        if par is None:
            return t
        at = s + t.start
        lo, hi = max(par[0], at - _YEAR_REACH), min(par[1], at + _YEAR_REACH)
        years = [
            (abs(m.start() - at), int(m.group()))
            for m in _YEAR.finditer(self.body, lo, hi)
            if not (s + t.start <= m.start() < s + t.end)
        ]
        if not years or len({y for _, y in years}) > 1:
            return t  # none, or several years in the paragraph: not sure which
        year = min(years)[1]
        try:
            date = PartialDate(year, t.date.month, t.date.day)
        except ValueError:
            return t
        return replace(t, date=date, text=f"{t.text} (year inferred: {year})")

    def fatalities(self, a: int, b: int) -> int | None:
        """A stated death toll in ``[a, b)`` ("116 members having been killed" → 116)."""
        m = FATALITIES.search(self.body, a, b)
        if not m:
            return None
        raw = next(g for g in m.groups() if g).replace(",", "").lower()
        return int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)


def _one_role_each(roles: list[RoleProposal]) -> list[RoleProposal]:
    """The first role of each actor; one both perpetrator and target is only a participant."""
    seen: dict[str, RoleProposal] = {}
    both = set()
    for r in roles:
        first = seen.setdefault(r.actor, r)
        if {first.role, r.role} == {"perpetrator", "target"}:
            both.add(r.actor)
    return [
        RoleProposal(
            r.actor, "participant", ROLE_CONFIDENCE["conflicting_roles"], "conflicting_roles"
        )
        if r.actor in both
        else r
        for r in seen.values()
    ]
