"""Stored full-text vectors for articles, claims and events on PostgreSQL; nothing elsewhere.

Each table gets a ``search_tsv`` column that PostgreSQL computes on every insert and update
(``GENERATED ALWAYS ... STORED``) and a GIN index on it. The columns are not Django model
fields: inserts never name them, and kb/search.py reads them through ``StoredVector`` (kb/core/fts.py).
Searching and ranking then read the stored vector instead of recomputing ``to_tsvector`` of
every matching row, and the plain-column GIN index serves both the API ``?search=`` filter
(kb/core/filters.py) and the search page.

The expression GIN indexes of 0001_search on the same tables become unused and are dropped
(the reverse puts them back); the actor one stays (kb/search.py still searches actor
descriptions with that expression).

Adding a stored generated column rewrites the table: expect this migration to take a while
on a large database. A later migration that changes the type of a column named below must
drop and re-add the generated column around the change.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"
COLUMN = "search_tsv"


def _part(column: str, weight: str) -> str:
    return f"setweight(to_tsvector('{CONFIG}', coalesce({column}, '')), '{weight}')"


# table, new index, (column, weight) parts, 0001 index it replaces, (model, fields) of that index
VECTORS = [
    (
        "articles_article",
        "article_search_tsv_gin",
        (("title", "A"), ("body", "B"), ("author", "C"), ("origin", "C")),
        "article_search_gin",
        ("articles", "Article", ("title", "body")),
    ),
    (
        "articles_claim",
        "claim_search_tsv_gin",
        (("text", "A"), ("claimant_text", "B"), ("quote", "C")),
        "claim_search_gin",
        ("articles", "Claim", ("text", "claimant_text")),
    ),
    (
        "events_event",
        "event_search_tsv_gin",
        (("title", "A"), ("description", "B"), ("date_text", "C")),
        "event_search_gin",
        ("events", "Event", ("title", "description")),
    ),
]


def add_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, index, parts, old_index, _ in VECTORS:
        expression = " || ".join(_part(column, weight) for column, weight in parts)
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin ({COLUMN})")
        schema_editor.execute(f"DROP INDEX IF EXISTS {old_index}")
        # Statistics on the new column, so the planner estimates matches from the start.
        schema_editor.execute(f"ANALYZE {table}")


def remove_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, index, _, old_index, (app_label, model_name, fields) in VECTORS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}")
        a, b = fields
        vector = SearchVector(a, weight="A", config=CONFIG) + SearchVector(
            b, weight="B", config=CONFIG
        )
        model = apps.get_model(app_label, model_name)
        schema_editor.execute(GinIndex(vector, name=old_index).create_sql(model, schema_editor))


class Migration(migrations.Migration):
    dependencies = [("kb", "0002_mergerecord")]

    operations = [migrations.RunPython(add_vectors, remove_vectors, elidable=False)]
