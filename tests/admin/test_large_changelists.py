"""Changelists of large tables: capped counts, no full COUNT(*), no scanning filters."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from actors.models import Actor
from articles.admin import ArticleAdmin
from tests.factories import make_actor, make_article, make_claim, make_mention, make_source

pytestmark = pytest.mark.django_db

BODY = "Kataib Hezbollah denied any role in the attack."


@pytest.fixture
def rows():
    actor = make_actor("Kataib Hezbollah")
    source = make_source("Reuters")
    for _ in range(7):
        article = make_article(BODY, source=source)
        make_mention(article, actor)
        make_claim(article, "denied any role", claimant=actor)
    return actor


@pytest.mark.parametrize("name", ["articles_claim", "articles_mention", "articles_article"])
def test_changelist_over_the_count_cap_pages_on(admin_client, settings, monkeypatch, rows, name):
    settings.ADMIN_COUNT_CAP = 3
    model = apps.get_model(*name.split("_"))
    monkeypatch.setattr(admin.site._registry[model], "list_per_page", 2)
    url = reverse(f"admin:{name}_changelist") + ("?review=all" if name == "articles_claim" else "?")
    first = admin_client.get(url)
    assert first.status_code == 200
    cl = first.context["cl"]
    assert cl.result_count == 3 and cl.full_result_count is None  # capped, not counted
    assert len(cl.result_list) == 2 and cl.paginator.num_pages == 2
    second = admin_client.get(url + "&p=2")
    assert second.status_code == 200
    assert len(second.context["cl"].result_list) == 2


def test_claim_changelist_with_editable_rows_over_the_cap(admin_client, settings, rows):
    settings.ADMIN_COUNT_CAP = 2
    response = admin_client.get(reverse("admin:articles_claim_changelist") + "?review=all")
    assert response.status_code == 200
    assert response.context["cl"].formset is not None
    assert len(response.context["cl"].result_list) == 7  # one page of 25 holds them all


def test_source_changelist_links_to_its_articles_without_counting(admin_client, rows):
    response = admin_client.get(reverse("admin:articles_source_changelist"))
    assert response.status_code == 200
    assert "?source__id__exact=" in response.content.decode()


def test_article_changelist_has_no_date_hierarchy_and_filters_language(admin_client, rows):
    assert ArticleAdmin.date_hierarchy is None
    url = reverse("admin:articles_article_changelist")
    assert admin_client.get(url + "?language=en").context["cl"].result_count == 7
    assert admin_client.get(url + "?language=ar").context["cl"].result_count == 0


def test_mentions_added_and_deleted_in_the_admin_update_the_actor_counts(admin_client, rows):
    article = make_article(BODY)
    response = admin_client.post(
        reverse("admin:articles_mention_add"),
        {"article": article.pk, "actor": rows.pk, "start": 0, "end": 16, "status": "proposed"},
    )
    assert response.status_code == 302, response.content[:800]
    assert Actor.objects.get(pk=rows.pk).mention_count == 8
    mention = rows.mentions.latest("pk")
    admin_client.post(reverse("admin:articles_mention_delete", args=[mention.pk]), {"post": "yes"})
    assert Actor.objects.get(pk=rows.pk).mention_count == 7


def test_deleting_an_article_in_the_admin_updates_the_actor_counts(admin_client, rows):
    from actors.services import actor_counts_refresh

    actor_counts_refresh()
    article = rows.mentions.latest("pk").article
    response = admin_client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert Actor.objects.get(pk=rows.pk).mention_count == 6


@pytest.mark.parametrize(
    "label",
    [
        "articles.article",
        "articles.mention",
        "articles.claim",
        "articles.claimlink",
        "articles.source",
        "events.event",
        "events.participant",
        "events.eventsource",
        "actors.relationship",
    ],
)
def test_tables_that_grow_with_the_corpus_have_capped_changelists(label):
    from kb.core.pagination import AdminCappedPaginator

    model_admin = admin.site._registry[apps.get_model(label)]
    assert model_admin.paginator is AdminCappedPaginator
    assert model_admin.show_full_result_count is False
