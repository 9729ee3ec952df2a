"""Full-text search on SQLite: FTS5 indexes kept in step with the tables by triggers.

PostgreSQL has stored ``tsvector`` columns with GIN indexes (kb/migrations/0003); SQLite, the
embedded default, gets the same for the same tables and columns: an external-content FTS5
table per searched table (``kb/migrations/0004_sqlite_fts.py``), filled and kept current by
triggers on insert, update and delete, whatever writes the rows (ORM, bulk inserts, raw
SQL, ``loaddata``). Words are stemmed (Porter) and folded (case, diacritics), so, as on
PostgreSQL, a search matches whole words of the row's own text, every word required.

``fts_match(model, words)`` is the condition for ``.filter()``; ``fts_ready()`` says whether
the database has the index (an SQLite build without FTS5 keeps the ``icontains`` fallback).
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3

from django.db import connections, models
from django.db.models import Q
from django.db.models.expressions import RawSQL

TOKENIZE = "porter unicode61 remove_diacritics 2"
#: searched table → (FTS5 table, its columns): the columns of the PostgreSQL vectors.
FTS_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "articles_article": ("kb_article_fts", ("title", "body", "author", "origin")),
    "articles_claim": ("kb_claim_fts", ("text", "claimant_text", "quote")),
    "events_event": ("kb_event_fts", ("title", "description", "date_text")),
}
MAX_WORDS = 10


def create_statements(table: str) -> list[str]:
    """The SQL creating ``table``'s FTS5 index and triggers and filling it from the rows."""
    fts, columns = FTS_TABLES[table]
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', "
        f"content_rowid='id', tokenize='{TOKENIZE}')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN {delete} {insert} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def drop_statements(table: str) -> list[str]:
    fts, _ = FTS_TABLES[table]
    return [
        *(f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("ai", "ad", "au")),
        f"DROP TABLE IF EXISTS {fts}",
    ]


@functools.cache
def sqlite_has_fts5() -> bool:
    """True when the SQLite library Python uses (Django's too) was built with FTS5."""
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        return any(row[0] == "ENABLE_FTS5" for row in db.execute("PRAGMA compile_options"))


def fts_available(connection) -> bool:
    """True when this connection is SQLite with FTS5: the migration creates the indexes."""
    return connection.vendor == "sqlite" and sqlite_has_fts5()


def fts_ready(model: type[models.Model], using: str = "default") -> bool:
    """True when ``model``'s table has an FTS5 index in this database (no query: the
    migration created it wherever FTS5 is available)."""
    return model._meta.db_table in FTS_TABLES and fts_available(connections[using])


def fts_query(words: list[str]) -> str:
    """An FTS5 query requiring every word: each one quoted, so no word is an operator."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words[:MAX_WORDS] if w.strip('"'))


def fts_match(model: type[models.Model], words: list[str]) -> Q:
    """Condition: the row's indexed text has every word (stemmed, case and accents folded)."""
    fts, _ = FTS_TABLES[model._meta.db_table]
    query = fts_query(words)
    if not query:
        return Q()
    rows = RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [query])  # noqa: S611
    return Q(pk__in=rows)


__all__ = ["FTS_TABLES", "fts_available", "fts_match", "fts_query", "fts_ready"]
