"""Ingesting many files: read the catalog once, extract file by file, store in batches.

read → pipeline.extract (clean → link → claims → events) → store, file by file. New articles
are stored ``STORE_BATCH`` at a time, in one transaction holding the store lock and one set
of bulk writes (kb.ingest.store.articles.store_batch); files that change an article already
stored go one by one. A file that cannot be read or extracted is reported and skipped, and
a batch whose write fails is stored again article by article, so one bad file or one
pipeline bug costs that file only. Everything that touches the database is in kb.ingest.store.

This is the one-process path (``manage.py ingest``); ``--queue`` hands the same steps to
workers, batch by batch (kb.runs.enqueue, kb.runs.tasks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from kb.ingest.catalog import Catalog
from kb.ingest.pipeline import Matchers, extract
from kb.ingest.read.files import ArticleFile, article_files, read_path
from kb.ingest.store.articles import store_extraction
from kb.ingest.store.catalog import catalog_from_db
from kb.ingest.store.counts import counts_refresh
from kb.ingest.store.lock import store_locked
from kb.ingest.store.report import FileReport, error_report
from kb.ingest.store.units import Pending
from kb.ingest.types import IngestError, RawDocument

#: New articles stored per transaction: enough to amortise the round trips and the commit,
#: few enough that a batch retried file by file (after a failure) stays quick.
STORE_BATCH = 100

#: Told how many files were just finished (stored, unchanged or failed): a progress bar.
Progress = Callable[[int], object]


def ingest_paths(
    paths: list[Path],
    *,
    catalog: Catalog | None = None,
    reprocess: bool = False,
    dry_run: bool = False,
    max_bytes: int,
    progress: Progress | None = None,
    found: Callable[[int], object] | None = None,
) -> list[FileReport]:
    """Ingest files and folders; one report per file, errors included, nothing partial saved.

    ``found`` is told how many files there are once the folders are listed; ``progress``
    how many were just finished, as they are.
    """
    catalog = catalog or catalog_from_db()
    matchers = Matchers.from_catalog(catalog)
    try:
        files = article_files(paths)
    except IngestError as exc:
        return [FileReport(", ".join(map(str, paths)), "error", str(exc))]
    if found:
        found(len(files))
    tick = progress or (lambda n: None)
    # One slot per file, in order: its report, or its place in ``stored`` once stored.
    slots: list[FileReport | int] = []
    pending: list[Pending] = []
    stored: list[FileReport] = []
    for label, raw in read_files(files, max_bytes=max_bytes):
        if isinstance(raw, FileReport):
            slots.append(raw)
            tick(1)
            continue
        try:
            extraction = extract(raw, catalog, matchers=matchers)
            if dry_run:
                slots.append(
                    store_extraction(
                        extraction, raw=raw, path=label, reprocess=reprocess, dry_run=True
                    )
                )
                tick(1)
                continue
            slots.append(len(stored) + len(pending))
            pending.append(Pending(extraction, raw, label))
        except Exception as exc:  # a bad file or a pipeline bug costs that file only
            slots.append(error_report(label, exc))
            tick(1)
        if len(pending) >= STORE_BATCH:
            stored += store_locked(pending, reprocess=reprocess)
            tick(len(pending))
            pending = []
    if pending:
        stored += store_locked(pending, reprocess=reprocess)
        tick(len(pending))
    reports = [stored[s] if isinstance(s, int) else s for s in slots]
    if not dry_run:
        counts_refresh(reports)
    return reports


def read_files(
    files: list[ArticleFile], *, max_bytes: int
) -> Iterator[tuple[str, RawDocument | FileReport]]:
    """Each file read, in order, or the report of why it cannot be (one line): refused when
    listed, unreadable, or with the identity of an earlier file."""
    seen: dict[str, str] = {}
    for file in files:
        label = str(file.path)
        try:
            if file.error:
                raise IngestError(file.error)
            if (other := seen.setdefault(file.origin, label)) != label:
                raise IngestError(f"{label}: same identity ({file.origin}) as {other}")
            yield label, read_path(file.path, max_bytes=max_bytes, origin=file.origin[-255:])
        except Exception as exc:  # an unreadable file fails alone, with its reason
            yield label, error_report(label, exc)


def extract_documents(
    documents: list[tuple[str, RawDocument]], catalog: Catalog, matchers: Matchers
) -> tuple[list[Pending], dict[int, FileReport]]:
    """Extract documents already read: the ones to store, and the failed ones by position."""
    pending: list[Pending] = []
    failed: dict[int, FileReport] = {}
    for i, (label, raw) in enumerate(documents):
        try:
            pending.append(Pending(extract(raw, catalog, matchers=matchers), raw, label))
        except Exception as exc:  # a pipeline bug costs that file only
            failed[i] = error_report(label, exc)
    return pending, failed


__all__ = ["STORE_BATCH", "extract_documents", "ingest_paths", "read_files"]
