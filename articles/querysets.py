"""Named reads on articles and claims."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from actors.models import Actor
from events.models import EventSource

# The models of this app import this module: they are looked up by name, not imported.


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

    def for_list(self) -> ArticleQuerySet:
        """Articles for a list: source loaded, body left in the database."""
        return self.select_related("source").defer("body")

    def for_reader(self) -> ArticleQuerySet:
        """An article with its source, mentions (and actors), claims and event sources."""
        Claim, Mention = apps.get_model("articles.Claim"), apps.get_model("articles.Mention")
        return self.select_related("source").prefetch_related(
            models.Prefetch(
                "mentions",
                queryset=Mention.objects.exclude(status="rejected").select_related("actor"),
            ),
            models.Prefetch(
                "claims",
                queryset=Claim.objects.exclude(status="rejected")
                .select_related("claimant", "event")
                .prefetch_related(
                    models.Prefetch("subjects", queryset=Actor.objects.only("pk", "name", "slug"))
                ),
            ),
            models.Prefetch("event_sources", queryset=EventSource.objects.select_related("event")),
        )


class ClaimQuerySet(models.QuerySet):
    def with_related(self) -> ClaimQuerySet:
        """Claims with article, claimant, subjects and links loaded in bulk."""
        return self.select_related("article", "claimant", "event").prefetch_related(
            "subjects", "links_out"
        )

    def review_queue(self) -> ClaimQuerySet:
        """Proposed claims, newest first."""
        return self.filter(status="proposed").order_by("-created_at")

    def visible(self) -> ClaimQuerySet:
        """Claims a researcher sees by default: everything but rejected ones."""
        return self.exclude(status="rejected")

    def for_list(self) -> ClaimQuerySet:
        """Claims for a list: article (without body), claimant, event and subjects loaded."""
        return (
            self.select_related("article", "claimant", "event")
            .defer("article__body")
            .prefetch_related("subjects")
        )
