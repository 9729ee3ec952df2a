"""FTS5 full-text indexes for articles, claims and events on SQLite; nothing elsewhere.

The SQLite counterpart of 0003_search_vectors (PostgreSQL): see kb/core/fts.py. Filling the
index reads every row once, so expect this to take a while on a large database.
"""

from django.db import migrations

from kb.core.fts import FTS_TABLES, create_statements, drop_statements, fts_available


def add_fts(apps, schema_editor):
    if not fts_available(schema_editor.connection):
        return
    for table in FTS_TABLES:
        for sql in create_statements(table):
            schema_editor.execute(sql)


def remove_fts(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in FTS_TABLES:
        for sql in drop_statements(table):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0003_search_vectors"),
        ("articles", "0003_lean_indexes"),
        ("events", "0002_lean_indexes"),
    ]

    operations = [migrations.RunPython(add_fts, remove_fts, elidable=False)]
