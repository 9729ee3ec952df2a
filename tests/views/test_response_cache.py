"""Anonymous pages come from the shared cache until a committed write; signed-in readers
always get fresh pages; ETag and Last-Modified answer 304 to a reader who has the page."""

from __future__ import annotations

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client
from django.utils.http import http_date

from actors.models import Actor
from kb.core.caching import HEADER
from tests.factories import make_actor, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor(response_cache):
    return make_actor("Kataib Hezbollah", slug="kataib-hezbollah", kind="armed_group")


def rename(actor: Actor, name: str) -> None:
    Actor.objects.filter(pk=actor.pk).update(name=name)


def test_second_anonymous_read_is_served_from_the_cache_without_a_query(
    actor, client, django_assert_num_queries
):
    first = client.get("/actors/")
    assert first[HEADER] == "miss" and "Kataib Hezbollah" in first.content.decode()
    with django_assert_num_queries(0):
        second = Client().get("/actors/")
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_uncommitted_writes_are_not_seen_and_committed_ones_are(
    actor, client, django_capture_on_commit_callbacks
):
    client.get("/actors/kataib-hezbollah/")
    rename(actor, "Hezbollah Brigades")  # not committed: the version has not moved
    assert "Kataib Hezbollah" in client.get("/actors/kataib-hezbollah/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        rename(actor, "Kataib Hezbollah Brigades")
    fresh = client.get("/actors/kataib-hezbollah/")
    assert fresh[HEADER] == "miss"
    assert "Kataib Hezbollah Brigades" in fresh.content.decode()


def test_signed_in_readers_always_get_fresh_pages(actor, client):
    client.get("/actors/kataib-hezbollah/")  # cached for anonymous readers
    rename(actor, "Hezbollah Brigades")  # uncommitted: anonymous readers keep the old page
    analyst = Client()
    analyst.force_login(make_user("analyst", role="Analyst"))
    page = analyst.get("/actors/kataib-hezbollah/")
    assert HEADER not in page
    assert "Hezbollah Brigades" in page.content.decode()
    assert "ETag" not in page


def test_etag_answers_304_until_the_version_moves(
    actor, client, django_capture_on_commit_callbacks
):
    etag = client.get("/actors/")["ETag"]
    not_modified = client.get("/actors/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    with django_capture_on_commit_callbacks(execute=True):
        rename(actor, "Hezbollah Brigades")
    again = client.get("/actors/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag
    assert "Hezbollah Brigades" in again.content.decode()


def test_last_modified_answers_304_to_if_modified_since(actor, client):
    first = client.get("/actors/")
    since = first["Last-Modified"]
    assert client.get("/actors/", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    assert (
        client.get("/actors/", HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200
    )  # older copy


def test_answers_tell_shared_caches_to_revalidate_and_vary_on_cookies(actor, client):
    response = client.get("/actors/")
    assert "no-cache" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_a_reader_preference_cookie_gets_its_own_entry(actor):
    plain, switched = Client(), Client()
    switched.cookies["verified_only"] = "1"
    assert plain.get("/actors/")[HEADER] == "miss"
    assert switched.get("/actors/")[HEADER] == "miss"  # not the plain reader's page
    assert switched.get("/actors/")[HEADER] == "hit"
    assert Client().get("/actors/")[HEADER] == "hit"


def test_a_preference_kept_in_the_session_gets_its_own_entry(actor):
    plain, switched = Client(), Client()
    session = switched.session
    session["verified_only"] = True
    session.save()
    switched.cookies["sessionid"] = session.session_key
    assert plain.get("/actors/")[HEADER] == "miss"
    assert switched.get("/actors/")[HEADER] == "miss"
    assert switched.get("/actors/")[HEADER] == "hit"


def test_a_csrf_cookie_alone_shares_the_anonymous_entry(actor):
    Client().get("/actors/")
    reader = Client()
    reader.cookies["csrftoken"] = "x" * 32
    assert reader.get("/actors/")[HEADER] == "hit"


def test_flash_messages_are_never_answered_from_the_cache(actor):
    Client().get("/actors/")
    reader = Client()
    reader.cookies[CookieStorage.cookie_name] = "pending"
    assert HEADER not in reader.get("/actors/")


def test_not_found_pages_are_not_cached(response_cache, client):
    assert client.get("/actors/nobody/").status_code == 404
    again = client.get("/actors/nobody/")
    assert again.status_code == 404 and HEADER not in again


def test_admin_is_never_cached(response_cache, admin_client):
    assert HEADER not in Client().get("/admin/login/")
    assert HEADER not in admin_client.get("/admin/")


def test_switched_off_nothing_is_cached(actor, client, settings):
    settings.KB_RESPONSE_CACHE = False
    client.get("/actors/")
    response = client.get("/actors/")
    assert HEADER not in response and "ETag" not in response


def test_an_unreachable_cache_serves_pages_uncached(actor, client, monkeypatch):
    from kb.core import freshness

    def down():
        raise ConnectionError("redis is down")

    monkeypatch.setattr(freshness, "current", down)
    response = client.get("/actors/")
    assert response.status_code == 200 and HEADER not in response
    assert "Kataib Hezbollah" in response.content.decode()


def test_a_signed_in_analyst_with_the_anonymous_etag_gets_the_page_not_a_304(actor, client):
    anonymous = client.get("/actors/")
    etag, since = anonymous["ETag"], anonymous["Last-Modified"]
    rename(actor, "Hezbollah Brigades")  # uncommitted: the version does not move
    analyst = Client()
    analyst.force_login(make_user("analyst", role="Analyst"))
    page = analyst.get("/actors/", HTTP_IF_NONE_MATCH=etag, HTTP_IF_MODIFIED_SINCE=since)
    assert page.status_code == 200 and "Hezbollah Brigades" in page.content.decode()
