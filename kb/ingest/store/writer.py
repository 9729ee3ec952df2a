"""Batches of new articles stored in order, on a writer thread while the next is extracted.

Extraction is CPU work in Python; storing is mostly waiting for the database. When the
caller holds no open transaction, batches are stored on a second thread (one batch at a
time, in order) while the next batch is extracted, so the two overlap.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connection, connections

from kb.ingest.store.articles import store_batch
from kb.ingest.store.report import FileReport
from kb.ingest.store.units import Pending


def can_store_aside() -> bool:
    """True when another thread's connection sees and keeps what it writes: no transaction
    is open here (a test's, a caller's) and the database is not a private in-memory one."""
    if connection.in_atomic_block:
        return False
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


class Writer:
    """Stores batches in order: on its own thread when ``background``, else at once.

    At most one batch is being stored at any time; ``submit`` waits for the one before.
    """

    def __init__(self, *, reprocess: bool, background: bool):
        self.reprocess = reprocess
        self.reports: list[FileReport] = []
        self.queued = 0
        self._pool = ThreadPoolExecutor(1, "kb-ingest-store") if background else None
        self._running: Future | None = None

    def submit(self, batch: list[Pending]) -> None:
        if not batch:
            return
        self.queued += len(batch)
        if self._pool is None:
            self.reports.extend(store_batch(batch, reprocess=self.reprocess))
            return
        self._wait()
        self._running = self._pool.submit(store_batch, batch, reprocess=self.reprocess)

    def _wait(self) -> None:
        if self._running is not None:
            running, self._running = self._running, None
            self.reports.extend(running.result())

    def close(self) -> None:
        """Wait for the last batch; close the thread's database connection."""
        if self._pool is None:
            return
        try:
            self._wait()
        finally:
            self._pool.submit(connections.close_all).result()
            self._pool.shutdown()
