"""Events: what happened, when, where and to whom, as the sentences of an article report it.

One event per sentence at most, unless the sentence links two by cause ("the death of X,
which led to protests"). A definite noun ("the deal", "the campaign") that refers back to
an event already found adds its sentence, date and place to that event instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from kb.ingest.catalog import Catalog
from kb.ingest.events.cues import (
    ALLEGED,
    ANNOUNCING,
    CAUSAL,
    EVENTIVE_AFTER,
    EVENTIVE_BEFORE,
    FAMILY,
    PRIORITY,
)
from kb.ingest.events.facts import (
    EVENT_CONFIDENCE,
    EventFacts,
    Hit,
    cue_gates,
    find_hits,
    is_realis,
)
from kb.ingest.events.merge import merge_retold
from kb.ingest.events.roles import ROLE_CONFIDENCE
from kb.ingest.events.titles import event_title
from kb.ingest.link import coref
from kb.ingest.text.dates import find_temporal_expressions, ranges_compatible
from kb.ingest.text.quotes import quotations
from kb.ingest.text.spans import pairs_overlapping, starting_in
from kb.ingest.types import (
    CleanDocument,
    EventProposal,
    MentionProposal,
    PlaceMention,
    RoleProposal,
)

# How many earlier events of a kind a new report is compared with (bounds long articles).
_LOOK_BACK = 200


@dataclass
class _Event:
    proposal: EventProposal
    paragraph: int
    quantity: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)


class _Extractor:
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
        self._starts = sorted(a for a, _ in sentences)
        self.catalog = catalog
        body = self.body
        self.mentions = [
            m
            for m in mentions
            if body[m.start - 1 : m.start] != "-" and body[m.end : m.end + 1] != "-"
        ]
        self.places = places
        self.notes = list(getattr(doc, "notes", []) or [])
        self.paragraphs = list(doc.paragraphs or [(0, len(body))])
        self._par_starts = [s for s, _ in self.paragraphs]
        self._par_sorted = all(
            e <= s2 for (_, e), (s2, _) in zip(self.paragraphs, self.paragraphs[1:], strict=False)
        )
        self.events: list[_Event] = []
        self._by_kind: dict[str, list[_Event]] = {}  # the same events, by kind and by family
        self._by_family: dict[str, list[_Event]] = {}
        self.quotes = quotations(self.body)
        self.facts = EventFacts(doc, sentences, self.mentions, places, catalog)

    def _paragraph(self, pos: int) -> int:
        i = bisect_right(self._par_starts, pos) - 1
        if self._par_sorted:
            return i if i >= 0 and pos < self.paragraphs[i][1] else -1
        return next((i for i, (s, e) in enumerate(self.paragraphs) if s <= pos < e), -1)

    def _fits(self, ev: _Event, h: Hit) -> bool:
        """Whether the date in the anaphor's clause (if any) can be the event's date."""
        q = ev.proposal
        for t in find_temporal_expressions(
            self.body[h.clause[0] : h.clause[1]], self.doc.published
        ):
            if t.date and q.date and not ranges_compatible(q.date, q.date_end, t.date, t.date_end):
                return False
        return True

    def _recent(self, ev: _Event, s: int) -> bool:
        """Whether ``ev`` was last reported within the previous three sentences."""
        last = max([ev.proposal.start, *(a for a, _ in ev.spans)])
        starts = self._starts
        return bisect_right(starts, s) - bisect_right(starts, last) <= 3

    def sentence(self, s: int, e: int, cues: frozenset[int] | None = None) -> None:
        """Add the event (or two) sentence ``[s, e)`` reports, or extend earlier ones.

        ``cues``: the event cues that may match in the sentence, when already known.
        """
        text = self.body[s:e]
        if text.rstrip().endswith("?") or any(a <= s < b for a, b in self.notes):
            return
        hits = [h for h in find_hits(text, s, cues) if is_realis(text, s, h)]
        if not hits:
            return
        fresh: list[Hit] = []
        merged: set[str] = set()
        for h in hits:
            target = self._antecedent(h) if h.anaphoric else None
            if target is not None and not self._fits(target, h):
                target = None  # "the death of X on September 16": its own date, another event
            if target is not None:
                self._merge(
                    target,
                    h,
                    s,
                    e,
                    others=[g for g in hits if g is not h and (g.kind != h.kind or g.indefinite)],
                )
                merged.add(h.kind)
            elif (
                h.anaphor_only or self._in_short_quote(h) or ALLEGED.search(self.body[s : h.start])
            ):
                continue  # "the strike" with nothing to refer to; "an “assault on sovereignty”"
            elif h.strong or self._anchored(h):
                fresh.append(h)
        fresh = [
            h for h in fresh if not (h.kind in merged and h.strong)
        ]  # "The deal, finalized on ..."
        if not fresh:
            return
        chosen = [self._primary(fresh)]
        for h in fresh:
            if h.kind == chosen[0].kind or (h.start, h.end) == (chosen[0].start, chosen[0].end):
                continue
            between = self.body[min(h.start, chosen[0].start) : max(h.start, chosen[0].start)]
            if CAUSAL.search(between) or self._own_date(h, chosen[0], s, e):
                chosen.append(h)  # "... since the death of X on September 16"
                break
        for h in chosen:
            self._add(h, s, e)
        for t in find_temporal_expressions(self.body[s:e], self.doc.published):
            if t.date and t.date.day and not t.date_end:
                self.facts.last_day = t.date

    def _own_date(self, h: Hit, primary: Hit, s: int, e: int) -> bool:
        """Whether a date in the sentence belongs to ``h`` rather than to the primary cue."""
        for t in find_temporal_expressions(self.body[s:e], self.doc.published):
            at = s + (t.start + t.end) // 2
            if (
                t.date
                and abs(at - h.start) < abs(at - primary.start)
                and h.clause[0] <= at < h.clause[1]
            ):
                return True
        return False

    def _in_short_quote(self, h: Hit) -> bool:
        """A cue inside a quotation of a few words is someone's wording, not a report."""
        return any(
            len(self.body[a:b].split()) <= 8
            for a, b in pairs_overlapping(self.quotes, h.start, h.start + 1)
        )

    def _anchored(self, h: Hit) -> bool:
        """A noun cue names an event only with an actor, place or date in its clause."""
        a, b = h.clause
        if coref.inside(self.mentions, a, b) or starting_in(self.places, a, b):
            return True
        if EVENTIVE_AFTER.match(self.body[h.end : b]) or EVENTIVE_BEFORE.search(
            self.body[a : h.start]
        ):
            return True
        if re.search(r"\b(?:by|between|against|on|of|in)\s+(?:the\s+)?[A-Z]", self.body[h.end : b]):
            return True
        return bool(find_temporal_expressions(self.body[a:b], self.doc.published))

    def _primary(self, hits: list[Hit]) -> Hit:
        """The cue that names the sentence's event: by kind priority within one clause."""
        first = next((h for h in hits if h.strong), None)
        first = first or next((h for h in hits if not h.leading), hits[0])
        violent = ("air_strike", "attack") if first.strong else PRIORITY
        group = [first] + [
            h for h in hits if h.noun and h.clause == first.clause and h.kind in violent
        ]
        best = min(group, key=lambda h: (PRIORITY.index(h.kind), h.start))
        same = [h for h in hits if h.kind == best.kind]
        clause = (min(h.clause[0] for h in same), max(h.clause[1] for h in same))
        return replace(best, clause=clause)

    def _antecedent(self, h: Hit) -> _Event | None:
        family = FAMILY.get(h.kind, h.kind)
        same = self._by_kind.get(h.kind, [])[-_LOOK_BACK:]  # "these airstrikes": the airstrikes
        same = same or self._by_family.get(family, [])[-_LOOK_BACK:]
        return max(reversed(same), key=lambda ev: len(ev.spans), default=None)

    def _add(self, h: Hit, s: int, e: int) -> None:
        a, b = h.clause
        announced = ANNOUNCING.search(self.body[max(s, a - 40) : a])
        if announced and h.kind in ("aid", "arms_transfer", "agreement"):
            a = s  # "the Pentagon announced that it would be providing aid": the giver
        pair = re.match(
            r"\s+between\s+.{3,80}?\s+and\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*",
            self.body[h.end : b],
        )
        if h.kind == "agreement" and pair:
            participants = self.facts.actors(h.end, h.end + pair.end(), h)
            persons = [
                m
                for m in coref.inside(self.mentions, s, e)
                if coref.is_person(self.catalog, m.actor)
            ]
            participants += [
                RoleProposal(m.actor, "participant", ROLE_CONFIDENCE["agreement_person"],
                             "agreement_person")
                for m in persons
            ]  # fmt: skip
        elif h.kind in ("agreement", "meeting"):
            participants = self.facts.actors(s, b, h)
        else:
            participants = self.facts.actors(a, b, h)
        t = self.facts.date(s, e, h)
        place = self.facts.event_place(h)
        p = EventProposal(
            title="",
            kind=h.kind,
            start=s,
            end=e,
            date=t.date if t else None,
            date_end=t.date_end if t else None,
            date_text=t.text if t else "",
            place=place,
            participants=participants,
            fatalities=self.facts.fatalities(a, b)
            if h.kind in ("attack", "air_strike", "offensive", "death")
            else None,
            cue=self.body[h.start : h.end],
            rule="verb_cue" if h.strong else "noun_cue",
        )
        p.confidence = EVENT_CONFIDENCE[p.rule]
        par = self._paragraph(s)
        keys = p.actor_keys()
        same = [
            ev
            for ev in reversed(self._by_kind.get(p.kind, [])[-_LOOK_BACK:])
            if ranges_compatible(ev.proposal.date, ev.proposal.date_end, p.date, p.date_end)
        ]
        counted = [ev for ev in same if h.quantity and h.quantity == ev.quantity]
        nearby = [
            ev
            for ev in same
            if not h.indefinite
            and (ev.paragraph == par and (not keys or keys & ev.proposal.actor_keys()))
            or (place and place == ev.proposal.place and self.facts.specific(place))
            or (
                not keys
                and not (place and self.facts.specific(place))
                and not p.date
                and self._recent(ev, s)
            )
        ]
        for ev in counted + nearby:
            self._merge(ev, h, s, e, facts=p)
            return
        self._append(_Event(p, par, h.quantity))

    def _append(self, ev: _Event) -> None:
        self.events.append(ev)
        kind = ev.proposal.kind
        self._by_kind.setdefault(kind, []).append(ev)
        self._by_family.setdefault(FAMILY.get(kind, kind), []).append(ev)

    def _merge(
        self,
        ev: _Event,
        h: Hit,
        s: int,
        e: int,
        facts: EventProposal | None = None,
        others: list[Hit] = (),
    ) -> None:
        """Add a sentence reporting ``ev`` again, filling in what it lacked."""
        q = ev.proposal
        if (s, e) != (q.start, q.end) and (s, e) not in ev.spans:
            ev.spans.append((s, e))
        if facts is None:
            t = self.facts.date(s, e, h)
            if t and any(
                abs(g.start - (s + t.start)) < abs(h.start - (s + t.start)) for g in others
            ):
                t = None  # "This agreement builds upon a March 2023 agreement": not its date
            a, b = h.clause
            lead = self.body[a : h.start]
            if len(lead.split()) > 3 and not EVENTIVE_BEFORE.search(lead):
                a = h.start  # "The US views this deal with concern": the viewer took no part
            b = min([b] + [g.start for g in others if g.start > h.end])
            facts = EventProposal("", h.kind, s, e, t.date if t else None, t.date_end if t else None,
                                  t.text if t else "", self.facts.place(a, b), self.facts.actors(a, b, h))  # fmt: skip
        if q.date is None and facts.date is not None:
            q.date, q.date_end, q.date_text = facts.date, facts.date_end, facts.date_text
        q.place = q.place or facts.place
        have = q.actor_keys()
        q.participants += [r for r in facts.participants if r.actor not in have]
        if q.fatalities is None:
            q.fatalities = facts.fatalities

    def run(self) -> list[EventProposal]:
        """Events of the whole article, titled, each with the sentences that report it."""
        for (s, e), cues in zip(self.sentences, cue_gates(self.body, self.sentences), strict=True):
            self.sentence(s, e, cues)
        out = []
        for ev in self.events:
            p = ev.proposal
            p.title = event_title(p, self.catalog, self.body)
            if hasattr(p, "spans"):
                p.spans = list(ev.spans)
            out.append(p)
        return merge_retold(out, self.catalog, self.sentences, self.body)


def extract_events(
    doc: CleanDocument,
    sentences: list[tuple[int, int]],
    mentions: list[MentionProposal],
    places: list[PlaceMention],
    catalog: Catalog,
) -> list[EventProposal]:
    """Events an article reports, with kind, date, place, participants and fatalities."""
    return _Extractor(doc, sentences, mentions, places, catalog).run()


def events_compatible(a: EventProposal, b: EventProposal) -> bool:
    """Whether two reports can describe one event: same kind, shared actors, fitting dates."""
    if a.kind != b.kind:
        return False
    keys_a, keys_b = a.actor_keys(), b.actor_keys()
    if keys_a and keys_b and not keys_a & keys_b:
        return False
    if a.place and b.place and a.place != b.place:
        return False
    return ranges_compatible(a.date, a.date_end, b.date, b.date_end)
