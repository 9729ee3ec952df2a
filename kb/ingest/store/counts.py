"""The stored per-actor counts, brought up to date after an ingest wrote its articles."""

from __future__ import annotations

from actors.services import actor_counts_refresh
from articles.models import Mention
from kb.ingest.store.report import FileReport


def counts_refresh(reports: list[FileReport]) -> None:
    """Refresh the counts of the actors the ingest reported in ``reports`` touched."""
    if any(r.status in ("updated", "reprocessed") for r in reports):
        # Replaced proposals may have named actors the new text no longer names.
        actor_counts_refresh()
        return
    created = [r.article_id for r in reports if r.status == "created" and r.article_id]
    if created:
        touched = Mention.objects.filter(article_id__in=created).values_list("actor_id", flat=True)
        actor_counts_refresh(actor_ids=set(touched))
