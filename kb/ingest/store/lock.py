"""The store lock: one batch's writes at a time, whichever process or machine makes them.

Extraction (most of the work) runs in parallel in every worker; the writes of a batch are
made in one transaction holding a PostgreSQL advisory lock until it commits. Writes must
see each other in order: an article reporting an event another batch is storing joins that
event instead of making a second one, a candidate name becomes one proposed actor, the
same file sent twice is stored once. On SQLite the database itself admits one writer.
"""

from __future__ import annotations

from django.db import connection, transaction

from kb.ingest.store.articles import store_batch
from kb.ingest.store.report import FileReport
from kb.ingest.store.units import Pending

#: The advisory lock's key ("kb-store" in ASCII).
STORE_LOCK_KEY = int.from_bytes(b"kb-store", "big") & 0x7FFF_FFFF_FFFF_FFFF


def store_lock() -> None:
    """Wait for the store lock, held until the current transaction ends (in one only)."""
    if not connection.in_atomic_block:
        raise RuntimeError("store_lock() needs a transaction: it is released when that ends")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORE_LOCK_KEY])


def store_locked(pending: list[Pending], *, reprocess: bool) -> list[FileReport]:
    """Store a batch in one transaction holding the store lock."""
    with transaction.atomic():
        store_lock()
        return store_batch(pending, reprocess=reprocess)
