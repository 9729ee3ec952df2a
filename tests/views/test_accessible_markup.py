"""What assistive technology reads in the HTML pages, checked in the markup (the browser
tests run axe-core over the rendered pages; these pin the same promises without a browser)."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def _soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    "url", ["/events/", "/events/timeline/", "/actors/", "/articles/", "/articles/claims/"]
)
def test_every_described_filter_field_has_its_description_in_the_page(client, kb, url):
    soup = _soup(client, url)
    described = soup.select("[aria-describedby]")
    assert described  # the filters carry help texts
    for field in described:
        for ref in field["aria-describedby"].split():
            target = soup.find(id=ref)
            assert target is not None, f"{field.get('name')} points to missing #{ref}"
            assert target.get_text(strip=True)


def test_search_landmarks_have_distinct_names(client, kb):
    for url in ["/", "/search/?q=iran"]:
        forms = _soup(client, url).select('[role="search"]')
        names = [f.get("aria-label") for f in forms]
        assert len(forms) == 2 and all(names) and len(set(names)) == 2, names


def test_relationship_graph_is_a_named_group_with_the_same_ties_as_a_table(client, kb):
    soup = _soup(client, kb["kh"].get_absolute_url())
    svg = soup.select_one("svg.graph-svg")
    # A group, not an image: an image's links are hidden from screen readers.
    assert svg["role"] == "group" and "Kataib Hezbollah" in svg["aria-label"]
    nodes = {a["href"]: a["aria-label"] for a in svg.select("a.node")}
    assert nodes == {
        kb["quds"].get_absolute_url(): "Quds Force: backed by",
        kb["pmf"].get_absolute_url(): "Popular Mobilization Forces: part of",
        kb["usa"].get_absolute_url(): "United States: opposed by",
    }
    table = soup.select_one("table.graph-table")
    rows = [[td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert sorted(rows) == [
        ["backed by", "Quds Force"],
        ["opposed by", "United States"],
        ["part of", "Popular Mobilization Forces"],
    ]
    assert table.caption.get_text() == "How Kataib Hezbollah relates to each actor in the graph"


def test_timeline_drawing_is_hidden_and_its_links_are_listed_beside_it(client, kb):
    soup = _soup(client, "/events/timeline/")
    drawn, listed = set(), set()
    for svg in soup.select("svg.timeline-svg"):
        assert svg["aria-hidden"] == "true" and not svg.get("role")
        for link in svg.select("a"):
            assert link["tabindex"] == "-1"  # not a second tab stop for the same event
            drawn.add(link["href"])
        year = svg.find_parent("section")
        listed |= {a["href"] for a in year.select(".tl-months a")}
    assert drawn and drawn <= listed


def test_home_main_column_comes_before_the_ranked_actors(client, kb):
    soup = _soup(client, "/")
    headings = [h.get_text() for h in soup.select(".home-grid h2")]
    assert headings == ["Latest events", "Recent articles", "Most-mentioned actors"]
