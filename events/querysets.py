"""Named reads on events."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from events.timeline import TIMELINE_FIELDS


class EventQuerySet(models.QuerySet):
    def with_related(self) -> EventQuerySet:
        """Events with place, participants (and their actors) and sources loaded in bulk."""
        return self.select_related("place").prefetch_related(
            models.Prefetch("participants", queryset=_participants()),
            "sources",
        )

    def visible(self) -> EventQuerySet:
        """Events a researcher sees by default: everything but rejected ones."""
        return self.exclude(status="rejected")

    def brief(self) -> EventQuerySet:
        """Only the columns a timeline draws and a link names (``TIMELINE_FIELDS``)."""
        return self.only(*TIMELINE_FIELDS)

    def chronological(self) -> EventQuerySet:
        """Oldest first as the timeline draws them: dated events, then those with a month or
        day but no year ("XXXX-03-01", by month and day), then undated ones."""
        no_year_first = models.Case(
            models.When(date="", then=models.Value(1)), default=models.Value(0)
        )
        return self.order_by(
            models.F("date_min").asc(nulls_last=True), no_year_first, "date", "title"
        )

    def for_timeline(self) -> EventQuerySet:
        """Events with a known year, oldest first, ready for the timeline."""
        return self.visible().filter(date_min__isnull=False).order_by("date_min", "title")

    def for_list(self) -> EventQuerySet:
        """Events for a list or timeline: place and participants (with actors) loaded."""
        return self.select_related("place").prefetch_related(
            models.Prefetch("participants", queryset=_participants())
        )

    def involving(self, actor) -> EventQuerySet:
        """Events ``actor`` takes part in: a semi-join on its participations (no duplicates)."""
        participations = apps.get_model("events.Participant").objects.filter(actor=actor)
        return self.filter(pk__in=participations.values("event_id"))

    def latest_involving(self, actor, n: int) -> list:
        """The newest ``n`` visible events ``actor`` takes part in, oldest first (``brief``).

        Dated events newest first, walking the date index backwards and probing each event's
        participants (the planner's choice for an actor in many events; for one in few, it
        reads them by id), then, when fewer than ``n``, those without a known year.
        Ordering on ``date_min DESC NULLS LAST`` instead matched no index: every visible event
        was read and sorted.
        """
        involving = self.visible().involving(actor).brief()
        events = list(involving.filter(date_min__isnull=False).order_by("-date_min", "-title")[:n])
        if len(events) < n:
            events += involving.filter(date_min__isnull=True).order_by("-title")[: n - len(events)]
        events.reverse()  # drawn oldest first
        return events

    def sharing_actors(self, event) -> EventQuerySet:
        """Other events with at least one of `event`'s participants (rejected ones excluded)."""
        actor_ids = event.participants.values("actor_id")
        return (
            self.visible()
            .exclude(pk=event.pk)
            .filter(
                pk__in=self.model.objects.filter(participants__actor__in=actor_ids).values("pk")
            )
        )


def _participants() -> models.QuerySet:
    # events.models imports this module: the model is looked up by name, not imported.
    return apps.get_model("events.Participant").objects.select_related("actor")
