"""The ingest task a worker runs: one batch of files, extracted, then stored exactly once.

Extraction runs before any lock is taken, so workers extract in parallel. Then one
transaction takes the batch's row lock (a second delivery of the same batch waits here,
then finds it done), the store lock, stores the files, counts them on the run and marks
the batch done, emptying its documents. A worker lost before the commit leaves nothing
behind and its batch is delivered again (acks late, kb.settings); one lost after it left
a done batch, which the next delivery skips.
"""

from __future__ import annotations

import os
import socket

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kb.celery import app
from kb.ingest.batch import extract_documents
from kb.ingest.catalog import Catalog
from kb.ingest.pipeline import Matchers
from kb.ingest.store.articles import store_batch
from kb.ingest.store.catalog import catalog_from_db
from kb.ingest.store.lock import store_lock
from kb.runs.models import IngestBatch
from kb.runs.services import batch_documents, run_record

#: The catalog a worker process extracts with, read once per run (as one process would).
_catalog: dict[int, tuple[Catalog, Matchers]] = {}


def catalog_for(run_id: int) -> tuple[Catalog, Matchers]:
    """The catalog and its matchers for this run, read from the database on first use."""
    if run_id not in _catalog:
        _catalog.clear()
        catalog = catalog_from_db()
        _catalog[run_id] = (catalog, Matchers.from_catalog(catalog))
    return _catalog[run_id]


@app.task(name="kb.ingest.batch", acks_late=True, reject_on_worker_lost=True)
def ingest_batch(batch_id: int) -> str:
    """Ingest one batch of a run (a no-op when it is done already)."""
    return batch_process(batch_id, worker=f"{socket.gethostname()}:{os.getpid()}")


def batch_process(batch_id: int, *, worker: str) -> str:
    """Extract a batch's files, then store them, count them and mark it done in one go."""
    IngestBatch.objects.filter(pk=batch_id, done_at=None).update(
        attempts=F("attempts") + 1, worker=worker[:200]
    )
    batch = IngestBatch.objects.select_related("run").filter(pk=batch_id).first()
    if batch is None or batch.done_at is not None:
        return "skipped"
    documents = batch_documents(batch)
    pending, failed = extract_documents(documents, *catalog_for(batch.run_id))
    with transaction.atomic():
        if IngestBatch.objects.select_for_update().get(pk=batch_id).done_at is not None:
            return "skipped"  # another delivery stored it while this one extracted
        store_lock()
        stored = iter(store_batch(pending, reprocess=batch.run.reprocess))
        reports = [failed[i] if i in failed else next(stored) for i in range(len(documents))]
        run_record(batch.run_id, reports)
        IngestBatch.objects.filter(pk=batch_id).update(done_at=timezone.now(), documents=[])
    return "done"


__all__ = ["batch_process", "catalog_for", "ingest_batch"]
