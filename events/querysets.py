"""Named reads on events."""

from __future__ import annotations

from django.apps import apps
from django.db import models


class EventQuerySet(models.QuerySet):
    def with_related(self) -> EventQuerySet:
        """Events with place, participants (and their actors) and sources loaded in bulk."""
        return self.select_related("place").prefetch_related(
            models.Prefetch("participants", queryset=_participants()),
            "sources",
        )

    def for_timeline(self) -> EventQuerySet:
        """Events with a known year, oldest first, ready for the timeline."""
        return (
            self.exclude(status="rejected")
            .filter(date_min__isnull=False)
            .order_by("date_min", "title")
        )

    def undated_year(self) -> EventQuerySet:
        """Events whose year is unknown (undated, or a month and day only)."""
        return self.exclude(status="rejected").filter(date_min__isnull=True)

    def involving(self, actor) -> EventQuerySet:
        """Events the actor takes part in."""
        return self.filter(participants__actor=actor).distinct()

    def visible(self) -> EventQuerySet:
        """Events a researcher sees by default: everything but rejected ones."""
        return self.exclude(status="rejected")

    def for_list(self) -> EventQuerySet:
        """Events for a list or timeline: place and participants (with actors) loaded."""
        return self.select_related("place").prefetch_related(
            models.Prefetch("participants", queryset=_participants())
        )

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
