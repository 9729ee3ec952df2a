"""Storing an article's event proposals: each creates an event or attaches to one it retells."""

from __future__ import annotations

from articles.models import Claim
from events.models import Event, EventSource, Participant, Place, derive_date_columns
from kb.core.bulk import insert_rows
from kb.core.choices import Origin, ReviewStatus
from kb.core.history import bulk_create_tracked
from kb.ingest.store.eventpool import EventPool, matching_event, refine
from kb.ingest.store.units import CHANGE_REASON, Unit


def store_events(
    units: list[Unit], actors: dict[str, int], claims: list[list[Claim | None]]
) -> None:
    """Create or attach an event per proposal; point overlapping (unsaved) claims at it.

    Articles are taken in order, so an event created for one article of a batch is found
    again by a later one that reports it.
    """
    for unit in units:
        unit.report.counts["events_created"] = unit.report.counts["events_attached"] = 0
    proposals = [p for unit in units for p in unit.extraction.events]
    if not proposals:
        return
    wanted = {p.place for p in proposals if p.place}
    places = dict(Place.objects.filter(slug__in=wanted).values_list("slug", "pk")) if wanted else {}
    named = {actors[k] for p in proposals for k in p.actor_keys() if k in actors}
    pool = EventPool({p.kind for p in proposals}, named, [u.article for u in units if not u.fresh])
    new_events: list[Event] = []
    new_participants: list[Participant] = []
    new_sources: list[tuple[Event, int, int, int, str, str]] = []
    for unit, unit_claims in zip(units, claims, strict=True):
        article, body, counts = unit.article, unit.article.body, unit.report.counts
        for p in unit.extraction.events:
            # (actor id, role) → the role proposal that put the actor there
            participants = {
                (actors[r.actor], r.role): r for r in p.participants if r.actor in actors
            }
            place_id = places.get(p.place) if p.place else None
            same_article = False
            event, reason = matching_event(p, set(participants), place_id, pool, article)
            if event is not None:
                same_article = bool(pool.taken(event, article))
            if event is None:
                event = Event(
                    title=p.title[:300],
                    kind=p.kind,
                    date=p.date.edtf() if p.date else "",
                    date_end=p.date_end.edtf() if p.date_end else "",
                    date_text=p.date_text[:200],
                    place_id=place_id,
                    fatalities=p.fatalities,
                    confidence=p.confidence,
                    rule=p.rule[:40],
                    status=ReviewStatus.PROPOSED,
                    origin=Origin.INGEST,
                )
                pool.add(event)
                new_events.append(event)
                counts["events_created"] += 1
            else:
                if p.start in pool.taken(event, article):
                    continue
                refine(event, p, place_id, same_article)
                counts["events_attached"] += 1
            for (a, role), r in sorted(participants.items()):
                if (a, role) not in pool.have[id(event)]:
                    pool.took_part(event, a, role)
                    new_participants.append(
                        Participant(
                            event=event,
                            actor_id=a,
                            role=role,
                            confidence=r.confidence,
                            rule=r.rule[:40],
                        )
                    )
            # The main sentence, then any other sentence of the article reporting the event.
            taken = pool.taken(event, article)
            spans = [(p.start, p.end)] + [(s, e) for s, e in p.spans if e > s]
            dated = _dated_span(p, spans, body)
            merge_reason = reason if reason and not same_article else ""
            for start, end in spans:
                if start in taken:
                    continue
                taken.add(start)
                date_text = p.date_text[:200] if start == dated else ""
                new_sources.append(
                    (event, article.pk, start, end, body[start:end], date_text, merge_reason)
                )
            for claim in unit_claims:
                if claim is not None and claim.event is None and _overlaps(claim, spans):
                    claim.event = event
    for event in new_events:
        event.date_precision, event.date_min, event.date_max = derive_date_columns(
            event.date, event.date_end
        )
    bulk_create_tracked(Event, new_events, reason=CHANGE_REASON)
    bulk_create_tracked(Participant, new_participants, reason=CHANGE_REASON)
    insert_rows(
        EventSource,
        ("event", "article", "start", "end", "quote", "date_text", "merge_reason"),
        [(event.pk, *rest) for event, *rest in new_sources],
    )


def _dated_span(p, spans: list[tuple[int, int]], body: str) -> int | None:
    """Start of the sentence that states the event's date: a date belongs to its sentence."""
    words = p.date_text.split(" (year inferred")[0].strip()
    if not words:
        return None
    return next((start for start, end in spans if words in body[start:end]), None)


def _overlaps(claim: Claim, spans: list[tuple[int, int]]) -> bool:
    return any(claim.sentence_start < end and start < claim.sentence_end for start, end in spans)
