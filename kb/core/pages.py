"""What the HTML lists of every app share: page URLs from one reverse(), pagination, filter forms."""

from __future__ import annotations

from urllib.parse import quote

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from kb.core.choices import ReviewStatus
from kb.core.pagination import CappedCountPaginator

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


# The reader's "verified only" switch: a cookie, so it holds across pages and visits without
# a session (anonymous pages stay cacheable: the response cache keys on reader cookies).
VERIFIED_COOKIE = "verified_only"


def verified_only(request: HttpRequest) -> bool:
    """Whether the reader switched "verified only" on."""
    return request.COOKIES.get(VERIFIED_COOKIE) == "1"


def shown(request: HttpRequest, queryset: QuerySet) -> QuerySet:
    """`queryset` (of a model with a review status) as the reader's switch shows it: only
    verified rows when "verified only" is on, else unchanged."""
    return queryset.filter(status=ReviewStatus.VERIFIED) if verified_only(request) else queryset


def filtered(filterset_class, request: HttpRequest, queryset: QuerySet, *, datalists=None):
    """(filterset, qs): the shared FilterSet applied; an invalid form yields no rows.

    ``datalists`` maps a field name to the id of a <datalist> of suggestions on the page.
    With the reader's "verified only" switch on, a FilterSet with a ``verified`` filter gets
    ``verified=true`` unless the query sets it (the API's filter: one rule for both).
    """
    data = request.GET.copy()
    if verified_only(request) and "verified" in filterset_class.base_filters:
        data.setdefault("verified", "true")
    filterset = filterset_class(data or None, queryset=queryset, request=request)
    for name, field in filterset.form.fields.items():
        field.label = FIELD_LABELS.get(name, field.label)
        if name in (datalists or {}):
            field.widget.attrs["list"] = datalists[name]
        if "date" in name or "published" in name:
            field.widget.attrs.setdefault("placeholder", DATE_HINT)
    if filterset.is_bound and not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs
