"""Writes on events: review status, merge two reports of one event, split one wrongly merged."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction

from articles.models import Claim
from events.models import Event, EventSource, Participant, Place
from kb.core.choices import Origin, ReviewStatus
from kb.core.history import review_set_status, save_tracked
from kb.core.merge_records import (
    close_record,
    lock_record,
    record_merge,
    record_split,
    undo_merge_record,
)
from kb.core.merging import MergeError, merge_rows, repoint, undo_split
from kb.core.models import MergeKind, MergeRecord
from kb.core.slugs import free_slug

# Blank fields of the kept event that the merged one may fill in.
FILL_FIELDS = ("description", "date", "date_end", "date_text", "place", "fatalities")


def event_set_status(*, events: models.QuerySet, status: str, user=None) -> int:
    """Accept or reject events in bulk (with history); returns how many changed."""
    return review_set_status(queryset=events, status=status, user=user, reason=f"review: {status}")


def event_merge(*, keep: Event, merge: Event, user=None) -> MergeRecord:
    """Merge two reports of one event: participants, sources and claims move to ``keep``."""
    with transaction.atomic():
        if keep.pk == merge.pk:
            raise MergeError("An event cannot be merged into itself.")
        rows = {
            e.pk: e for e in Event.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])
        }
        if len(rows) != 2:
            raise MergeError("One of the two events no longer exists.")
        keep, merge = rows[keep.pk], rows[merge.pk]
        merge_pk, merge_title = merge.pk, merge.title
        reason = f"merge event #{merge.pk} “{merge.title}” into #{keep.pk}"
        payload = merge_rows(
            keep=keep, merge=merge, user=user, reason=reason, fill_fields=FILL_FIELDS
        )
        return record_merge(
            model=Event,
            keep=keep,
            merge_pk=merge_pk,
            head=f"Merged event “{merge_title}” (#{merge_pk}) into “{keep.title}” (#{keep.pk})",
            payload=payload,
            user=user,
        )


def event_merge_undo(*, record: MergeRecord, user=None) -> Event:
    """Undo an event merge: the merged event returns with its id, sources and participants."""
    return undo_merge_record(model=Event, record=record, user=user)


def event_split(
    *,
    event: Event,
    title: str,
    sources: Iterable[EventSource] = (),
    participants: Iterable[Participant] = (),
    claims: Iterable[Claim] = (),
    user=None,
) -> MergeRecord:
    """Split off a new event (same kind, date and place) taking the chosen rows with it.

    For an event that merged two different happenings: the sources, participants and
    claims given move to the new event, which starts as a proposal. Undo moves them back.
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        chosen = {
            (EventSource, "event"): [s.pk for s in sources],
            (Participant, "event"): [p.pk for p in participants],
            (Claim, "event"): [c.pk for c in claims],
        }
        if not any(chosen.values()):
            raise MergeError("Choose at least one source, participant or claim for the new event.")
        for (model, name), pks in chosen.items():
            found = model.objects.filter(pk__in=pks, **{name: event}).count()
            if found != len(set(pks)):
                raise MergeError(
                    f"Some {model._meta.verbose_name_plural} do not belong to “{event}”."
                )
        reason = f"split of event #{event.pk} “{event.title}”"
        new = Event(
            title=title.strip() or event.title,
            kind=event.kind,
            date=event.date,
            date_end=event.date_end,
            date_text=event.date_text,
            place_id=event.place_id,
            status=ReviewStatus.PROPOSED,
            origin=Origin.ANALYST,
        )
        save_tracked(new, user=user, reason=reason)
        payload: dict = {"moved": []}
        for (model, name), pks in chosen.items():
            if pks:
                repoint(model, name, sorted(set(pks)), new.pk, user=user, reason=reason)
                payload["moved"].append(
                    {"model": model._meta.label_lower, "field": name, "pks": sorted(set(pks))}
                )
        return record_split(
            model=Event,
            original=event,
            new_pk=new.pk,
            head=f"Split “{new.title}” (#{new.pk}) off “{event.title}” (#{event.pk})",
            payload=payload,
            user=user,
        )


def event_split_undo(*, record: MergeRecord, user=None) -> Event:
    """Undo a split: the rows go back to the original event and the new event is deleted."""
    with transaction.atomic():
        record = lock_record(record, Event, MergeKind.SPLIT)
        events = {
            e.pk: e
            for e in Event.objects.select_for_update().filter(
                pk__in=[record.kept_id, record.other_id]
            )
        }
        original, new = events.get(record.kept_id), events.get(record.other_id)
        if original is None:
            raise MergeError(
                "The original event has been deleted since; the split cannot be undone."
            )
        if new is None:
            raise MergeError("The event split off has been deleted or merged since.")
        undo_split(
            original=original,
            new=new,
            payload=record.payload,
            user=user,
            reason=f"undo: {record.summary}",
        )
        close_record(record, user)
        return original


# --- creation (import) -----------------------------------------------------------------


def place_create(
    *,
    name: str,
    slug: str,
    kind: str = "other",
    country: str = "",
    aliases: Iterable[str] = (),
    latitude: float | None = None,
    longitude: float | None = None,
    wikidata_id: str = "",
) -> Place:
    """Create a place (validated: coordinates in range; a taken slug gets a suffix)."""
    place = Place(
        name=name.strip(),
        slug=free_slug(Place, slug, name),
        kind=kind,
        country=country,
        aliases=[a for a in aliases if a],
        latitude=latitude,
        longitude=longitude,
        wikidata_id=wikidata_id,
    )
    place.full_clean()
    place.save()
    return place


def event_create(
    *,
    title: str,
    kind: str,
    description: str = "",
    date: str = "",
    date_end: str = "",
    date_text: str = "",
    place: Place | None = None,
    fatalities: int | None = None,
    participants: Iterable[tuple] = (),
    sources: Iterable[tuple] = (),
    status: str = ReviewStatus.PROPOSED,
    origin: str = Origin.ANALYST,
    user=None,
    reason: str = "created",
) -> Event:
    """Create an event with participants ``(actor, role)`` and sources
    ``(article, start, end, date_text)``; every source span must lie in its article."""
    with transaction.atomic():
        event = Event(
            title=title,
            kind=kind,
            description=description,
            date=date,
            date_end=date_end,
            date_text=date_text,
            place=place,
            fatalities=fatalities,
            status=status,
            origin=origin,
        )
        event.full_clean()
        save_tracked(event, user=user, reason=reason)
        for actor, role in participants:
            event_participant_add(event=event, actor=actor, role=role, user=user, reason=reason)
        for article, start, end, source_date_text in sources:
            if not 0 <= start < end <= len(article.body):
                raise ValidationError(f"Source span {start}–{end} lies outside “{article}”.")
            source = EventSource(
                event=event,
                article=article,
                start=start,
                end=end,
                quote=article.body[start:end],
                date_text=source_date_text,
                origin=origin,
            )
            source.full_clean()
            source.save()
        return event


def event_participant_add(
    *, event: Event, actor, role: str, user=None, reason: str = "created"
) -> Participant:
    """Add an actor to an event in a role (idempotent)."""
    participant = Participant.objects.filter(event=event, actor=actor, role=role).first()
    if participant is None:
        participant = Participant(event=event, actor=actor, role=role)
        participant.full_clean()
        save_tracked(participant, user=user, reason=reason)
    return participant
