"""Named reads on articles, mentions and claims."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from actors.models import Actor
from events.models import EventSource
from kb.core.queries import count_of

# Below this many articles naming an actor, latest_mentioning() reads them by id.
SPARSE_ARTICLES = 1000


def _model(name: str) -> type[models.Model]:
    # This app's models import this module: they are looked up by name, not imported.
    return apps.get_model("articles", name)


class ArticleQuerySet(models.QuerySet):
    def with_counts(self) -> ArticleQuerySet:
        """Annotate ``actor_count`` (distinct actors named) and ``claim_count``.

        Correlated subqueries, evaluated for the rows of the page only: a GROUP BY over
        article × mentions × claims read the whole corpus for every page (6 s at 100k).
        """
        return self.annotate(
            actor_count=count_of(_model("Mention").objects.all(), "article", distinct="actor"),
            claim_count=count_of(_model("Claim").objects.all(), "article"),
        )

    def for_list(self) -> ArticleQuerySet:
        """Articles for a list: source loaded, body left in the database."""
        return self.select_related("source").defer("body")

    def latest_mentioning(self, actor, n: int) -> list:
        """The newest ``n`` articles naming ``actor`` (``for_list``), at bounded cost.

        The (actor, article) index yields the actor's first article ids; an actor named in few
        articles gets them by id (no walk over recent articles probing each one), an actor
        named in many by a semi-join the planner stops after ``n`` rows.
        """
        mentions = _model("Mention").objects.filter(actor=actor)
        ids = list(
            mentions.order_by("article_id")
            .values_list("article_id", flat=True)
            .distinct()[: SPARSE_ARTICLES + 1]
        )
        if not ids:
            return []
        naming = ids if len(ids) <= SPARSE_ARTICLES else mentions.values("article_id")
        return list(
            self.filter(pk__in=naming).for_list().order_by("-published_on", "-ingested_at")[:n]
        )

    def for_reader(self) -> ArticleQuerySet:
        """An article with its source, mentions (and actors), claims and event sources."""
        return self.select_related("source").prefetch_related(
            models.Prefetch(
                "mentions",
                queryset=_model("Mention")
                .objects.exclude(status="rejected")
                .select_related("actor"),
            ),
            models.Prefetch(
                "claims",
                queryset=_model("Claim")
                .objects.exclude(status="rejected")
                .select_related("claimant", "event")
                .prefetch_related(
                    models.Prefetch("subjects", queryset=Actor.objects.only("pk", "name", "slug"))
                ),
            ),
            models.Prefetch("event_sources", queryset=EventSource.objects.select_related("event")),
        )


class MentionQuerySet(models.QuerySet):
    def spellings(self, actor, article_ids) -> dict[int, tuple[list[str], int]]:
        """How ``actor`` is written in each article of ``article_ids`` and how often it is
        named there: ``{article id: (spellings in order, mentions)}``, in one query."""
        rows = (
            self.filter(actor=actor, article__in=article_ids)
            .values_list("article_id", "text")
            .annotate(n=models.Count("pk"))
            .order_by("article_id", "text")
        )
        written: dict[int, tuple[list[str], int]] = {}
        for article_id, text, n in rows:
            spellings, count = written.get(article_id, ([], 0))
            spellings.append(text)
            written[article_id] = (spellings, count + n)
        return written


class ClaimQuerySet(models.QuerySet):
    def visible(self) -> ClaimQuerySet:
        """Claims a researcher sees by default: everything but rejected ones."""
        return self.exclude(status="rejected")

    def brief(self) -> ClaimQuerySet:
        """Claims for a short list (articles/_claims.html): article (no body) and claimant."""
        return self.select_related("article", "claimant").defer("article__body")

    def for_list(self) -> ClaimQuerySet:
        """Claims for a list: article (without body), claimant, event and subjects loaded."""
        return (
            self.select_related("article", "claimant", "event")
            .defer("article__body")
            .prefetch_related("subjects")
        )
