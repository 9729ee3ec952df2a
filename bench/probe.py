"""In-process half of the benchmark: pick the URLs to measure and count their queries.

Run with DATABASE_URL pointing at a benchmark database. Prints one JSON object: the staff
session key (for the admin over HTTP), and for every target its path, group and the number
of SQL queries one request makes (measured with the test client, not timed).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")

import django  # noqa: E402

django.setup()

from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Exists, OuterRef  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from actors.models import Actor  # noqa: E402
from articles.models import Article, Claim, Mention  # noqa: E402
from events.models import Event  # noqa: E402

SEARCH_WORDS = "sanctions drone"


def staff_session() -> tuple[str, object]:
    """A logged-in superuser session stored in the database, usable from another process."""
    User = get_user_model()
    user = User.objects.filter(username="bench").first()
    if user is None:
        user = User.objects.create_superuser("bench", "bench@example.org", "bench-password-1")
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.create()
    return store.session_key, user


def targets() -> list[dict]:
    """What to measure: (name, group, path, target p95 ms)."""
    top = (
        Mention.objects.values("actor_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("actor_id", flat=True)[:1]
    )
    actor = Actor.objects.filter(pk__in=list(top)).first() or Actor.objects.order_by("pk").first()
    # An actor named in no article: the filter must answer an empty list at once, not walk
    # every article looking for one. Synthetic corpora name every catalog actor; then a slug
    # that names no actor stands in (the same empty answer).
    unmentioned = (
        Actor.objects.filter(~Exists(Mention.objects.filter(actor=OuterRef("pk"))))
        .order_by("pk")
        .first()
    )
    unmentioned_slug = unmentioned.slug if unmentioned else "no-such-actor-bench"
    # The least-mentioned actor that has mentions: few matches spread over all the dates.
    rare = Actor.objects.filter(mention_count__gt=0).order_by("mention_count", "pk").first()
    n = Article.objects.count()
    article = Article.objects.order_by("pk").only("pk")[n // 2 : n // 2 + 1].first() if n else None
    event = Event.objects.order_by("pk").only("pk").last()
    claim = Claim.objects.order_by("pk").only("pk").last()
    q = SEARCH_WORDS.replace(" ", "+")
    rows = [
        ("API article list", "api", "/api/v1/articles/"),
        (
            "API article list ?actor=",
            "api",
            f"/api/v1/articles/?actor={actor.slug}" if actor else None,
        ),
        (
            "API article list ?actor= (no mentions)",
            "api",
            f"/api/v1/articles/?actor={unmentioned_slug}",
        ),
        (
            "API article list ?actor= (least mentioned)",
            "api",
            f"/api/v1/articles/?actor={rare.slug}" if rare else None,
        ),
        ("API actor list ?kind=", "api", "/api/v1/actors/?kind=armed_group"),
        ("API event list ?kind=", "api", "/api/v1/events/?kind=attack"),
        ("API claim list ?kind=", "api", "/api/v1/claims/?kind=denial"),
        (
            "API claim list ?subject=",
            "api",
            f"/api/v1/claims/?subject={actor.slug}" if actor else None,
        ),
        ("API article detail", "api", f"/api/v1/articles/{article.pk}/" if article else None),
        ("API actor detail", "api", f"/api/v1/actors/{actor.pk}/" if actor else None),
        ("API event detail", "api", f"/api/v1/events/{event.pk}/" if event else None),
        ("API claim detail", "api", f"/api/v1/claims/{claim.pk}/" if claim else None),
        ("API article search", "search", f"/api/v1/articles/?search={q}"),
        ("API claim search", "search", f"/api/v1/claims/?search={q}"),
        ("Page: home", "page", "/"),
        ("Page: events list", "page", "/events/"),
        ("Page: timeline", "page", "/events/timeline/"),
        ("Page: top actor", "page", f"/actors/{actor.slug}/" if actor else None),
        ("Page: article reader", "page", f"/articles/{article.pk}/" if article else None),
        ("Page: search", "page", f"/search/?q={q}"),
    ]
    for model in sorted(
        admin.site._registry, key=lambda m: (m._meta.app_label, m._meta.model_name)
    ):
        meta = model._meta
        rows.append(
            (
                f"Admin: {meta.app_label}.{meta.model_name}",
                "admin",
                f"/admin/{meta.app_label}/{meta.model_name}/",
            )
        )
    budget = {"api": 50, "search": 100, "page": 150, "admin": 150}
    return [
        {"name": name, "group": group, "path": path, "target_ms": budget[group]}
        for name, group, path in rows
        if path
    ]


def count_queries(rows: list[dict], user) -> None:
    client = Client()
    client.force_login(user)
    for row in rows:
        try:
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(row["path"], HTTP_HOST="127.0.0.1")
            row["queries"] = len(ctx.captured_queries)
            row["probe_status"] = response.status_code
            row["seq_scans"] = seq_scans(ctx.captured_queries)
        except Exception as exc:  # a page another helper is still building must not stop the run
            row["queries"] = None
            row["probe_status"] = f"{type(exc).__name__}: {str(exc)[:120]}"


BIG_TABLES = (
    "articles_article", "articles_mention", "articles_claim", "articles_claim_subjects",
    "events_event", "events_eventsource", "events_participant",
)  # fmt: skip


def seq_scans(queries: list[dict]) -> list[str]:
    """Big tables the planner reads whole in any of these queries (PostgreSQL EXPLAIN).

    A sequential scan with no filter under a LIMIT (a capped count's ``SELECT id … LIMIT n``)
    stops after n rows, whatever the table's size: it is not reported.
    """
    if connection.vendor != "postgresql":
        return []
    found: set[str] = set()

    def walk(node: dict, limited: bool) -> None:
        limited = limited or node.get("Node Type") == "Limit"
        table = node.get("Relation Name")
        bounded = limited and "Filter" not in node
        if node.get("Node Type") == "Seq Scan" and table in BIG_TABLES and not bounded:
            found.add(table)
        for child in node.get("Plans", ()):
            walk(child, limited)

    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            if isinstance(plan, str):
                plan = json.loads(plan)
            walk(plan[0]["Plan"], False)
    return sorted(found)


def main() -> None:
    session_key, user = staff_session()
    rows = targets()
    count_queries(rows, user)
    extra = {
        "articles": Article.objects.count(),
        "mentions": Mention.objects.count(),
        "claims": Claim.objects.count(),
        "events": Event.objects.count(),
        "actors": Actor.objects.count(),
    }
    print(json.dumps({"session": session_key, "targets": rows, "counts": extra}))


if __name__ == "__main__":
    main()
