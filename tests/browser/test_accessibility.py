"""WCAG 2.1 AA in a real browser: axe-core on every page type, and a keyboard walk whose focus
ring is measured on every stop.

Both run on the demo knowledge base (`loaddata demo`, the seeds as ingested), so the pages
carry real lists, pagination, charts and inlines. axe-core is the engine bundled with
axe-playwright-python; nothing is fetched.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db.models import Count
from django.test import RequestFactory
from django.urls import reverse

from actors.models import Actor
from articles.models import Article, Claim
from events.models import Event
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
# The issue asks for none of these on our own templates and no serious or critical one in the
# Django admin and the bundled Swagger UI / Redoc; with their fixes (templates/admin/,
# templates/drf_spectacular/, kb/static/kb/*a11y*) every page is held to the stricter rule.
FAILING = {"moderate", "serious", "critical"}


def _describe(name: str, path: str, violations: list[dict]) -> list[str]:
    """One line per failing rule: page, rule, impact, help and the elements (axe selectors)."""
    lines = []
    for v in violations:
        if v["impact"] not in FAILING:
            continue
        targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        more = f" (+{len(v['nodes']) - 5} more)" if len(v["nodes"]) > 5 else ""
        lines.append(f"{name} {path}: {v['id']} [{v['impact']}] {v['help']} — {targets}{more}")
    return lines


def _public_pages() -> dict[str, str]:
    # The richest page of each kind: most participants, relationships, mentions, links.
    event = Event.objects.annotate(n=Count("participants")).order_by("-n", "pk").first()
    actor = (
        Actor.objects.annotate(n=Count("relationships_out") + Count("relationships_in"))
        .order_by("-n", "pk")
        .first()
    )
    article = Article.objects.annotate(n=Count("mentions")).order_by("-n", "pk").first()
    claim = Claim.objects.annotate(n=Count("links_out")).order_by("-n", "pk").first()
    return {
        "home": "/",
        "events": "/events/",
        "timeline": "/events/timeline/",
        "event": event.get_absolute_url(),
        "actors": "/actors/",
        "actor": actor.get_absolute_url(),
        "articles": "/articles/",
        "article": article.get_absolute_url(),
        "claims": "/articles/claims/",
        "claim": claim.get_absolute_url(),
        "search": "/search/?q=agreement",
        "search, one type paged": "/search/?q=iran&type=actors",
        "not found": "/actors/no-such-actor/",
        "API landing page": "/api/v1/",
    }


def _admin_pages(user) -> tuple[dict[str, str], dict[str, str]]:
    """(Django's admin pages, kb's own admin views) to check."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = {"admin index": reverse("admin:index")}
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        label = model._meta.label
        pages[f"{label} changelist"] = reverse("admin:{}_{}_changelist".format(*info))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages[f"{label} change form"] = reverse(
                "admin:{}_{}_change".format(*info), args=[first.pk]
            )
        elif model_admin.has_add_permission(request):  # none in the demo: the form, empty
            pages[f"{label} add form"] = reverse("admin:{}_{}_add".format(*info))
    a, b = Actor.objects.order_by("pk").values_list("pk", flat=True)[:2]
    e, f = Event.objects.order_by("pk").values_list("pk", flat=True)[:2]
    own = {
        "actor duplicates": reverse("admin:actors_actor_duplicates"),
        "actor merge": reverse("admin:actors_actor_merge") + f"?ids={a},{b}",
        "event merge": reverse("admin:events_event_merge") + f"?ids={e},{f}",
        "event split": reverse("admin:events_event_split", args=[e]),
    }
    return pages, own


