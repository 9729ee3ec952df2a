"""Re-ingesting a changed article: unreviewed proposals go, reviewed work stays in place."""

from __future__ import annotations

from actors.models import Actor
from articles.models import Article, Claim, Mention
from events.models import Event, EventSource
from kb.core.choices import Origin, ReviewStatus
from kb.ingest.store.report import FileReport
from kb.ingest.store.units import CHANGE_REASON


def _proposal(model):
    return model.objects.filter(origin=Origin.INGEST, status=ReviewStatus.PROPOSED)


def clear_proposals(article: Article) -> int:
    """Delete this article's unreviewed machine proposals; return how many were removed."""
    removed = _proposal(Mention).filter(article=article).delete()[1].get("articles.Mention", 0)
    for claim in _proposal(Claim).filter(article=article):
        claim._change_reason = CHANGE_REASON
        claim.delete()
        removed += 1
    sources = EventSource.objects.filter(
        article=article,
        origin=Origin.INGEST,
        event__status=ReviewStatus.PROPOSED,
        event__origin=Origin.INGEST,
    )
    event_ids = set(sources.values_list("event_id", flat=True))
    removed += sources.delete()[1].get("events.EventSource", 0)
    for event in _proposal(Event).filter(pk__in=event_ids, sources__isnull=True):
        event._change_reason = CHANGE_REASON
        event.delete()
    # Candidate actors nobody refers to any more go with their proposals.
    orphans = _proposal(Actor).filter(
        mentions__isnull=True,
        claims_made__isnull=True,
        claims_about__isnull=True,
        participations__isnull=True,
    )
    for actor in orphans:
        actor._change_reason = CHANGE_REASON
        actor.delete()
    return removed


def reanchor_reviewed(article: Article, old_body: str | None, report: FileReport) -> int:
    """Keep reviewed spans pointing at the same words when the body changed."""
    kept = 0
    body = article.body
    rows = [
        *Mention.objects.filter(article=article),
        *Claim.objects.filter(article=article),
        *EventSource.objects.filter(article=article),
    ]
    for row in rows:
        kept += 1
        if old_body is None or old_body == body:
            continue
        words = old_body[row.start : row.end]
        if body[row.start : row.end] == words:
            continue
        new_start = _nearest(body, words, row.start)
        if new_start < 0:
            report.warnings.append(
                f"{type(row).__name__} {row.pk}: its text {words[:40]!r} is gone from the new body"
            )
            continue
        shift = new_start - row.start
        row.start, row.end = new_start, new_start + len(words)
        if isinstance(row, Claim):
            row.sentence_start = max(0, row.sentence_start + shift)
            row.sentence_end = min(len(body), row.sentence_end + shift)
        row.save()
    return kept


def _nearest(body: str, words: str, near: int) -> int:
    best, pos = -1, body.find(words)
    while pos >= 0:
        if best < 0 or abs(pos - near) < abs(best - near):
            best = pos
        pos = body.find(words, pos + 1)
    return best
