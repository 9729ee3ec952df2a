"""Articles without a title get their first heading or sentence, marked as derived (issue 15)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APIClient

from articles.models import Article
from articles.titles import derive_title, title_fields
from kb.ingest.store.articles import store_extraction
from kb.ingest.types import CleanDocument, Extraction, RawDocument
from tests.factories import make_article


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # the first sentence; "U.S." and "Gen." do not end it
        (
            "Gen. Votel said the U.S. would stay. Iraq objected.",
            "Gen. Votel said the U.S. would stay",
        ),
        # a heading: a short first paragraph without a final stop
        ("Border deal signed\n\nIran and Iraq signed a deal.", "Border deal signed"),
        # a long sentence is cut at a word, with an ellipsis
        (
            "The relationship between the United States and Iraq is a complex one, marked by "
            "cooperation, tension, suspicion and a long history of war, occupation and uneasy "
            "alliance. More.",
            "The relationship between the United States and Iraq is a complex one, marked by "
            "cooperation, tension, suspicion and a…",
        ),
        ("", ""),
    ],
)
def test_derive_title(body, title):
    assert derive_title(body) == title


def test_own_title_is_kept_and_not_marked():
    assert title_fields("Strike", "A body.") == {"title": "Strike", "title_derived": False}
    assert title_fields("", "A body. More.") == {"title": "A body", "title_derived": True}
    assert title_fields("", "") == {"title": "", "title_derived": False}


def _ingest(body: str, title: str = "", origin: str = "000_a5428125b5f79fcb.txt", **kwargs):
    raw = RawDocument(text=body, origin=origin, format="text")
    extraction = Extraction(document=CleanDocument(body=body, title=title))
    return store_extraction(extraction, raw=raw, path=origin, **kwargs)


@pytest.mark.django_db
def test_ingest_titles_an_untitled_article_from_its_first_sentence():
    report = _ingest("In an interview, an official spoke. He said more.")
    article = Article.objects.get(pk=report.article_id)
    assert (article.title, article.title_derived) == ("In an interview, an official spoke", True)
    assert str(article) == article.title != article.origin


@pytest.mark.django_db
def test_reingest_keeps_a_title_an_analyst_wrote():
    report = _ingest("In an interview, an official spoke. He said more.")
    Article.objects.filter(pk=report.article_id).update(
        title="Official interview", title_derived=False
    )
    _ingest("In an interview, an official spoke. He said more.", reprocess=True)
    article = Article.objects.get(pk=report.article_id)
    assert (article.title, article.title_derived) == ("Official interview", False)


@pytest.mark.django_db
def test_an_analyst_editing_a_derived_title_in_admin_clears_the_mark(admin_client):
    article = make_article("An official spoke. More.", title="An official spoke")
    Article.objects.filter(pk=article.pk).update(title_derived=True)
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    assert data["title_derived"] is True  # the box, ticked as loaded and left so
    data.update({"title": "Interview with an official", "title_derived": "on"})
    data.update({"claims-TOTAL_FORMS": 0, "claims-INITIAL_FORMS": 0})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    # the edited title is no longer derived, though the analyst did not untick the box
    assert (article.title, article.title_derived) == ("Interview with an official", False)


@pytest.mark.django_db
def test_an_api_title_edit_clears_the_mark_and_a_new_untitled_article_gets_one(admin_client):
    client = APIClient()
    client.force_authenticate(get_user_model().objects.get(username="admin"))
    article = make_article("An official spoke. More.", title="An official spoke")
    Article.objects.filter(pk=article.pk).update(title_derived=True)
    url = f"/api/v1/articles/{article.pk}/"
    response = client.patch(url, {"title": "Interview", "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["title_derived"] is False
    created = client.post(
        "/api/v1/articles/", {"body": "Iran and Iraq met. They agreed."}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert (created.json()["title"], created.json()["title_derived"]) == (
        "Iran and Iraq met",
        True,
    )


@pytest.mark.django_db
def test_pages_mark_a_derived_title(client):
    article = make_article("An official spoke. More.", title="An official spoke")
    Article.objects.filter(pk=article.pk).update(title_derived=True)
    for path in (article.get_absolute_url(), "/articles/", "/"):
        html = client.get(path).content.decode()
        assert 'class="derived-title"' in html, path
    Article.objects.filter(pk=article.pk).update(title_derived=False)
    assert 'class="derived-title"' not in client.get("/articles/").content.decode()
