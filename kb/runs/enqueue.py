"""``manage.py ingest --queue``: read the files, hand them to the workers in batches.

The command reads every file itself (a file that cannot be read fails there, with its
one-line reason, on the run) and stores each batch's text in the database with a task
naming it, so workers need the database and the broker, not the files. Without a broker
the tasks run at once, here, one after the other (Celery's eager mode).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb.ingest.batch import read_files
from kb.ingest.read.files import article_files
from kb.ingest.store.report import FileReport
from kb.ingest.types import RawDocument
from kb.runs.models import IngestRun
from kb.runs.services import batch_create, run_record, run_start
from kb.runs.tasks import ingest_batch

#: Files per task: small enough to spread a few thousand files over several workers and to
#: lose little when one dies, large enough for the bulk writes to pay.
QUEUE_BATCH = 50


def enqueue_paths(
    paths: list[Path],
    *,
    reprocess: bool = False,
    max_bytes: int,
    batch_size: int = QUEUE_BATCH,
    started: Callable[[IngestRun], object] | None = None,
    sent: Callable[[int], object] | None = None,
) -> IngestRun:
    """Start a run over the files under ``paths``, sending a task per batch of them.

    ``started`` is given the new run before any file is read; ``sent`` the run's id after
    each batch went (in eager mode, after it was stored). IngestError when a path is wrong.
    """
    files = article_files(paths)
    run = run_start(paths=[str(p) for p in paths], files=len(files), reprocess=reprocess)
    if started:
        started(run)
    documents: list[tuple[str, RawDocument]] = []
    failed: list[FileReport] = []
    number = 0

    def send() -> None:
        nonlocal number
        if failed:
            run_record(run.pk, failed)
            failed.clear()
        if documents:
            number += 1
            batch = batch_create(run=run, number=number, documents=documents)
            ingest_batch.delay(batch.pk)
            documents.clear()
        if sent:
            sent(run.pk)

    for label, raw in read_files(files, max_bytes=max_bytes):
        if isinstance(raw, FileReport):
            failed.append(raw)  # unreadable: fails here, alone, with its reason
        else:
            documents.append((label, raw))
        if len(documents) >= batch_size:
            send()
    send()
    if not files:
        run_record(run.pk, [])  # nothing to do: finished at once
    run.refresh_from_db()
    return run


__all__ = ["QUEUE_BATCH", "enqueue_paths"]
