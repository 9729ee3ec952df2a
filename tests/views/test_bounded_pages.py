"""What the actor page and the timeline render stays bounded, with links to the rest."""

import pytest

from actors import views as actor_views
from tests.factories import make_actor, make_event, make_relationship

pytestmark = pytest.mark.django_db


def test_actor_page_names_a_bounded_number_of_ties_per_section(client, monkeypatch):
    monkeypatch.setattr(actor_views, "SECTION_LIMIT", 3)
    iran = make_actor("Iran", slug="iran")
    allies = [make_actor(f"Ally {i}", slug=f"ally-{i}") for i in range(5)]
    for ally in allies[:3]:
        make_relationship(iran, ally, "allied_with")
    for ally in allies[3:]:
        make_relationship(ally, iran, "allied_with")  # either end: one section
    backer = make_actor("Backer", slug="backer")
    make_relationship(iran, backer, "backed_by")
    response = client.get("/actors/iran/")
    sections = dict(response.context["sections"])
    assert len(sections["Allies"]["rows"]) == 3 and sections["Allies"]["more"] == 2
    assert [o.slug for o, _ in sections["Backed by"]["rows"]] == ["backer"]
    html = response.content.decode()
    assert 'href="/api/v1/relationships/?actor=iran&amp;kind=allied_with">and 2 more' in html
    assert "source=iran&amp;kind=backed_by" not in html  # nothing more to list
    assert 'href="/actors/backer/"' in html and 'href="/actors/ally-0/"' in html


def test_actor_page_timeline_shows_the_newest_dated_events_then_undated(client, monkeypatch):
    monkeypatch.setattr(actor_views, "TIMELINE_LIMIT", 3)
    actor = make_actor("Kataib Hezbollah", slug="kh")
    for year in (2017, 2018, 2019, 2020):
        make_event(f"Attack {year}", date=str(year), participants=[(actor, "perpetrator")])
    make_event("Undated", participants=[(actor, "perpetrator")])
    events = client.get("/actors/kh/").context["timeline"]
    assert [y.year for y in events.years] == [2018, 2019, 2020] and events.undated == []
    monkeypatch.setattr(actor_views, "TIMELINE_LIMIT", 6)
    events = client.get("/actors/kh/").context["timeline"]
    assert len(events.years) == 4 and [e.title for e in events.undated] == ["Undated"]


def test_timeline_links_each_event_to_its_page(client):
    event = make_event("Strike", date="2020-01-03")
    html = client.get("/events/timeline/").content.decode()
    assert html.count(f'href="/events/{event.pk}/"') == 2  # drawn and listed


def test_html_lists_count_up_to_the_cap(client, settings):
    settings.API_COUNT_CAP = 3
    for i in range(5):
        make_event(f"Event {i}", date=f"2020-0{i + 1}")
    response = client.get("/events/?page_size=2")
    html = response.content.decode()
    assert "1–2 of 3+ events" in html and "Page 1</span>" in html
    assert response.context["page"].paginator.count_exact is False
    # Every row is still reachable page by page.
    last = client.get("/events/?page_size=2&page=3")
    assert [e.title for e in last.context["page"].object_list] == ["Event 4"]
    settings.API_COUNT_CAP = 10
    assert "1–2 of 5 events" in client.get("/events/?page_size=2").content.decode()


def test_article_list_counts_actors_and_claims_per_shown_article_only(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_article, make_claim, make_mention

    actor = make_actor("Kataib Hezbollah", slug="kh")
    article = make_article("Kataib Hezbollah struck. Kataib Hezbollah left.", published="2020")
    make_mention(article, actor)
    make_claim(article, "Kataib Hezbollah left")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/articles/")
    (shown,) = response.context["page"].object_list
    assert (shown.actor_count, shown.claim_count) == (1, 1)
    # Correlated subqueries for the page's rows, not a GROUP BY over every article's joins.
    assert not any('GROUP BY "articles_article"."id"' in q["sql"] for q in ctx.captured_queries)


def test_actor_page_queries_do_not_grow_with_children_or_ties(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    parent = make_actor("Parent", slug="parent")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/actors/parent/").status_code == 200
        return len(ctx.captured_queries)

    make_relationship(make_actor("Child 0", slug="child-0", parent=parent), parent, "part_of")
    few = queries()
    for i in range(1, 6):
        child = make_actor(f"Child {i}", slug=f"child-{i}", parent=parent)
        make_relationship(child, parent, "part_of")
        make_relationship(parent, make_actor(f"Ally {i}", slug=f"ally-{i}"), "allied_with")
    assert queries() == few


def test_home_shows_large_tables_by_their_estimate_and_small_ones_exactly(client, monkeypatch):
    from django.db import connection

    from kb.core import pagination
    from tests.factories import make_article

    for i in range(3):
        make_article(f"Report {i} on the border.")
    make_actor("Iran", slug="iran")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")
    monkeypatch.setattr(pagination, "ESTIMATE_ABOVE", 2)  # 3 articles count as "large"
    counts = client.get("/").context["counts"]
    assert counts["articles"] == 3 and counts["actors"] == 1
    estimated = connection.vendor == "postgresql"
    assert getattr(counts["articles"], "estimated", False) == estimated
    assert not getattr(counts["actors"], "estimated", False)  # below the line: counted
    html = client.get("/").content.decode()
    assert ("<strong>about 3</strong> articles" in html) == estimated
    assert pagination.About(509_000) == 509_000
