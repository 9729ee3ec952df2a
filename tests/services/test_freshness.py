"""The knowledge-base version moves on after every committed write, whichever path made it,
and never for a rolled-back one or for writes outside the knowledge base."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actors.models import Actor
from actors.services import actor_merge
from articles.models import Mention
from kb.core import freshness
from kb.core.bulk import insert_rows
from kb.core.roles import EDITOR
from kb.ingest.batch import ingest_paths
from tests.admin.test_locking import analyst_client, open_form
from tests.factories import make_actor, make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "sql",
    [
        'INSERT INTO "actors_actor" ("name") VALUES (%s)',
        'UPDATE "articles_claim" SET "status" = %s',
        "  delete from events_event where id = 1",
        'COPY "articles_mention" ("article_id") FROM STDIN',
        'INSERT INTO "kb_mergerecord" ("kind") VALUES (%s)',
    ],
)
def test_writes_to_knowledge_base_tables_are_content(sql):
    assert freshness.writes_content(sql)


@pytest.mark.parametrize(
    "sql",
    [
        'SELECT "actors_actor"."id" FROM "actors_actor"',
        'SAVEPOINT "s1"',
        'UPDATE "django_session" SET "session_data" = %s',
        'INSERT INTO "axes_accessattempt" ("username") VALUES (%s)',
        'UPDATE "auth_user" SET "last_login" = %s',
        'INSERT INTO "authtoken_token" ("key") VALUES (%s)',
    ],
)
def test_reads_and_writes_outside_the_knowledge_base_are_not(sql):
    assert not freshness.writes_content(sql)


def test_bookkeeping_tables_can_be_declared_not_content(monkeypatch):
    monkeypatch.setattr(freshness, "_NOT_CONTENT", set())
    assert freshness.is_content_table("kb_somelog")
    freshness.not_content("kb_somelog")
    assert not freshness.is_content_table('"kb_somelog"')


@pytest.fixture
def moved(django_capture_on_commit_callbacks):
    """Run a write as if committed; True when the version moved on."""

    def run(write) -> bool:
        before = freshness.current()[0]
        with django_capture_on_commit_callbacks(execute=True):
            write()
        return freshness.current()[0] > before

    return run


def test_the_version_moves_on_once_per_commit(moved, django_capture_on_commit_callbacks):
    before = freshness.current()[0]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_actor("One")
        make_actor("Two")
    assert freshness.current()[0] == before + 1
    assert len(callbacks) >= 2  # each write registered; only the first bumped


def test_a_rolled_back_write_does_not_move_it(django_capture_on_commit_callbacks):
    before = freshness.current()[0]
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        make_actor("Never")
        raise RuntimeError("roll back")
    assert freshness.current()[0] == before


def test_it_is_not_moved_before_the_commit(django_capture_on_commit_callbacks):
    before = freshness.current()[0]
    with django_capture_on_commit_callbacks(execute=True):
        make_actor("Pending")
        # Still inside the transaction: a reader caching now must use the old version.
        assert freshness.current()[0] == before
    assert freshness.current()[0] > before


def test_a_model_save(moved):
    actor = make_actor("Saved")
    actor.description = "changed"
    assert moved(actor.save)


def test_a_queryset_update_and_delete(moved):
    make_actor("Updated")
    assert moved(lambda: Actor.objects.filter(name="Updated").update(description="x"))
    assert moved(lambda: Actor.objects.filter(name="Updated").delete())


def test_a_bulk_insert(moved):
    """insert_rows writes with COPY on PostgreSQL, outside Django's cursor."""
    actor = make_actor("Bulk")
    article = make_article("Bulk is here.")
    rows = [(article.pk, actor.pk, 0, 4, "Bulk")]
    assert moved(lambda: insert_rows(Mention, ("article", "actor", "start", "end", "text"), rows))
    assert Mention.objects.filter(article=article).count() == 1


def test_a_merge(moved):
    keep, merge = make_actor("Kataib Hezbollah"), make_actor("Kataib Hizballah")
    assert moved(lambda: actor_merge(keep=keep, merge=merge))


def test_an_ingest(moved, tmp_path):
    (tmp_path / "a.txt").write_text("Iran and Iraq\n\nIran said on Monday it would talk to Iraq.")
    assert moved(lambda: ingest_paths([tmp_path], max_bytes=100_000))


def test_an_admin_save(moved):
    actor = make_actor("Admin Actor", kind="state")
    client = analyst_client("editor")
    data = open_form(client, "actors_actor", actor.pk)
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    assert moved(lambda: client.post(url, {**data, "name": "Admin Actor renamed"}))
    actor.refresh_from_db()
    assert actor.name == "Admin Actor renamed"


def test_an_api_write(moved):
    actor = make_actor("API Actor", kind="state")
    client = APIClient()
    token = Token.objects.create(user=make_user("editor", role=EDITOR))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = f"/api/v1/actors/{actor.pk}/"
    assert moved(lambda: client.patch(url, {"description": "via API", "version": 1}))
    actor.refresh_from_db()
    assert actor.description == "via API"


def test_signing_in_does_not_move_it(moved, client):
    make_user("reader", password="pw-reader-123")
    assert not moved(lambda: client.login(username="reader", password="pw-reader-123"))
    assert not moved(lambda: Token.objects.create(user=make_user("other")))
