"""Issue 13, reproductions 7 and 9: nothing stored becomes script, and the headers say so.

7. A sidecar's ``javascript:`` URL became a clickable "Original" link on the article page.
9. No Content-Security-Policy or Permissions-Policy; the API docs loaded assets from other
   hosts; an API token survived a password change.
(The browser side: tests/browser/test_stored_payloads.py.)
"""

import pytest
from bs4 import BeautifulSoup
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kb.templatetags.kb_extras import web_url
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value, expected",
    [
        ("https://news.example/a", "https://news.example/a"),
        ("http://news.example/a", "http://news.example/a"),
        ("javascript:alert(1)", ""),
        (" JavaScript:alert(1)", ""),
        ("java\tscript:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("https:alert(1)", ""),
        ("//evil.example/", ""),
        ("", ""),
    ],
)
def test_only_web_urls_pass(value, expected):
    assert web_url(value) == expected


def hrefs(html: bytes) -> list[str]:
    return [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a", href=True)]


def test_an_article_url_that_is_not_http_is_shown_but_never_linked(client):
    # stored before URLs were checked (or by hand in the database)
    article = make_article("Iran denied it.", url="javascript:alert(document.cookie)")
    html = client.get(article.get_absolute_url()).content
    assert not [h for h in hrefs(html) if "javascript" in h.lower()]
    assert b"javascript:alert(document.cookie)" in html  # shown as text
    safe = make_article("Iraq confirmed it.", url="https://news.example/iraq")
    assert "https://news.example/iraq" in hrefs(client.get(safe.get_absolute_url()).content)


@pytest.mark.parametrize("path", ["/", "/api/v1/actors/", "/api/v1/redoc/", "/admin/login/"])
def test_every_response_carries_the_policies(client, path):
    response = client.get(path)
    csp = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )
    assert csp["script-src"] == "'self'"  # no inline script, no other host
    assert csp["default-src"] == "'self'" and csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'" and csp["base-uri"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/api/v1/redoc/", "/api/v1/docs/"])
def test_docs_pages_have_no_inline_script_and_nothing_from_another_host(client, path):
    response = client.get(path)
    soup = BeautifulSoup(response.content, "html.parser")
    scripts = soup.find_all("script")
    assert scripts and all(s.get("src") for s in scripts)  # every script from a file
    assert not soup.find_all("style")
    assets = [s["src"] for s in scripts] + [link["href"] for link in soup.find_all("link")]
    assert all(a.startswith("/") and not a.startswith("//") for a in assets), assets


def test_swagger_ui_start_up_script_is_served_as_javascript(client):
    response = client.get("/api/v1/docs/?script=")
    assert response["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in response.content


def test_a_password_change_revokes_the_users_api_tokens():
    user = make_user("ana", role="Analyst")
    token = Token.objects.create(user=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/actors/").status_code == 200
    user.first_name = "Ana"
    user.save()  # not a password change: the token stays
    assert Token.objects.filter(user=user).exists()
    user.set_password("a new and different password")
    user.save()
    assert not Token.objects.filter(user=user).exists()
    assert api.get("/api/v1/actors/").status_code in (401, 403)  # the old token is refused


def test_a_password_change_in_the_admin_revokes_tokens(client):
    admin = make_user("boss", role="Editor")
    admin.is_superuser = True
    admin.save()
    victim = make_user("ana", role="Analyst")
    Token.objects.create(user=victim)
    client.force_login(admin)
    response = client.post(
        f"/admin/auth/user/{victim.pk}/password/",
        {"password1": "Another long passphrase 42", "password2": "Another long passphrase 42"},
    )
    assert response.status_code == 302
    assert not Token.objects.filter(user=victim).exists()
