"""GIN indexes for full-text search on PostgreSQL; nothing on other databases.

Each index is built from the same Django expression that kb/search.py queries with, so the
SQL matches exactly and the planner uses the index. Keep the two in step (a test checks it
with EXPLAIN).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"


def _vector(a: str, b: str):
    return SearchVector(a, weight="A", config=CONFIG) + SearchVector(b, weight="B", config=CONFIG)


INDEXES = [
    ("articles", "Article", "article_search_gin", ("title", "body")),
    ("events", "Event", "event_search_gin", ("title", "description")),
    ("articles", "Claim", "claim_search_gin", ("text", "claimant_text")),
    ("actors", "Actor", "actor_search_gin", ("name", "description")),
]


def _each(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, name, fields in INDEXES:
        yield apps.get_model(app_label, model_name), GinIndex(_vector(*fields), name=name)


def create_indexes(apps, schema_editor):
    for model, index in _each(apps, schema_editor):
        schema_editor.execute(index.create_sql(model, schema_editor))


def drop_indexes(apps, schema_editor):
    for model, index in _each(apps, schema_editor):
        schema_editor.execute(index.remove_sql(model, schema_editor))


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0002_initial"),
        ("articles", "0002_initial"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
