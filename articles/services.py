"""Writes on articles, mentions and claims: deletes and mention edits that keep the actors'
stored counts, review decisions, and hand-made links between claims."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction

from actors.services import actor_counts_refresh
from articles.models import Article, Claim, ClaimLink, ClaimLinkKind, Mention, Source
from kb.core.choices import Origin, ReviewStatus
from kb.core.history import review_set_status, save_tracked


def claim_set_status(*, claims: models.QuerySet, status: str, user=None) -> int:
    """Accept or reject claims in bulk (with history); returns how many changed."""
    return review_set_status(queryset=claims, status=status, user=user, reason=f"review: {status}")


def mention_set_status(*, mentions: models.QuerySet, status: str, user=None) -> int:
    """Accept or reject actor mentions in bulk; returns how many changed."""
    return review_set_status(
        queryset=mentions, status=status, user=user, reason=f"review: {status}"
    )


def claim_link(
    *, from_claim: Claim, to_claim: Claim, kind: str, user=None, origin: str = Origin.ANALYST
) -> ClaimLink:
    """Record by hand that one claim supports or contradicts another (idempotent)."""
    if from_claim.pk == to_claim.pk:
        raise ValidationError("A claim cannot support or contradict itself.")
    if kind not in ClaimLinkKind.values:
        raise ValidationError(f"Unknown link kind: {kind!r}.")
    with transaction.atomic():
        link = ClaimLink.objects.filter(from_claim=from_claim, to_claim=to_claim, kind=kind).first()
        if link is None:
            link = ClaimLink(from_claim=from_claim, to_claim=to_claim, kind=kind, origin=origin)
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


# --- creation (import) -----------------------------------------------------------------


def article_create(
    *,
    body: str,
    content_hash: str,
    title: str = "",
    published: str = "",
    author: str = "",
    url: str = "",
    origin_name: str = "",
    language: str = "en",
    source_name: str = "",
    mentions: Iterable[tuple] = (),
    origin: str = Origin.ANALYST,
    user=None,
    reason: str = "created",
) -> Article:
    """Create an article with mentions ``(actor, start, end)`` (validated, spans in the body);
    the mentioned actors' stored counts follow."""
    mentions = list(mentions)
    with transaction.atomic():
        source = None
        if source_name:
            source, _ = Source.objects.get_or_create(name=source_name[:200])
        article = Article(
            body=body,
            content_hash=content_hash,
            title=title[:500],
            published=published,
            author=author[:200],
            url=url,
            origin=origin_name[:255],
            language=language[:10] or "en",
            source=source,
        )
        article.full_clean()
        save_tracked(article, user=user, reason=reason)
        for actor, start, end in mentions:
            if not 0 <= start < end <= len(body):
                raise ValidationError(f"Mention span {start}–{end} lies outside the article.")
            mention = Mention(
                article=article,
                actor=actor,
                start=start,
                end=end,
                text=body[start:end][:300],
                status=ReviewStatus.PROPOSED,
                origin=origin,
            )
            mention.full_clean()
            mention.save()
        actor_counts_refresh(actor_ids={actor.pk for actor, _, _ in mentions})
        return article


def claim_create(
    *,
    article: Article,
    start: int,
    end: int,
    text: str = "",
    sentence_start: int | None = None,
    sentence_end: int | None = None,
    kind: str = "statement",
    cue: str = "",
    claimant=None,
    claimant_text: str = "",
    subjects=(),
    credibility: int = 6,
    event=None,
    status: str = ReviewStatus.PROPOSED,
    origin: str = Origin.ANALYST,
    user=None,
    reason: str = "created",
) -> Claim:
    """Create a claim anchored at ``article.body[start:end]`` (the quote), with its subjects."""
    body = article.body
    sentence_start = start if sentence_start is None else sentence_start
    sentence_end = end if sentence_end is None else sentence_end
    if not (0 <= start < end <= len(body) and 0 <= sentence_start <= sentence_end <= len(body)):
        raise ValidationError(f"Claim span {start}–{end} lies outside “{article}”.")
    with transaction.atomic():
        claim = Claim(
            article=article,
            quote=body[start:end],
            text=text or body[sentence_start:sentence_end],
            start=start,
            end=end,
            sentence_start=sentence_start,
            sentence_end=sentence_end,
            kind=kind,
            cue=cue[:50],
            claimant=claimant,
            claimant_text=claimant_text[:300],
            credibility=credibility,
            event=event,
            status=status,
            origin=origin,
        )
        claim.full_clean()
        save_tracked(claim, user=user, reason=reason)
        if subjects:
            claim.subjects.add(*subjects)
        return claim
