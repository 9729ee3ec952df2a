"""The events an article's proposals may report again, and how a second report refines one.

Used by kb.ingest.store.events: matching happens in memory, against events loaded
in a few queries per batch of articles, so that the events can then be written in bulk.
"""

from __future__ import annotations

from django.db.models import F, Window
from django.db.models.functions import DenseRank

from articles.models import Article
from events.models import Event, EventSource, Participant
from kb.core.choices import ReviewStatus
from kb.core.edtf import PartialDate
from kb.ingest.store.units import CHANGE_REASON
from kb.ingest.text.dateranges import dates_compatible
from kb.ingest.types import EventProposal

#: How many earlier events (oldest first) of one kind and actor a proposal is compared with.
MATCH_LIMIT = 50


class EventPool:
    """The events the proposals of some articles may report again, with who took part in each.

    Loaded in two queries: every participant of the events that are, for some (kind, actor)
    pair the proposals name, among the oldest ``MATCH_LIMIT`` not rejected; then the events.
    Events these articles create join the pool (unsaved, after every stored one), so a
    later article of the same batch finds them. ``stored_articles`` are the articles that
    may already have sources (re-ingested ones); their stored source starts are loaded too.
    """

    def __init__(self, kinds: set[str], actor_ids: set[int], stored_articles: list[Article]):
        self.have: dict[int, set[tuple[int, str]]] = {}
        # Events by (kind, participant), each list in pool order, and each event's place in it.
        self._by_actor: dict[tuple[str, int], list[Event]] = {}
        self._order: dict[int, int] = {}
        self._sources: dict[tuple[int, int], set[int]] = {}
        self._stored_sources: dict[tuple[int, int], set[int]] = {}
        if kinds and actor_ids:
            ranked = (
                Participant.objects.filter(event__kind__in=kinds, actor_id__in=actor_ids)
                .exclude(event__status=ReviewStatus.REJECTED)
                .annotate(
                    rank=Window(
                        DenseRank(),
                        partition_by=[F("event__kind"), F("actor_id")],
                        order_by=F("event_id").asc(),
                    )
                )
                .filter(rank__lte=MATCH_LIMIT)
                .order_by()
                .values_list("event_id", flat=True)
            )
            by_event: dict[int, set[tuple[int, str]]] = {}
            rows = Participant.objects.filter(event_id__in=ranked).order_by()
            for event_id, actor_id, role in rows.values_list("event_id", "actor_id", "role"):
                by_event.setdefault(event_id, set()).add((actor_id, role))
            if by_event:
                for event in Event.objects.filter(pk__in=by_event).order_by("pk"):
                    self.add(event, by_event[event.pk])
        if stored_articles:
            rows = EventSource.objects.filter(article__in=stored_articles)
            for article_id, event_id, start in rows.values_list("article_id", "event_id", "start"):
                self._stored_sources.setdefault((article_id, event_id), set()).add(start)

    def add(self, event: Event, participants: set[tuple[int, str]] | None = None) -> None:
        self._order[id(event)] = len(self._order)
        self.have[id(event)] = set()
        for actor_id, role in participants or ():
            self.took_part(event, actor_id, role)

    def took_part(self, event: Event, actor_id: int, role: str) -> None:
        """Record a participant of a pooled event (stored, or about to be)."""
        have = self.have[id(event)]
        if not any(a == actor_id for a, _ in have):
            self._by_actor.setdefault((event.kind, actor_id), []).append(event)
        have.add((actor_id, role))

    def taken(self, event: Event, article: Article) -> set[int]:
        """Starts of ``article``'s sources for ``event`` (stored or about to be)."""
        key = (article.pk, id(event))
        if key not in self._sources:
            stored = self._stored_sources.get((article.pk, event.pk), ()) if event.pk else ()
            self._sources[key] = set(stored)
        return self._sources[key]

    def candidates(self, kind: str, actor_ids: set[int]) -> list[Event]:
        """The first ``MATCH_LIMIT`` events, in pool order, of this kind with one of these
        actors taking part."""
        found = {
            id(event): event
            for actor_id in actor_ids
            for event in self._by_actor.get((kind, actor_id), ())
        }
        ordered = sorted(found.values(), key=lambda e: self._order[id(e)])
        return ordered[:MATCH_LIMIT]


def matching_event(
    p: EventProposal,
    participants: set[tuple[int, str]],
    place_id: int | None,
    pool: EventPool,
    article: Article,
) -> tuple[Event | None, str]:
    """An earlier event this proposal reports again, and why ("" when none).

    Within one article (the event already has a source in it) kind, shared actors and
    compatible dates suffice: the article's own reports of one event. Across articles the
    rules are strict (issue 12): same kind; both dated, to the same date at the same
    precision; places that do not conflict; at least one actor in the same role and none in
    opposite roles (perpetrator in one, target in the other). Undated events never merge
    across articles.
    """
    actor_ids = {a for a, _ in participants}
    if not actor_ids:
        return None, ""
    for event in pool.candidates(p.kind, actor_ids):
        if pool.taken(event, article):
            if p.date and event.date:
                if dates_compatible(p.date, PartialDate.parse(event.date)):
                    return event, "same article: same kind, shared actors, compatible dates"
            elif not p.date and not event.date and place_id and event.place_id == place_id:
                return event, "same article: same kind, shared actors, same place"
            continue
        reason = _same_event_elsewhere(p, participants, place_id, event, pool)
        if reason:
            return event, reason
    return None, ""


def _same_event_elsewhere(
    p: EventProposal,
    participants: set[tuple[int, str]],
    place_id: int | None,
    event: Event,
    pool: EventPool,
) -> str:
    """Why ``event`` (reported by other articles) is the event ``p`` reports; "" if not."""
    if not p.date or not event.date or p.date.edtf() != event.date:
        return ""
    if (p.date_end.edtf() if p.date_end else "") != (event.date_end or ""):
        return ""
    if place_id and event.place_id and place_id != event.place_id:
        return ""
    have = pool.have[id(event)]
    shared = participants & have
    if not shared:
        return ""
    roles = {a: r for a, r in have}
    for actor, role in participants:
        if {role, roles.get(actor)} == {"perpetrator", "target"}:
            return ""
    return (
        f"same kind and date ({event.date}), places agree, {len(shared)} actor(s) in the same role"
    )[:200]


def refine(event: Event, p: EventProposal, place_id: int | None, same_article: bool) -> None:
    """Fill in what an unreviewed event lacks from a second report (finer date, place).

    A report from another article never changes the event's date (the date its own sources
    give); it may only add a place or a death toll the event lacks.
    A stored event is saved at once; one created by this article is saved with the others.
    """
    if event.status != ReviewStatus.PROPOSED:
        return
    changed = False
    current = PartialDate.parse(event.date) if event.date else None
    if same_article and p.date and (current is None or _finer(p.date, current)):
        event.date, event.date_text, changed = p.date.edtf(), p.date_text[:200], True
    if place_id and not event.place_id:
        event.place_id, changed = place_id, True
    if p.fatalities and not event.fatalities:
        event.fatalities, changed = p.fatalities, True
    if changed and event.pk is not None:
        event._change_reason = CHANGE_REASON
        event.save()


def _finer(a: PartialDate, b: PartialDate) -> bool:
    order = {"year": 0, "month": 1, "day": 2}
    return (a.year is not None, order[a.precision]) > (b.year is not None, order[b.precision])


__all__ = ["MATCH_LIMIT", "EventPool", "matching_event", "refine"]
