"""The site's own pages: home and search (the apps have theirs)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults

from actors.models import Actor
from articles.models import Article, Claim
from events.models import Event
from kb import search as kb_search
from kb.core.pages import page_size
from kb.core.pagination import table_totals
from kb.search_links import named_by, named_summary


def home(request: HttpRequest) -> HttpResponse:
    """What the knowledge base holds and what is new in it."""
    context = {
        "counts": table_totals(
            {
                "actors": Actor.objects.visible(),
                "articles": Article.objects.all(),
                "events": Event.objects.visible(),
                "claims": Claim.objects.visible(),
            }
        ),
        "latest_events": Event.objects.for_timeline()
        .select_related("place")
        .order_by("-date_min", "-date_max", "title")[:8],
        "top_actors": Actor.objects.visible().most_mentioned()[:12],
        "recent_articles": Article.objects.for_list()[:8],
    }
    return render(request, "kb/home.html", context)


def search(request: HttpRequest) -> HttpResponse:
    """One box across actors, articles, events and claims, results grouped by type."""
    q = kb_search.clean_query(request.GET.get("q"))
    kind = request.GET.get("type", "")
    context = {"q": q, "type": kind, "groups": [], "page": None}
    if q and kind in kb_search.SEARCHERS:
        size = page_size(request, default=20, maximum=50)
        try:
            number = max(1, int(request.GET.get("page", 1)))
        except ValueError:
            number = 1
        group = kb_search.SEARCHERS[kind](q, offset=(number - 1) * size, limit=size)
        context["groups"] = [group]
        context["page"] = {
            "number": number,
            "has_previous": number > 1,
            "has_next": number * size < group.total,
            "previous": number - 1,
            "next": number + 1,
        }
    elif q:
        named = named_by(q)
        context["groups"] = kb_search.search_all(q, per_type=5, named=named)
        context["named"] = named_summary(named)
    context["total"] = sum(g.total for g in context["groups"])
    return render(request, "kb/search.html", context)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """404: the site's page, or for an API address the API's JSON error (as documented)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
