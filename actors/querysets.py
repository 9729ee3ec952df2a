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
        """Annotate mention, article and claim counts."""
        return self.annotate(
            mention_count=models.Count("mentions", distinct=True),
            article_count=models.Count("mentions__article", distinct=True),
        )
