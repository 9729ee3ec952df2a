"""/api/v1/: a landing page for a browser, the collections' links for a client (issue 15)."""

import re

import pytest

from articles.api import ArticleViewSet
from kb.api_urls import router

pytestmark = pytest.mark.django_db

COLLECTIONS = [prefix for prefix, _, _ in router.registry]


def test_a_browser_gets_a_landing_page(client):
    response = client.get("/api/v1/", HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "basic root view" not in html and "<h1>Knowledge base API, version 1</h1>" in html
    names = re.findall(r'<dt><a href="http://testserver/api/v1/([\w-]+)/">\1</a>', html)
    assert names == COLLECTIONS and {"articles", "events", "claims"} <= set(names)
    # each with the one-line description its viewset gives (the schema's too)
    assert f"<dd>{ArticleViewSet.__doc__.strip()}" in html
    for path in ("/api/v1/docs/", "/api/v1/redoc/", "/api/v1/schema/"):
        assert f'href="http://testserver{path}"' in html
    assert "Authorization: Token &lt;key&gt;" in html
    assert 'href="http://testserver/api/v1/articles/csv/"' in html


def test_a_client_gets_the_links_as_json(api_client):
    body = api_client.get("/api/v1/").json()
    assert list(body) == COLLECTIONS
    assert body["events"] == "http://testserver/api/v1/events/"


def test_the_landing_page_links_resolve(client):
    html = client.get("/api/v1/", HTTP_ACCEPT="text/html").content.decode()
    for url in set(re.findall(r'href="http://testserver(/api/v1/[^"]*)"', html)):
        if "export/stix" in url or "claimreview" in url:
            continue  # exports: tested in test_stix_export.py and test_claimreview.py
        # every link resolves; a collection for signed-in users only (ingest runs) asks an
        # anonymous client to authenticate (401) and never answers 404
        assert client.get(url).status_code in (200, 401), url