def test_every_page_type_passes_axe(live_server, page, client, demo_kb, monkeypatch):
    from axe_playwright_python.sync_playwright import Axe

    # Ten rows show every changelist's markup (the rest repeat it) at a tenth of axe's time.
    for model_admin in admin.site._registry.values():
        monkeypatch.setattr(model_admin, "list_per_page", 10)

    axe = Axe()
    problems: list[str] = []
    checked: list[str] = []

    def check(name: str, path: str | None, ready: str = "", context=None) -> None:
        """Run axe on `path` (None: the page as it stands) and keep what fails."""
        if path is not None:
            response = page.goto(live_server.url + path)
            assert response.status == (404 if name == "not found" else 200), (name, path)
        if ready:
            page.wait_for_selector(ready)
        violations = axe.run(page, context=context, options=AXE_OPTIONS).response["violations"]
        problems.extend(_describe(name, path or page.url, violations))
        checked.append(name)

    for name, path in _public_pages().items():
        check(name, path)

    # API docs: Swagger UI closed, then with one operation tried out and another opened.
    check("API docs (Swagger UI)", "/api/v1/docs/", ready=".opblock")
    listing = "#operations-actors-actors_list"
    page.click(f"{listing} .opblock-summary-control")
    page.click(f"{listing} .try-out__btn")
    page.click(f"{listing} .execute")
    page.wait_for_selector(f"{listing} .live-responses-table")
    page.click("#operations-actors-actors_create .opblock-summary-control")
    check("API docs, operations open", None, ready="#operations-actors-actors_create .opblock-body")
    # Redoc draws every operation in full (14,000 elements, most of axe's time here): one
    # tag's operations stand for the rest, the same components over other fields.
    others = '[data-section-id^="operation/"]:not([data-section-id^="operation/actors_"])'
    check(
        "API docs (Redoc)", "/api/v1/redoc/", ready="[role=menu]", context={"exclude": [[others]]}
    )

    log_in(page, client, live_server, demo_kb)
    django_pages, own_pages = _admin_pages(demo_kb)
    for name, path in {**django_pages, **own_pages}.items():
        check(name, path)

    assert {f"{m._meta.label} changelist" for m in admin.site._registry} <= set(checked)
    assert not problems, "axe-core violations:\n" + "\n".join(problems)


# --- keyboard --------------------------------------------------------------------------------

# What the focused element shows, measured in the page: its outline (style, width, colour) and
# the colour actually painted behind the ring, read from the elements under a point in the
# ring's band (the ring sits outline-offset outside the border box), semi-transparent layers
# blended down to the first opaque one.
FOCUS_PROBE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (!el.dataset.a11yStop) el.dataset.a11yStop = String(Math.random());
  const cs = getComputedStyle(el);
  const rgba = (s) => {
    const m = s.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const r = el.getBoundingClientRect();
  const width = parseFloat(cs.outlineWidth) || 0;
  const reach = (parseFloat(cs.outlineOffset) || 0) + width / 2;
  const candidates = [
    [r.left - reach, r.top + r.height / 2], [r.right + reach, r.top + r.height / 2],
    [r.left + r.width / 2, r.top - reach], [r.left + r.width / 2, r.bottom + reach],
  ];
  const inside = candidates.find(([x, y]) =>
    x >= 0 && y >= 0 && x < window.innerWidth && y < window.innerHeight);
  let bg = null;
  if (inside) {
    let layers = [];
    for (const under of document.elementsFromPoint(inside[0], inside[1])) {
      if (under === el || el.contains(under)) continue;
      const c = rgba(getComputedStyle(under).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let out = [255, 255, 255];  // the canvas under everything
    for (const c of layers.reverse()) out = out.map((v, i) => v * (1 - c[3]) + c[i] * c[3]);
    bg = out;
  }
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.name || el.id || '')
    .trim().replace(/\\s+/g, ' ').slice(0, 50);
  return {
    tag: el.tagName.toLowerCase(), label, name: el.getAttribute('name') || '',
    classes: el.getAttribute('class') || '', key: el.dataset.a11yStop,
    style: cs.outlineStyle, width, color: rgba(cs.outlineColor), bg,
    x: r.left + window.scrollX, y: r.top + window.scrollY,
    visible: r.width > 0 && r.height > 0 && cs.visibility !== 'hidden',
    panel: el.closest('section')?.querySelector('h2')?.innerText.trim() || '',
  };
}"""


def _luminance(rgb) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """WCAG contrast ratio of two sRGB colours (0-255 channels)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_matches_the_wcag_formula():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((0x1A, 0x5C, 0x99), (255, 255, 255)) == pytest.approx(6.92, abs=0.01)
    assert contrast((0xA4, 0xAD, 0xB7), (255, 255, 255)) == pytest.approx(2.27, abs=0.01)


def test_focus_check_rejects_the_old_faint_ring_and_accepts_the_new():
    def stop(color, bg, width=3.0, style="solid"):
        return {
            "tag": "a",
            "label": "x",
            "visible": True,
            "style": style,
            "width": width,
            "color": color,
            "bg": bg,
        }

    white, header = [255, 255, 255], [31, 59, 87]
    old = [26, 92, 153, 0.35]  # 3px at 35 % opacity: 1.76:1 on white, 1.19:1 on the header
    assert unseen_focus([stop(old, white)]) == [
        "<a> 'x': ring [26, 92, 153, 0.35] on [255, 255, 255] = 1.76:1"
    ]
    assert unseen_focus([stop(old, header)])
    assert unseen_focus([stop([26, 92, 153, 1], header)])  # the page's ring in the header
    assert unseen_focus([stop([26, 92, 153, 1], white, width=1)])
    assert unseen_focus([stop([26, 92, 153, 1], white, style="none")])
    assert not unseen_focus([stop([26, 92, 153, 1], white), stop([255, 209, 102, 1], header)])


def tab_through(page, limit: int = 400) -> list[dict]:
    """Press Tab from the top of the page until focus leaves it or comes back round."""
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    stops, seen = [], set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_PROBE)
        if stop is None:
            break
        key = stop["key"]
        if key in seen:
            break
        seen.add(key)
        stops.append(stop)
    return stops


