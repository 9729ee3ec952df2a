"""Named reads on actors and relationships."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class ActorQuerySet(models.QuerySet):
    def with_aliases(self) -> ActorQuerySet:
        """Actors with their aliases and parent loaded in bulk."""
        return self.select_related("parent").prefetch_related("aliases")

    def visible(self) -> ActorQuerySet:
        """Actors a researcher sees by default: everything but rejected candidates."""
        return self.exclude(status="rejected")

    def brief(self) -> ActorQuerySet:
        """Only what a link to the actor needs: name, slug, status and parent."""
        return self.only("name", "slug", "status", "parent")

    def for_list(self) -> ActorQuerySet:
        """Actors for an HTML list: parent and aliases loaded.

        Their mention and article counts are stored columns (``mention_count``,
        ``article_count``, kept current by the write services); nothing is counted per query.
        """
        return self.select_related("parent").prefetch_related("aliases")

    def most_mentioned(self) -> ActorQuerySet:
        """Actors named in at least one article, most mentions first (stored counts)."""
        return self.filter(mention_count__gt=0).order_by("-mention_count", "name")

    def kind_counts(self) -> dict[str, int]:
        """Number of actors of each kind, in one query."""
        rows = self.order_by().values_list("kind").annotate(n=models.Count("pk"))
        return dict(rows)


class RelationshipQuerySet(models.QuerySet):
    def visible(self) -> RelationshipQuerySet:
        """Relationships a researcher sees by default: everything but rejected ones."""
        return self.exclude(status="rejected")

    def touching(self, actor) -> RelationshipQuerySet:
        """Relationships with ``actor`` at either end, both ends loaded."""
        return self.filter(Q(source=actor) | Q(target=actor)).select_related("source", "target")

    def brief(self) -> RelationshipQuerySet:
        """Only what naming the tie and linking its two ends needs."""
        return self.only(
            "kind",
            "start",
            "end",
            "status",
            "source",
            "target",
            "source__name",
            "source__slug",
            "target__name",
            "target__slug",
        )
