"""Stored per-actor counts: kept by the write services (deletes, mention edits, bulk writes,
merges and undo), all through actor_counts_refresh."""

import ast

import pytest

from actors.models import Actor
from actors.services import actor_counts_refresh, actor_merge, actor_merge_undo
from articles.models import Article, Mention
from articles.services import (
    article_delete,
    articles_delete,
    mention_counts_refresh,
    mention_delete,
    mention_save,
    mentions_delete,
)
from tests.factories import make_actor, make_article
from tests.test_architecture import ROOT, project_modules

pytestmark = pytest.mark.django_db

BODY = "Kataib Hezbollah and Kataib Hizballah met Badr. Kataib Hezbollah left."


def counts(*actors) -> list[tuple[int, int]]:
    rows = dict(
        (pk, (m, a))
        for pk, m, a in Actor.objects.values_list("pk", "mention_count", "article_count")
    )
    return [rows[actor.pk] for actor in actors]


def mention(article, actor, text):
    start = article.body.index(text)
    return Mention.objects.create(
        article=article, actor=actor, start=start, end=start + len(text), text=text
    )


def test_counts_start_at_zero_and_refresh_counts_mentions_and_distinct_articles():
    kh, badr = make_actor("Kataib Hezbollah"), make_actor("Badr")
    first, second = make_article(BODY), make_article(BODY)
    mention(first, kh, "Kataib Hezbollah")
    mention(first, kh, "Kataib Hizballah")
    mention(second, kh, "Kataib Hezbollah")
    mention(second, badr, "Badr")
    assert counts(kh, badr) == [(0, 0), (0, 0)]  # bulk writes do not touch the counts

    assert actor_counts_refresh() == 2
    assert counts(kh, badr) == [(3, 2), (1, 1)]
    assert actor_counts_refresh() == 0  # nothing changed: nothing written


def test_refresh_of_some_actors_leaves_the_others_alone():
    kh, badr = make_actor("Kataib Hezbollah"), make_actor("Badr")
    article = make_article(BODY)
    mention(article, kh, "Kataib Hezbollah")
    mention(article, badr, "Badr")

    actor_counts_refresh(actor_ids=[kh.pk])
    assert counts(kh, badr) == [(1, 1), (0, 0)]
    assert actor_counts_refresh(actor_ids=[]) == 0


def test_refresh_after_mentions_are_deleted_returns_to_zero():
    kh = make_actor("Kataib Hezbollah")
    article = make_article(BODY)
    mention(article, kh, "Kataib Hezbollah")
    actor_counts_refresh(actor_ids=[kh.pk])
    assert counts(kh) == [(1, 1)]

    Mention.objects.filter(actor=kh).delete()
    actor_counts_refresh(actor_ids=[kh.pk])
    assert counts(kh) == [(0, 0)]


def test_merge_and_undo_keep_the_counts_current():
    keep = make_actor("Kataib Hezbollah", kind="armed_group")
    merge = make_actor("Kataib Hizballah", kind="armed_group")
    first, second = make_article(BODY), make_article(BODY)
    mention(first, keep, "Kataib Hezbollah")
    mention(first, merge, "Kataib Hizballah")
    mention(second, merge, "Kataib Hizballah")
    actor_counts_refresh()
    assert counts(keep, merge) == [(1, 1), (2, 2)]

    record = actor_merge(keep=keep, merge=merge)
    assert counts(keep) == [(3, 2)]

    restored = actor_merge_undo(record=record)
    assert restored.pk == merge.pk
    assert counts(keep, merge) == [(1, 1), (2, 2)]
    assert (restored.mention_count, restored.article_count) == (2, 2)


def test_counts_are_not_history():
    kh = make_actor("Kataib Hezbollah")
    mention(make_article(BODY), kh, "Kataib Hezbollah")
    before = kh.history.count()
    actor_counts_refresh()
    assert kh.history.count() == before


def test_deleting_articles_recounts_the_actors_they_named():
    kh, badr = make_actor("Kataib Hezbollah"), make_actor("Badr")
    first, second, third = make_article(BODY), make_article(BODY), make_article(BODY)
    for article in (first, second, third):
        mention(article, kh, "Kataib Hezbollah")
    mention(second, badr, "Badr")
    actor_counts_refresh()

    article_delete(article=first)
    assert counts(kh, badr) == [(2, 2), (1, 1)]
    articles_delete(articles=Article.objects.filter(pk__in=[second.pk, third.pk]))
    assert counts(kh, badr) == [(0, 0), (0, 0)]


def test_mention_writes_recount_the_actor_and_the_one_it_left():
    kh, badr = make_actor("Kataib Hezbollah"), make_actor("Badr")
    article = make_article(BODY)
    made = mention_save(
        mention=Mention(article=article, actor=kh, start=0, end=16, text="Kataib Hezbollah")
    )
    assert counts(kh, badr) == [(1, 1), (0, 0)]
    made.actor = badr
    mention_save(mention=made, previous_actor_id=kh.pk)
    assert counts(kh, badr) == [(0, 0), (1, 1)]
    mention_delete(mention=made)
    assert counts(badr) == [(0, 0)]
    mention(article, kh, "Kataib Hezbollah")
    mention(article, kh, "Kataib Hizballah")
    actor_counts_refresh()
    mentions_delete(mentions=Mention.objects.filter(text="Kataib Hizballah"))
    assert counts(kh) == [(1, 1)]


def test_bulk_written_mentions_are_counted_by_article_or_all():
    kh, badr = make_actor("Kataib Hezbollah"), make_actor("Badr")
    first, second = make_article(BODY), make_article(BODY)
    mention(first, kh, "Kataib Hezbollah")
    mention(second, badr, "Badr")
    assert mention_counts_refresh(article_ids=[]) == 0
    assert mention_counts_refresh(article_ids=[first.pk]) == 1
    assert counts(kh, badr) == [(1, 1), (0, 0)]
    assert mention_counts_refresh() == 1
    assert counts(badr) == [(1, 1)]


# Until the ingest store moves to kb/ingest/store/ (issue 11, the ingest half), kb/ingest
# refreshes the counts itself after a batch; the store will call mention_counts_refresh.
REFRESHERS = ("actors/services.py", "articles/services.py", "kb/ingest/")


def test_only_the_write_services_refresh_the_stored_counts():
    """One mechanism: services that write mentions keep the counts; no admin, API or page
    has to remember to."""
    callers = set()
    for path in project_modules().values():
        where = str(path.relative_to(ROOT))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == (
                "actor_counts_refresh"
            ):
                callers.add(where)
    assert callers and not {c for c in callers if not c.startswith(REFRESHERS)}
