"""The "verified only" switch (issue 12 item 10, issue 15): a reader hides machine proposals on
every listing page, the choice holds across pages, the API has the same filter, and proposals
that are shown are marked as such."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_actor, make_article, make_claim, make_event, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def facts():
    iran = make_actor("Iran", status="verified")
    militia = make_actor("Dawn Brigade", status="proposed")
    article = make_article("Iran said the Dawn Brigade struck. Iran denied a second strike.")
    return {
        "verified_event": make_event(
            "Checked strike", status="verified", date="2020-01", participants=[(iran, "target")]
        ),
        "proposed_event": make_event(
            "Machine strike", status="proposed", date="2020-02", participants=[(iran, "target")]
        ),
        "verified_claim": make_claim(
            article, "Iran said the Dawn Brigade struck.", claimant=iran, status="verified"
        ),
        "proposed_claim": make_claim(
            article, "Iran denied a second strike.", claimant=iran, status="proposed"
        ),
        "iran": iran,
        "militia": militia,
    }


def switch_on(client, next_url="/events/"):
    return client.get(reverse("verified_switch"), {"verified": "1", "next": next_url})


def titles(client, path):
    return [e.title for e in client.get(path).context["page"].object_list]


def test_the_switch_sets_a_cookie_and_returns_to_the_page(client, facts):
    response = switch_on(client, "/events/?kind=attack")
    assert response.status_code == 302 and response["Location"] == "/events/?kind=attack"
    assert client.cookies["verified_only"].value == "1"
    off = client.get(reverse("verified_switch"), {"verified": "0", "next": "/actors/"})
    assert off["Location"] == "/actors/" and client.cookies["verified_only"].value == ""


def test_the_switch_never_sends_a_reader_to_another_site(client):
    response = client.get(
        reverse("verified_switch"), {"verified": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_listing_pages_hide_proposals_once_switched_on_and_stay_so(client, facts):
    assert titles(client, "/events/") == ["Checked strike", "Machine strike"]
    switch_on(client)
    # the cookie holds on every page, not only the one the switch was used on
    assert titles(client, "/events/") == ["Checked strike"]
    timeline = client.get("/events/timeline/").content.decode()
    assert "Machine strike" not in timeline and "Checked strike" in timeline
    claims = client.get("/articles/claims/").context["page"].object_list
    assert list(claims) == [facts["verified_claim"]]
    actors = client.get("/actors/").context["page"].object_list
    assert facts["militia"] not in actors and facts["iran"] in actors
    home = client.get("/").content.decode()
    assert "Machine strike" not in home and "Checked strike" in home
    actor_page = client.get(facts["iran"].get_absolute_url()).content.decode()
    assert "second strike" not in actor_page and "Machine strike" not in actor_page
    search = client.get("/search/", {"q": "strike"}).content.decode()
    assert "Machine strike" not in search and "Checked strike" in search


def test_an_explicit_filter_in_the_query_wins_over_the_switch(client, facts):
    switch_on(client)
    assert titles(client, "/events/?verified=false") == ["Machine strike"]


def test_the_switch_is_on_every_page_and_says_its_state(client, facts):
    for path in ("/", "/events/", "/actors/", "/articles/", "/articles/claims/", "/search/?q=x"):
        html = client.get(path).content.decode()
        assert 'aria-pressed="false"' in html and "machine proposals are listed too" in html
    switch_on(client)
    html = client.get("/articles/").content.decode()
    assert 'aria-pressed="true"' in html and 'name="verified" value="0"' in html


def test_proposals_shown_are_marked(client, facts):
    for path in ("/events/", "/events/timeline/", "/", "/articles/claims/"):
        html = client.get(path).content.decode()
        assert re.search(r'class="status status-proposed">Proposed<', html), path
    search = client.get("/search/", {"q": "strike"}).content.decode()
    assert 'class="status status-proposed">Proposed<' in search


@pytest.mark.parametrize(
    ("collection", "verified", "proposed"),
    [
        ("events", "Checked strike", "Machine strike"),
        ("claims", "Iran said the Dawn Brigade struck.", "Iran denied a second strike."),
        ("actors", "Iran", "Dawn Brigade"),
    ],
)
def test_api_verified_filter(client, facts, collection, verified, proposed):
    def names(query):
        rows = client.get(f"/api/v1/{collection}/{query}").json()["results"]
        return {r.get("title") or r.get("quote") or r.get("name") for r in rows}

    assert {verified, proposed} <= names("")
    assert verified in names("?verified=true") and proposed not in names("?verified=true")
    assert proposed in names("?verified=false") and verified not in names("?verified=false")


def test_api_verified_filter_is_in_the_schema(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    for path in ("/api/v1/events/", "/api/v1/claims/", "/api/v1/actors/", "/api/v1/relationships/"):
        params = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert params["verified"]["schema"]["type"] == "boolean", path


def test_event_page_links_each_participant_to_its_admin_row(client, facts):
    event = make_event(
        "Joint raid",
        participants=[(facts["militia"], "perpetrator"), (facts["iran"], "target")],
    )
    assert "edit in admin" not in client.get(event.get_absolute_url()).content.decode()
    client.force_login(make_user("ana", role="Analyst"))
    html = client.get(event.get_absolute_url()).content.decode()
    links = dict(re.findall(r'href="([^"]+#participants-\d+)" aria-label="Edit ([^"]+?) as', html))
    assert set(links.values()) == {"Dawn Brigade", "Iran"}
    admin = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    for url, name in links.items():
        row_id = url.split("#")[1]
        row = re.search(rf'id="{row_id}">(.*?)</tr>', admin, re.S).group(1)
        assert f">{name}</option>" in row, (row_id, name)
    assert f'href="/admin/events/event/{event.pk}/change/#id_place"' in html
