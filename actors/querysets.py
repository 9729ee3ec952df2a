"""Named reads on actors."""

from __future__ import annotations

from django.db import models


class ActorQuerySet(models.QuerySet):
    def with_aliases(self) -> ActorQuerySet:
        """Actors with their aliases and parent loaded in bulk."""
        return self.select_related("parent").prefetch_related("aliases")

    def verified(self) -> ActorQuerySet:
        """Actors an analyst or the reference catalog vouches for."""
        return self.filter(status="verified")

    def with_counts(self) -> ActorQuerySet:
        """Actors with their mention and article counts.

        The counts are stored columns (``mention_count``, ``article_count``) kept current by
        ``actors.services.actor_counts_refresh``; nothing is counted per query.
        """
        return self

    def visible(self) -> ActorQuerySet:
        """Actors a researcher sees by default: everything but rejected candidates."""
        return self.exclude(status="rejected")

    def for_list(self) -> ActorQuerySet:
        """Actors for an HTML list: parent, aliases, mention and article counts."""
        return self.with_counts().select_related("parent").prefetch_related("aliases")

    def most_mentioned(self) -> ActorQuerySet:
        """Actors named in at least one article, most mentions first."""
        return self.with_counts().filter(mention_count__gt=0).order_by("-mention_count", "name")

    def kind_counts(self) -> dict[str, int]:
        """Number of actors of each kind, in one query."""
        rows = self.order_by().values_list("kind").annotate(n=models.Count("pk"))
        return dict(rows)
