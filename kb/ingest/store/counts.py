"""The actors' stored counts, brought up to date after an ingest wrote its articles."""

from __future__ import annotations

from articles.services import mention_counts_refresh
from kb.ingest.store.report import FileReport


def counts_refresh(reports: list[FileReport]) -> None:
    """Recount the actors the articles in ``reports`` name (every actor after a re-ingest)."""
    if any(r.status in ("updated", "reprocessed") for r in reports):
        # Replaced proposals may have named actors the new text no longer names.
        mention_counts_refresh()
        return
    created = [r.article_id for r in reports if r.status == "created" and r.article_id]
    if created:
        mention_counts_refresh(article_ids=created)
