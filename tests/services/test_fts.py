"""SQLite full-text indexes (kb.core.fts): kept in step by triggers, matching whole stemmed words."""

import pytest
from django.db import connection

from articles.models import Article, Claim
from events.models import Event
from kb.core.fts import FTS_TABLES, fts_match, fts_query, fts_ready

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL has stored tsvectors"),
]


def found(model, *words) -> set:
    return set(model.objects.filter(fts_match(model, list(words))).values_list("pk", flat=True))


def test_every_searched_table_has_its_index():
    assert all(fts_ready(m) for m in (Article, Claim, Event))
    assert {m._meta.db_table for m in (Article, Claim, Event)} == set(FTS_TABLES)


def test_writes_of_any_kind_keep_the_index_current():
    a = Article.objects.create(title="Militias strike", body="Drones hit Erbil.", content_hash="a")
    b = Article.objects.create(title="Budget", body="The dinar fell.", content_hash="b")
    assert found(Article, "militia") == {a.pk}  # stemmed
    assert found(Article, "DRONE", "erbil") == {a.pk}  # every word, any case
    assert found(Article, "drone", "dinar") == set()
    Article.objects.filter(pk=b.pk).update(body="Drones over Erbil too.")  # no save()
    assert found(Article, "erbil") == {a.pk, b.pk}
    a.delete()
    assert found(Article, "erbil") == {b.pk}
    Article.objects.bulk_create([Article(title="Sanctions", body="x", content_hash="c")])
    assert len(found(Article, "sanction")) == 1


def test_accents_fold_and_operators_are_plain_words():
    a = Article.objects.create(title="Qasem Soleimâni", body="NEAR OR AND", content_hash="a")
    assert found(Article, "soleimani") == {a.pk}
    assert found(Article, "or") == {a.pk} == found(Article, 'NEAR("')  # words, not syntax
    assert found(Article, "AND", "budget") == set()
    assert fts_query(['say "hi"', "x"]) == '"say ""hi""" "x"'
    assert found(Article, '"') == {a.pk}  # nothing to search for: no condition
