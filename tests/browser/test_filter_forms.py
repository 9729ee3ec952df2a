"""Every HTML filter form, driven as a reader drives it: Apply on the untouched form sends no
field at all, and one field set sends that field alone; either way the page lists what the
API returns for the same query (issue 15: the claims form always sent credibility=1)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

pytestmark = pytest.mark.browser

# page, API collection, the links naming each row, and how a row's key reads from its link
# and from the API's row. Claims: the HTML list hides rejected ones, the API does not; the
# demo has none (checked below), so both list the same rows.
FORMS = [
    (
        "/events/",
        "events",
        "table.events-table tbody td[data-label=Event] a",
        r"/events/(\d+)/",
        "id",
    ),
    (
        "/actors/",
        "actors",
        "table.actors-table tbody td[data-label=Name] a",
        r"/actors/([\w-]+)/",
        "slug",
    ),
    ("/articles/", "articles", "ul.article-cards h2 a", r"/articles/(\d+)/", "id"),
    ("/articles/claims/", "claims", "ul.claims .claim-who > a", r"/articles/claims/(\d+)/", "id"),
]
# One field per form a reader would set, and its value.
ONE_FIELD = {
    "/events/": ("#id_kind", "attack"),
    "/actors/": ("#id_kind", "armed_group"),
    "/articles/": ("#id_actor", "pmf"),
    "/articles/claims/": ("#id_kind", "statement"),
}


def _sent(url: str) -> dict[str, str]:
    """The query the form sent, without the page size the test asked for."""
    return {
        k: v for k, v in parse_qsl(urlsplit(url).query, keep_blank_values=True) if k != "page_size"
    }


def _shown(page, selector: str, pattern: str) -> tuple[int, set[str]]:
    """(the count the page states, the keys of the rows it lists)."""
    count = page.locator(".result-count").inner_text()
    total = 0 if count.startswith("No ") else int(re.search(r"of (\d+)", count).group(1))
    hrefs = page.eval_on_selector_all(selector, "els => els.map(a => a.getAttribute('href'))")
    return total, {re.search(pattern, h).group(1) for h in hrefs}


def _api(client, collection: str, query: dict[str, str], key: str) -> tuple[int, set[str]]:
    body = client.get(f"/api/v1/{collection}/", {**query, "page_size": 100}).json()
    return body["count"], {str(row[key]) for row in body["results"]}


@pytest.mark.parametrize(("path", "collection", "selector", "pattern", "key"), FORMS)
def test_filter_form_sends_only_what_the_reader_set(
    live_server, page, client, demo_kb, path, collection, selector, pattern, key
):
    assert not client.get("/api/v1/claims/", {"status": "rejected"}).json()["count"]
    page.goto(f"{live_server.url}{path}?page_size=100")

    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state()
    assert _sent(page.url) == {}, f"untouched form on {path} sent {page.url}"
    count, keys = _shown(page, selector, pattern)
    api_count, api_keys = _api(client, collection, {}, key)
    assert count == api_count > 0
    if api_count <= 100:  # one page each (the orders differ: actors by kind on the page)
        assert keys == api_keys

    field, value = ONE_FIELD[path]
    if page.locator(field).evaluate("el => el.tagName") == "SELECT":
        page.select_option(field, value)
    else:
        page.fill(field, value)
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(re.escape(value)))
    name = field.removeprefix("#id_")
    assert _sent(page.url) == {name: value}
    count, keys = _shown(page, selector, pattern)
    api_count, api_keys = _api(client, collection, {name: value}, key)
    assert 0 < count == api_count < _api(client, collection, {}, key)[0]
    assert keys == api_keys
