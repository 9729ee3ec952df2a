"""The admin at a common laptop width (1366 px): no changelist and no inline table is wider
than the area it sits in, so the review queue can be worked without scrolling sideways
(issue 15: the claims queue was ~1100 px in a ~750 px area)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from actors.models import Actor
from events.models import Event
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

WIDTH = 1366
# How far a table reaches past its area: its own scroll width against the area's inner width.
MEASURE = """sel => [...document.querySelectorAll(sel)].map(table => {
  const area = table.closest('.results, .tabular, fieldset, #content-main');
  return {
    id: table.id || area.id || area.className,
    table: Math.ceil(table.getBoundingClientRect().width),
    area: Math.floor(area.getBoundingClientRect().width),
    page: document.documentElement.scrollWidth,
  };
})"""


def _changelists() -> dict[str, str]:
    return {
        model._meta.label: reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        )
        for model in admin.site._registry
    }


def test_no_changelist_or_inline_is_wider_than_its_area(live_server, page, client, demo_kb, shot):
    page.set_viewport_size({"width": WIDTH, "height": 900})
    log_in(page, client, live_server, demo_kb)
    actor = Actor.objects.filter(aliases__isnull=False).order_by("-mention_count", "pk").first()
    event = Event.objects.order_by("pk").first()
    pages = {
        **_changelists(),
        "actor form (aliases inline)": reverse("admin:actors_actor_change", args=[actor.pk]),
        "event form (participants inline)": reverse("admin:events_event_change", args=[event.pk]),
    }
    wide = []
    for name, path in pages.items():
        page.goto(live_server.url + path)
        for m in page.evaluate(MEASURE, "#result_list, .inline-group table"):
            if m["table"] > m["area"] or m["page"] > WIDTH:
                wide.append(
                    f"{name}: {m['id']} {m['table']} px in {m['area']} px (page {m['page']})"
                )
        if name == "articles.Claim":
            shot(page, "admin-review-queue")
    assert not wide, "\n".join(wide)
