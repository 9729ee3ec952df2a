"""kb.core.bulk: plain multi-row inserts that honour model defaults and write the same history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor
from articles.models import Article, Mention
from events.models import Event
from kb.core.bulk import MAX_ROWS, can_insert_objects, insert_rows
from kb.core.choices import Origin, ReviewStatus
from kb.core.history import bulk_create_tracked

pytestmark = pytest.mark.django_db


def test_rows_get_the_model_defaults_and_go_in_batches_the_backend_accepts():
    article = Article.objects.create(title="A", body="Iran " * 600, content_hash="x")
    actor = Actor.objects.create(name="Iran", slug="iran")
    rows = [(article.pk, actor.pk, i * 5, i * 5 + 4, "Iran") for i in range(600)]
    with CaptureQueriesContext(connection) as ctx:
        assert insert_rows(Mention, ("article", "actor", "start", "end", "text"), rows) == 600
    if connection.vendor == "postgresql":
        assert ctx.captured_queries == []  # one COPY, which bypasses the query log
    else:  # every column but the id in each statement, as many rows as the backend allows
        per_statement = connection.ops.bulk_batch_size(Mention._meta.concrete_fields[1:], rows)
        assert len(ctx.captured_queries) == -(-600 // min(per_statement, MAX_ROWS))
    assert Mention.objects.count() == 600
    mention = Mention.objects.get(start=5)
    assert (mention.end, mention.text, mention.article_id) == (9, "Iran", article.pk)
    assert (mention.status, mention.origin) == (ReviewStatus.PROPOSED, Origin.INGEST)


def test_text_that_needs_escaping_arrives_as_it_was():
    article = Article.objects.create(title="A", body="x" * 50, content_hash="x")
    actor = Actor.objects.create(name="Iran", slug="iran")
    texts = ["tab\there", "line\nbreak\r", "back\\slash \\N", "\\.", "", "naïve “quotes”"]
    rows = [(article.pk, actor.pk, i, i + 1, t) for i, t in enumerate(texts)]
    insert_rows(Mention, ("article", "actor", "start", "end", "text"), rows)
    assert list(Mention.objects.order_by("start").values_list("text", flat=True)) == texts


def test_nothing_to_insert_runs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert insert_rows(Mention, ("article",), []) == 0


def test_columns_it_cannot_fill_are_refused():
    with pytest.raises(ValueError, match="created_at|ingested_at|updated_at"):
        insert_rows(Article, ("title", "body", "content_hash"), [("A", "b", "c")])


def _history(model, pk) -> dict:
    row = model.history.filter(id=pk).values().get()
    for key in ("history_id", "history_date", "id", "created_at", "updated_at"):
        row.pop(key)
    return row


def test_bulk_rows_and_their_history_match_what_a_save_writes(admin_user):
    saved = Event(title="Strike", kind="attack", date="2024-05", date_text="in May")
    saved._history_user, saved._change_reason = admin_user, "ingest"
    saved.save()
    bulk = Event(title="Strike", kind="attack", date="2024-05", date_text="in May")
    bulk.date_precision, bulk.date_min, bulk.date_max = (
        saved.date_precision,
        saved.date_min,
        saved.date_max,
    )
    assert can_insert_objects(Event, [bulk]) == connection.features.can_return_rows_from_bulk_insert
    bulk_create_tracked(Event, [bulk], user=admin_user, reason="ingest")
    assert bulk.pk and bulk.pk != saved.pk and not bulk._state.adding
    fresh = Event.objects.get(pk=bulk.pk)
    assert (fresh.date_min, fresh.created_at is not None) == (saved.date_min, True)
    assert _history(Event, bulk.pk) == _history(Event, saved.pk)
    assert Event.history.get(id=bulk.pk).history_user == admin_user


def test_foreign_keys_come_from_instances_saved_just_before():
    articles = [Article(title=f"A{i}", body="b", content_hash=f"h{i}") for i in range(3)]
    bulk_create_tracked(Article, articles, reason="test")
    actor = Actor.objects.create(name="Iran", slug="iran")
    mentions = [Mention(article=a, actor=actor, start=0, end=1, text="b") for a in articles]
    bulk_create_tracked(Mention, mentions)
    assert sorted(Mention.objects.values_list("article__title", flat=True)) == ["A0", "A1", "A2"]
    assert [m.pk for m in mentions] == list(
        Mention.objects.order_by("pk").values_list("pk", flat=True)
    )
