"""The knowledge-base version: one number, in the shared cache, that every committed write bumps.

Cached responses are keyed by it (kb.core.caching), so no page or API answer outlives the
data it showed. Writes are noticed where every one of them passes, whichever path made it
(admin and its bulk actions, API, ingest, merges, ``QuerySet.update``, raw SQL): the
database connection. A wrapper installed on each connection (``watch_connection``, from
the ``connection_created`` signal) looks at each statement; an INSERT, UPDATE or DELETE on
a table of the knowledge base bumps the version once the transaction commits (at once in
autocommit), and never for a transaction rolled back. The one write that does not go
through Django's cursor, ``COPY`` in kb.core.bulk, reports itself with ``note_write``.

The version starts from the clock in nanoseconds, so a version lost with the cache (a
restarted Redis) starts again above any number handed out before, and pages cached under
an old number are never found again.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "kb:version"
CHANGED_KEY = "kb:version:changed"

#: The first words of a statement that writes, and the table it writes to.
_WRITE = re.compile(
    r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY|TRUNCATE(?:\s+TABLE)?)\s+"?([\w.]+)',
    re.IGNORECASE,
)
#: Tables of the knowledge-base apps that are bookkeeping, not content (registered by
#: their apps with ``not_content``): writing them changes no page.
_NOT_CONTENT: set[str] = set()


def not_content(*tables: str) -> None:
    """Declare tables whose writes leave the knowledge base as it was (ingest run logs)."""
    _NOT_CONTENT.update(tables)


def is_content_table(table: str) -> bool:
    """True for a table of one of ``settings.KB_CONTENT_APPS`` not declared bookkeeping."""
    table = table.rsplit(".", 1)[-1].strip('"').lower()
    if table in _NOT_CONTENT:
        return False
    return any(table.startswith(f"{label}_") for label in settings.KB_CONTENT_APPS)


def writes_content(sql: str) -> bool:
    """True when the statement may change the knowledge base."""
    if sql[:1] in "Ss":  # SELECT, SAVEPOINT: the common case, decided at once
        return False
    match = _WRITE.match(sql)
    return bool(match) and is_content_table(match.group(1))


# --- the version ----------------------------------------------------------------------------


def current() -> tuple[int, datetime]:
    """The version and when it last changed (one cache round trip)."""
    found = cache.get_many([VERSION_KEY, CHANGED_KEY])
    version, changed = found.get(VERSION_KEY), found.get(CHANGED_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    if changed is None:
        changed = time.time()
        cache.add(CHANGED_KEY, changed, timeout=None)
    return int(version), datetime.fromtimestamp(int(changed), UTC)


def bump() -> int:
    """Move the version on: what any cache holds under the old one is not served again."""
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:  # not there yet (a new or restarted cache)
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.incr(VERSION_KEY)
    cache.set(CHANGED_KEY, time.time(), timeout=None)
    return version


# --- noticing writes ------------------------------------------------------------------------


class _Watcher:
    """The execute wrapper of one connection (connections are not shared between threads)."""

    def __init__(self, connection):
        self.connection = connection
        self.pending = False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if writes_content(sql):
            self.changed()
        return result

    def changed(self) -> None:
        if not self.connection.in_atomic_block:
            bump_safely()
            return
        # One bump per commit: every write registers, the first callback to run bumps.
        # A rolled-back transaction's callbacks are dropped with it, so it bumps nothing.
        self.pending = True
        transaction.on_commit(self._committed, using=self.connection.alias)

    def _committed(self) -> None:
        if self.pending:
            self.pending = False
            bump_safely()


def watch_connection(sender=None, connection=None, **kwargs) -> None:
    """Install the write watcher on a new database connection (``connection_created``)."""
    if _watcher_of(connection) is None:
        connection.execute_wrappers.insert(0, _Watcher(connection))


def _watcher_of(connection) -> _Watcher | None:
    return next((w for w in connection.execute_wrappers if isinstance(w, _Watcher)), None)


def note_write(connection, table: str) -> None:
    """Report a write made outside Django's cursor (COPY) on ``connection``."""
    if is_content_table(table):
        (_watcher_of(connection) or _Watcher(connection)).changed()


def bump_safely() -> None:
    """``bump``, logging rather than raising when the cache cannot be reached."""
    # The write is committed whatever happens here; a cache that is down must not turn it
    # into an error (pages are not served from it either while it is down).
    try:
        bump()
    except Exception:
        logger.exception("could not bump the knowledge-base version")


__all__ = [
    "bump",
    "bump_safely",
    "current",
    "is_content_table",
    "not_content",
    "note_write",
    "watch_connection",
    "writes_content",
]
