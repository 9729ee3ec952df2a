"""Named reads on events."""

from __future__ import annotations

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
        return self.exclude(status="rejected").filter(date_min__isnull=False).order_by("date_min", "title")

    def undated_year(self) -> EventQuerySet:
        """Events whose year is unknown (undated, or a month and day only)."""
        return self.exclude(status="rejected").filter(date_min__isnull=True)

    def involving(self, actor) -> EventQuerySet:
        """Events the actor takes part in."""
        return self.filter(participants__actor=actor).distinct()


def _participants():
    from events.models import Participant

    return Participant.objects.select_related("actor")
