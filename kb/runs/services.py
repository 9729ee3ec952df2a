"""Ingest runs and their batches: created by the command, advanced by the workers.

Every change to a run's counts is made holding its row's lock, in the transaction that
stored the files it counts, so the counts are exact however many workers share the run
and however often a batch is delivered. The run that counts its last file is finished,
and the actors' stored counts are brought up to date then, once for the whole run.
"""

from __future__ import annotations

from dataclasses import asdict

from django.db import transaction
from django.utils import timezone

from articles.services import mention_counts_refresh
from kb.core.freshness import not_content
from kb.ingest.store.lock import store_lock
from kb.ingest.store.report import FileReport
from kb.ingest.types import RawDocument
from kb.runs.models import MAX_FAILURES_KEPT, IngestBatch, IngestRun

not_content(IngestRun._meta.db_table, IngestBatch._meta.db_table)

#: The statuses a file's report can have, by the run count they go to.
DONE = ("created", "updated", "reprocessed")


def run_start(*, paths: list[str], files: int, reprocess: bool) -> IngestRun:
    """A new run expecting ``files`` files."""
    return IngestRun.objects.create(
        paths="\n".join(paths)[:10_000], files_queued=files, reprocess=reprocess
    )


def batch_create(
    *, run: IngestRun, number: int, documents: list[tuple[str, RawDocument]]
) -> IngestBatch:
    """Store a batch of read files for the workers (their text travels in the database)."""
    batch = IngestBatch.objects.create(
        run=run,
        number=number,
        size=len(documents),
        documents=[{"path": label, **asdict(raw)} for label, raw in documents],
    )
    IngestRun.objects.filter(pk=run.pk).update(batches=number)
    return batch


def batch_documents(batch: IngestBatch) -> list[tuple[str, RawDocument]]:
    """The batch's files as the command read them."""
    return [
        (d["path"], RawDocument(d["text"], d["origin"], d["format"], d["metadata"]))
        for d in batch.documents
    ]


def run_record(run_id: int, reports: list[FileReport]) -> IngestRun:
    """Count these files' reports on the run (in the caller's transaction, if any); finish
    the run when they are its last ones."""
    with transaction.atomic():
        # The store lock first, as a batch's transaction takes it (before this row's lock):
        # the last count recounts the actors under it, seeing every batch's writes.
        store_lock()
        run = IngestRun.objects.select_for_update().get(pk=run_id)
        for report in reports:
            if report.status in DONE:
                run.files_done += 1
            elif report.ok:
                run.files_unchanged += 1
            else:
                run.files_failed += 1
                if len(run.failures) < MAX_FAILURES_KEPT:
                    run.failures.append({"path": report.path, "reason": report.message})
        if run.finished_at is None and run.files_processed >= run.files_queued:
            mention_counts_refresh()
            run.finished_at = timezone.now()
        run.save()
    return run


def run_progress(run_id: int) -> IngestRun:
    """The run as it stands (for a progress bar)."""
    return IngestRun.objects.get(pk=run_id)


__all__ = ["batch_create", "batch_documents", "run_progress", "run_record", "run_start"]
