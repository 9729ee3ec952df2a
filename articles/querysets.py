"""Named reads on articles and claims."""

from __future__ import annotations

from django.db import models


class ArticleQuerySet(models.QuerySet):
    def with_counts(self) -> ArticleQuerySet:
        """Annotate distinct actor and claim counts."""
        return self.annotate(
            actor_count=models.Count("mentions__actor", distinct=True),
            claim_count=models.Count("claims", distinct=True),
        )

    def mentioning(self, actor) -> ArticleQuerySet:
        """Articles that mention the actor (any alias)."""
        return self.filter(mentions__actor=actor).distinct()


class ClaimQuerySet(models.QuerySet):
    def with_related(self) -> ClaimQuerySet:
        """Claims with article, claimant, subjects and links loaded in bulk."""
        return self.select_related("article", "claimant", "event").prefetch_related(
            "subjects", "links_out"
        )

    def review_queue(self) -> ClaimQuerySet:
        """Proposed claims, newest first."""
        return self.filter(status="proposed").order_by("-created_at")
