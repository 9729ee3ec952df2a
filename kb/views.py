"""The site's own pages: home and search (the apps have theirs)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults

from actors.models import Actor
from articles.models import Article, Claim
from events.models import Event
from kb import search as kb_search
from kb.core.pages import VERIFIED_COOKIE, page_size, shown, verified_only
from kb.core.pagination import table_totals
from kb.search_links import named_by, named_summary


def home(request: HttpRequest) -> HttpResponse:
    """What the knowledge base holds and what is new in it."""
    context = {
        "counts": table_totals(
            {
                "actors": shown(request, Actor.objects.visible()),
                "articles": Article.objects.all(),
                "events": shown(request, Event.objects.visible()),
                "claims": shown(request, Claim.objects.visible()),
            }
        ),
        "latest_events": shown(request, Event.objects.for_timeline())
        .select_related("place")
        .order_by("-date_min", "-date_max", "title")[:8],
        "top_actors": shown(request, Actor.objects.visible()).most_mentioned()[:12],
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
        group = kb_search.SEARCHERS[kind](
            q, offset=(number - 1) * size, limit=size, verified=verified_only(request)
        )
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
        context["groups"] = kb_search.search_all(
            q, per_type=5, named=named, verified=verified_only(request)
        )
        context["named"] = named_summary(named, verified=verified_only(request))
    context["total"] = sum(g.total for g in context["groups"])
    return render(request, "kb/search.html", context)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """404: the site's page, or for an API address the API's JSON error (as documented)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def verified_switch(request: HttpRequest) -> HttpResponse:
    """Turn the reader's "verified only" switch on (``?verified=1``) or off, then go back.

    A GET (the pages that carry the switch are cached and hold no CSRF token) that changes
    only the reader's own cookie; ``next`` must be a page of this site.
    """
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("verified") == "1":
        response.set_cookie(VERIFIED_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(VERIFIED_COOKIE, samesite="Lax")
    return response


def reader_preferences(request: HttpRequest) -> dict:
    """Template context: the reader's "verified only" switch (every page shows it)."""
    return {"verified_only": verified_only(request)}
