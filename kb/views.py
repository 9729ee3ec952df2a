"""Core pages: home and search, plus the list helpers the apps' HTML views share."""

from __future__ import annotations

from urllib.parse import quote

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from actors.models import Actor
from articles.models import Article, Claim
from events.models import Event
from kb import search as kb_search
from kb.core.pagination import CappedCountPaginator, table_totals

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class PageUrls:
    """The URLs of one view for many rows, from a single ``reverse()``.

    ``reverse()`` costs tens of microseconds; a page linking hundreds of rows (an actor's
    relationships, claims, articles and events; a timeline) spent a fifth of its rendering
    time in it. The URLs of one view differ only by its argument, so the argument is quoted
    as ``reverse()`` quotes it and spliced into one reversed URL.
    """

    MARKER = "987654321987654321"  # matches the int and slug converters

    def __init__(self, viewname: str, kwarg: str = "pk"):
        url = reverse(viewname, kwargs={kwarg: self.MARKER})
        self.head, self.tail = url.split(self.MARKER)

    def __call__(self, value) -> str:
        return f"{self.head}{quote(str(value), safe=RFC3986_SUBDELIMS + '/~:@')}{self.tail}"


def page_size(
    request: HttpRequest, default: int = DEFAULT_PAGE_SIZE, maximum: int = MAX_PAGE_SIZE
) -> int:
    """``?page_size=`` clamped to 1..maximum; the default when absent or malformed."""
    try:
        size = int(request.GET.get("page_size", default))
    except (TypeError, ValueError):
        return default
    return max(1, min(size, maximum))


def paginate(
    request: HttpRequest, qs, *, default: int = DEFAULT_PAGE_SIZE, maximum: int = MAX_PAGE_SIZE
) -> Page:
    """The requested page of `qs` (out-of-range pages give the last page).

    The count is capped as in the API (kb.core.pagination): an exact COUNT of a large filtered
    list (claims about the most-cited actor: 117 ms at 100k articles) cost more than the page.
    """
    paginator = CappedCountPaginator(qs, page_size(request, default, maximum))
    return paginator.get_page(request.GET.get("page"))


DATE_HINT = "YYYY, YYYY-MM or YYYY-MM-DD"
# Labels for the shared FilterSets' fields on HTML forms (the API keeps its help texts).
FIELD_LABELS = {
    "actor": "Actor",
    "article": "Article id",
    "place": "Place",
    "date_after": "From",
    "date_before": "Until",
    "published_after": "Published from",
    "published_before": "Published until",
    "search": "Words",
    "ordering": "Sort by",
    "claimant": "Claimant",
    "subject": "About actor",
    "event": "Event id",
    "source": "Source id",
    "parent": "Part of",
    "country": "Country code",
}


def filtered(filterset_class, request: HttpRequest, queryset: QuerySet, *, datalists=None):
    """(filterset, qs): the shared FilterSet applied; an invalid form yields no rows.

    ``datalists`` maps a field name to the id of a <datalist> of suggestions on the page.
    """
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    for name, field in filterset.form.fields.items():
        field.label = FIELD_LABELS.get(name, field.label)
        if name in (datalists or {}):
            field.widget.attrs["list"] = datalists[name]
        if "date" in name or "published" in name:
            field.widget.attrs.setdefault("placeholder", DATE_HINT)
    if filterset.is_bound and not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs


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
        context["groups"] = kb_search.search_all(q, per_type=5)
    context["total"] = sum(g.total for g in context["groups"])
    return render(request, "kb/search.html", context)
