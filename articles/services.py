"""Writes on articles, mentions and claims: deletes and mention edits that keep the actors'
stored counts, review decisions, and hand-made links between claims."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction

from actors.services import actor_counts_refresh
from articles.models import Article, Claim, ClaimLink, ClaimLinkKind, Mention
from kb.core.choices import Origin
from kb.core.history import review_set_status, save_tracked


def claim_set_status(*, claims: models.QuerySet, status: str, user=None) -> int:
    """Accept or reject claims in bulk (with history); returns how many changed."""
    return review_set_status(queryset=claims, status=status, user=user, reason=f"review: {status}")


def mention_set_status(*, mentions: models.QuerySet, status: str, user=None) -> int:
    """Accept or reject actor mentions in bulk; returns how many changed."""
    return review_set_status(
        queryset=mentions, status=status, user=user, reason=f"review: {status}"
    )


def claim_link(*, from_claim: Claim, to_claim: Claim, kind: str, user=None) -> ClaimLink:
    """Record by hand that one claim supports or contradicts another (idempotent)."""
    if from_claim.pk == to_claim.pk:
        raise ValidationError("A claim cannot support or contradict itself.")
    if kind not in ClaimLinkKind.values:
        raise ValidationError(f"Unknown link kind: {kind!r}.")
    with transaction.atomic():
        link = ClaimLink.objects.filter(from_claim=from_claim, to_claim=to_claim, kind=kind).first()
        if link is None:
            link = ClaimLink(
                from_claim=from_claim, to_claim=to_claim, kind=kind, origin=Origin.ANALYST
            )
            save_tracked(link, user=user, reason="linked by hand")
        return link


# --- deleting articles and writing mentions: the actors' stored counts follow ----------------


def article_delete(*, article: Article) -> None:
    """Delete an article (its mentions, claims and event sources go with it) and recount the
    actors it named."""
    with transaction.atomic():
        actor_ids = set(article.mentions.values_list("actor_id", flat=True))
        article.delete()
        actor_counts_refresh(actor_ids=actor_ids)


def articles_delete(*, articles: models.QuerySet) -> None:
    """Delete articles in bulk and recount the actors they named."""
    with transaction.atomic():
        actor_ids = set(
            Mention.objects.filter(article__in=articles).values_list("actor_id", flat=True)
        )
        articles.delete()
        actor_counts_refresh(actor_ids=actor_ids)


def mention_save(*, mention: Mention, previous_actor_id: int | None = None) -> Mention:
    """Save a mention added or changed by hand; recount its actor and, when the mention was
    moved to another actor, the one it left."""
    with transaction.atomic():
        mention.save()
        actor_counts_refresh(actor_ids=[mention.actor_id, previous_actor_id])
    return mention


def mention_delete(*, mention: Mention) -> None:
    """Delete a mention and recount its actor."""
    with transaction.atomic():
        mention.delete()
        actor_counts_refresh(actor_ids=[mention.actor_id])


def mentions_delete(*, mentions: models.QuerySet) -> None:
    """Delete mentions in bulk and recount their actors."""
    with transaction.atomic():
        actor_ids = set(mentions.values_list("actor_id", flat=True))
        mentions.delete()
        actor_counts_refresh(actor_ids=actor_ids)


def mention_counts_refresh(*, article_ids: Iterable[int] | None = None) -> int:
    """After mentions were written in bulk (ingest, synthesis): recount the actors named in
    ``article_ids``, or every actor when None (replaced mentions may have named actors the
    new ones do not). Returns the number of actors whose counts changed."""
    if article_ids is None:
        return actor_counts_refresh()
    article_ids = list(article_ids)
    if not article_ids:
        return 0
    named = Mention.objects.filter(article_id__in=article_ids).values_list("actor_id", flat=True)
    return actor_counts_refresh(actor_ids=set(named))
