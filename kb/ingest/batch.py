"""Ingesting many files: read the catalog once, extract file by file, store in batches.

read → pipeline.extract (clean → link → claims → events) → store, file by file. New articles
are stored ``STORE_BATCH`` at a time, in one transaction and one set of bulk writes
(kb.ingest.store.articles.store_batch), on a writer thread when the database allows
(kb.ingest.store.writer); files that change an article already stored go one by one. A file
that cannot be read or extracted is reported and skipped, and a batch whose write fails is
stored again article by article, so one bad file or one pipeline bug costs that file only.
Everything that touches the database is in kb.ingest.store.
"""

from __future__ import annotations

from pathlib import Path

from kb.ingest.catalog import Catalog
from kb.ingest.pipeline import Matchers, extract
from kb.ingest.read.files import article_files, read_path
from kb.ingest.store.articles import store_extraction
from kb.ingest.store.catalog import catalog_from_db
from kb.ingest.store.counts import counts_refresh
from kb.ingest.store.report import FileReport, error_report
from kb.ingest.store.units import Pending
from kb.ingest.store.writer import Writer, can_store_aside
from kb.ingest.types import IngestError

#: New articles stored per transaction: enough to amortise the round trips and the commit,
#: few enough that a batch retried file by file (after a failure) stays quick.
STORE_BATCH = 100


def ingest_paths(
    paths: list[Path],
    *,
    catalog: Catalog | None = None,
    reprocess: bool = False,
    dry_run: bool = False,
    max_bytes: int,
) -> list[FileReport]:
    """Ingest files and folders; one report per file, errors included, nothing partial saved."""
    catalog = catalog or catalog_from_db()
    matchers = Matchers.from_catalog(catalog)
    try:
        files = article_files(paths)
    except IngestError as exc:
        return [FileReport(", ".join(map(str, paths)), "error", str(exc))]
    # One slot per file, in order: a report, or the index of its store in writer.reports.
    slots: list[FileReport | int] = []
    pending: list[Pending] = []
    writer = Writer(reprocess=reprocess, background=not dry_run and can_store_aside())
    try:
        seen: dict[str, str] = {}
        for file in files:
            label = str(file.path)
            try:
                if file.error:
                    raise IngestError(file.error)
                if (other := seen.setdefault(file.origin, label)) != label:
                    raise IngestError(f"{label}: same identity ({file.origin}) as {other}")
                raw = read_path(file.path, max_bytes=max_bytes, origin=file.origin[-255:])
                extraction = extract(raw, catalog, matchers=matchers)
                if dry_run:
                    slots.append(
                        store_extraction(
                            extraction, raw=raw, path=label, reprocess=reprocess, dry_run=True
                        )
                    )
                    continue
                slots.append(writer.queued + len(pending))
                pending.append(Pending(extraction, raw, label))
                if len(pending) >= STORE_BATCH:
                    writer.submit(pending)
                    pending = []
            except Exception as exc:  # a bad file or a pipeline bug costs that file only
                slots.append(error_report(label, exc))
        writer.submit(pending)
    finally:
        writer.close()
    reports = [writer.reports[s] if isinstance(s, int) else s for s in slots]
    if not dry_run:
        counts_refresh(reports)
    return reports


__all__ = ["ingest_paths"]
