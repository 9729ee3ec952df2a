"""The "verified only" switch as a reader uses it: one click on one list, and every page after
it lists only verified facts, until switched off (issue 12 item 10)."""

from __future__ import annotations

import re

import pytest

from articles.models import Claim
from events.models import Event

pytestmark = pytest.mark.browser


def _count(page) -> int:
    text = page.locator(".result-count").inner_text()
    return 0 if text.startswith("No ") else int(re.search(r"of (\d+)", text).group(1))


def test_verified_only_holds_across_pages(live_server, page, shot, demo_kb):
    # The demo is as ingested: every event and claim is a proposal. An analyst verifies a few.
    verified_events = list(Event.objects.order_by("pk").values_list("pk", flat=True)[:3])
    Event.objects.filter(pk__in=verified_events).update(status="verified")
    Claim.objects.filter(pk__in=Claim.objects.order_by("pk").values("pk")[:2]).update(
        status="verified"
    )
    page.goto(live_server.url + "/events/")
    assert _count(page) == Event.objects.count()
    assert page.locator("table.events-table .status-proposed").count() > 0  # marked
    switch = page.get_by_role("button", name="Verified facts only")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    page.wait_for_url(re.compile(r"/events/$"))
    assert _count(page) == 3
    assert page.locator("table.events-table .status-proposed").count() == 0
    # another page, reached by a link: still on
    page.get_by_role("link", name="Claims", exact=True).click()
    page.wait_for_url(re.compile(r"/articles/claims/$"))
    assert _count(page) == 2
    assert (
        page.get_by_role("button", name="Verified facts only").get_attribute("aria-pressed")
        == "true"
    )
    shot(page, "verified-only-claims")
    page.get_by_role("button", name="Verified facts only").click()
    page.wait_for_url(re.compile(r"/articles/claims/$"))
    assert _count(page) == Claim.objects.count()