def unseen_focus(stops: list[dict]) -> list[str]:
    """The stops whose focus cannot be seen: no ring, a ring under 2px, or under 3:1."""
    bad = []
    for s in stops:
        where = f"<{s['tag']}> {s['label']!r}"
        if not s["visible"]:
            bad.append(f"{where}: focused but not visible")
        elif s["style"] in ("none", "hidden") or s["width"] < 2:
            bad.append(f"{where}: outline {s['style']} {s['width']}px")
        elif s["bg"] is None:
            bad.append(f"{where}: ring outside the viewport")
        else:
            # A translucent ring shows as its blend with what lies behind it.
            *rgb, alpha = s["color"]
            ring = [c * alpha + b * (1 - alpha) for c, b in zip(rgb, s["bg"], strict=True)]
            if contrast(ring, s["bg"]) < 3:
                bad.append(
                    f"{where}: ring {s['color']} on {[round(v) for v in s['bg']]} "
                    f"= {contrast(ring, s['bg']):.2f}:1"
                )
    return bad


def test_keyboard_focus_is_visible_on_every_stop(live_server, page, client, demo_kb):
    event = Event.objects.annotate(n=Count("participants")).order_by("-n", "pk").first()
    claims = reverse("admin:articles_claim_changelist")
    walks = {}
    page.goto(live_server.url + "/")
    walks["home"] = tab_through(page)
    page.goto(live_server.url + event.get_absolute_url())
    walks["event"] = tab_through(page)
    log_in(page, client, live_server, demo_kb)
    page.goto(live_server.url + claims)
    walks["admin claims"] = tab_through(page)
    # An inline-heavy form (select2 boxes, row inputs), and the admin's dark theme.
    page.goto(live_server.url + reverse("admin:events_event_change", args=[event.pk]))
    walks["admin event"] = tab_through(page)
    page.emulate_media(color_scheme="dark")
    page.goto(live_server.url + claims)
    walks["admin claims, dark theme"] = tab_through(page)

    # The walks reached the pages' content, not just the header.
    assert walks["home"][0]["label"] == "Skip to content"
    assert len(walks["home"]) > 20 and len(walks["event"]) > 15
    assert sum(s["name"].endswith("-credibility") for s in walks["admin claims"]) == 25
    assert any("select2" in s["classes"] for s in walks["admin event"])
    assert any(s["bg"] == [18, 18, 18] for s in walks["admin claims, dark theme"])
    problems = [f"{name}: {p}" for name, stops in walks.items() for p in unseen_focus(stops)]
    assert not problems, "focus not visible:\n" + "\n".join(problems)
    # Every stop was measured against what lies behind it, dark header included.
    backgrounds = {tuple(round(v) for v in s["bg"]) for s in walks["home"]}
    assert (31, 59, 87) in backgrounds and (255, 255, 255) in backgrounds
    assert_reading_order(walks["home"])


def assert_reading_order(home: list[dict]) -> None:
    """Home's tab order runs down the main column (events, articles), then the right one."""
    main = [s for s in home if s["panel"] in ("Latest events", "Recent articles")]
    side = [s for s in home if s["panel"] == "Most-mentioned actors"]
    assert main and side
    assert home.index(main[-1]) < home.index(side[0]), "the right column comes first"
    assert max(s["x"] for s in main) < min(s["x"] for s in side)
    for column in (main, side):
        tops = [s["y"] for s in column]
        assert tops == sorted(tops), "tab order goes back up a column"
    panels = [s["panel"] for s in main]
    assert panels.index("Recent articles") > len(panels) - 1 - panels[::-1].index("Latest events")
