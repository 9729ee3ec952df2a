"""kb.bulk.insert_rows: plain multi-row inserts that still honour the model's defaults."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor
from articles.models import Article, Mention
from kb.bulk import insert_rows
from kb.choices import Origin, ReviewStatus

pytestmark = pytest.mark.django_db


def test_rows_get_the_model_defaults_and_go_in_batches_the_backend_accepts():
    article = Article.objects.create(title="A", body="Iran " * 600, content_hash="x")
    actor = Actor.objects.create(name="Iran", slug="iran")
    rows = [(article.pk, actor.pk, i * 5, i * 5 + 4, "Iran") for i in range(600)]
    with CaptureQueriesContext(connection) as ctx:
        assert insert_rows(Mention, ("article", "actor", "start", "end", "text"), rows) == 600
    # Every column but the id goes in each statement, as many rows as the backend allows.
    per_statement = connection.ops.bulk_batch_size(Mention._meta.concrete_fields[1:], rows)
    assert len(ctx.captured_queries) == -(-600 // min(per_statement, 2000))
    assert Mention.objects.count() == 600
    mention = Mention.objects.get(start=5)
    assert (mention.end, mention.text, mention.article_id) == (9, "Iran", article.pk)
    assert (mention.status, mention.origin) == (ReviewStatus.PROPOSED, Origin.INGEST)


def test_nothing_to_insert_runs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert insert_rows(Mention, ("article",), []) == 0


def test_columns_it_cannot_fill_are_refused():
    with pytest.raises(ValueError, match="created_at|ingested_at|updated_at"):
        insert_rows(Article, ("title", "body", "content_hash"), [("A", "b", "c")])
