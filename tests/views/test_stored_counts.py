"""Pages that read the stored actor counts, and the actor page's bounded article list."""

import pytest

from actors import views as actor_views
from articles import querysets as article_reads
from tests.factories import make_actor, make_kh_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    return make_kh_corpus(4)


def test_home_ranks_actors_by_stored_mention_count(client, corpus):
    kh, badr, _ = corpus
    top = client.get("/").context["top_actors"]
    assert [(a.slug, a.mention_count, a.article_count) for a in top] == [
        ("kh", 8, 4),
        ("badr", 4, 4),
    ]


def test_never_mentioned_actors_are_not_top_actors(client, corpus):
    make_actor("Nobody")
    assert [a.name for a in client.get("/").context["top_actors"]] == ["Kataib Hezbollah", "Badr"]


@pytest.mark.parametrize("sparse_limit", [1000, 2])  # ids first, or the semi-join
def test_actor_page_counts_mentions_per_shown_article(client, corpus, monkeypatch, sparse_limit):
    monkeypatch.setattr(article_reads, "SPARSE_ARTICLES", sparse_limit)
    monkeypatch.setattr(actor_views, "PROFILE_LIMIT", 3)
    kh, _, articles = corpus
    response = client.get(kh.get_absolute_url())
    shown = response.context["articles"]
    assert [a.pk for a in shown] == [a.pk for a in reversed(articles)][:3]  # newest first
    assert [a.mention_count for a in shown] == [2, 2, 2]
    assert shown[0].spellings == ["Kataib Hezbollah"]
    assert response.context["article_total"] == 4


def test_actor_page_of_an_actor_never_mentioned(client, corpus):
    nobody = make_actor("Nobody", slug="nobody")
    response = client.get(nobody.get_absolute_url())
    assert response.status_code == 200
    assert response.context["articles"] == [] and response.context["article_total"] == 0
