"""Pagination whose cost stays bounded on large tables.

``COUNT(*)`` over a large filtered table costs as much as reading it. The paginator here counts
at most ``count_cap + 1`` rows (``SELECT COUNT(*) FROM (SELECT id ... LIMIT cap + 1)``): below
the cap the count is exact; above it the API reports ``count = cap`` with
``count_exact = false`` and finds out whether a next page exists by fetching one row more than
the page holds. Page sizes are bounded by ``max_page_size``.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

DEFAULT_COUNT_CAP = 10_000
# Deepest row offset served once the count is capped: OFFSET scans every skipped row.
MAX_OFFSET = 1_000_000


#: A whole-table total above this many rows (by PostgreSQL's own estimate) is shown as that
#: estimate: counting half a million index entries costs tens of milliseconds a page.
ESTIMATE_ABOVE = 100_000


class About(int):
    """A total that is the database's estimate, rounded: templates show "about N"."""

    estimated = True


def table_totals(querysets: dict[str, QuerySet]) -> dict[str, int]:
    """How many rows each queryset (a whole table, or one less a few rows: not rejected)
    holds, at a cost that does not grow with the tables.

    On PostgreSQL one query reads the planner's row estimate (``pg_class.reltuples``, kept by
    ANALYZE and autovacuum) of every table; a table estimated above ``ESTIMATE_ABOVE`` rows
    gets that estimate, rounded to three figures, as ``About``; the others are counted
    exactly. Elsewhere every count is exact.
    """
    estimates: dict[str, float] = {}
    db = connections[next(iter(querysets.values())).db] if querysets else None
    if db is not None and db.vendor == "postgresql":
        tables = [qs.model._meta.db_table for qs in querysets.values()]
        with db.cursor() as cursor:
            cursor.execute(
                "SELECT t.name, c.reltuples FROM unnest(%s::text[]) AS t(name) "
                "JOIN pg_class c ON c.oid = to_regclass(t.name)",
                [tables],
            )
            estimates = dict(cursor.fetchall())
    totals: dict[str, int] = {}
    for name, qs in querysets.items():
        estimate = estimates.get(qs.model._meta.db_table, -1)
        if estimate >= ESTIMATE_ABOVE:
            digits = len(str(int(estimate))) - 3
            totals[name] = About(round(int(estimate), -digits))
        else:
            totals[name] = qs.count()
    return totals


class CappedPage(Page):
    """A page that knows whether another follows without an exact total."""

    def __init__(self, object_list, number, paginator, *, has_more: bool):
        super().__init__(object_list, number, paginator)
        self._has_more = has_more

    def has_next(self) -> bool:
        return self._has_more


class CappedCountPaginator(Paginator):
    """A Django paginator that counts at most ``count_cap + 1`` rows (usable by HTML lists too)."""

    def __init__(
        self, *args, count_cap: int | None = None, known_count: int | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.count_cap = count_cap or getattr(settings, "API_COUNT_CAP", DEFAULT_COUNT_CAP)
        # The number of rows when the caller knows it without counting (a stored count).
        self.known_count = known_count

    @cached_property
    def _bounded_count(self) -> int:
        rows = self.object_list
        limit = self.count_cap + 1
        if self.known_count is not None:
            return min(self.known_count, limit)
        if hasattr(rows, "values") and hasattr(rows, "order_by"):
            # Ordering and annotations do not change how many rows there are.
            return rows.order_by().values("pk")[:limit].count()
        return len(rows[:limit])

    @property
    def count_exact(self) -> bool:
        return self._bounded_count <= self.count_cap

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.count_cap)

    def validate_number(self, number):
        if self.count_exact:
            return super().validate_number(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        if (number - 1) * self.per_page > MAX_OFFSET:
            raise EmptyPage("That page is too deep; narrow the filters instead.")
        return number

    def page(self, number):
        if self.count_exact:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        return CappedPage(rows[: self.per_page], number, self, has_more=len(rows) > self.per_page)


class AdminCappedPaginator(CappedCountPaginator):
    """For admin changelists of large tables (with ``show_full_result_count = False``).

    Counts at most ``ADMIN_COUNT_CAP + 1`` rows: below the cap the changelist shows the exact
    count; above it, the cap and as many pages as the cap fills.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("count_cap", getattr(settings, "ADMIN_COUNT_CAP", DEFAULT_COUNT_CAP))
        super().__init__(*args, **kwargs)

    def page(self, number):
        if self.count_exact:
            return super().page(number)
        # The changelist's list_editable formset needs a queryset, not a list of rows; the
        # admin links pages by number, so "another page follows" is read off the capped count.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list[bottom : bottom + self.per_page]
        return CappedPage(rows, number, self, has_more=number < self.num_pages)


class BoundedPageNumberPagination(PageNumberPagination):
    """Page-number pagination with a bounded page size and a capped count."""

    django_paginator_class = CappedCountPaginator
    page_size = 25
    page_size_query_param = "page_size"
    page_size_query_description = "Number of results per page (1–100, default 25)."
    max_page_size = 100

    def count_limit(self) -> int:
        """How many rows a count needs to read at most: the cap, and one more."""
        return getattr(settings, "API_COUNT_CAP", DEFAULT_COUNT_CAP) + 1

    def paginate_queryset(self, queryset, request, view=None):
        # A view may know how many rows its filters match without a COUNT: a stored count,
        # or a count over a narrower index (KBViewSet.list_count).
        known = view.list_count() if hasattr(view, "list_count") else None
        self.django_paginator_class = partial(CappedCountPaginator, known_count=known)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "count_exact": self.page.paginator.count_exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_exact"] = {
            "type": "boolean",
            "description": (
                "False when there are more rows than the count cap: count is then the cap, "
                "and `next` says whether another page follows."
            ),
        }
        response["properties"]["count"]["description"] = "Number of results, capped."
        response["required"] = ["count", "count_exact", "next", "previous", "results"]
        return response

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        for param in params:
            param["schema"]["minimum"] = 1
            if param["name"] == self.page_size_query_param:
                param["schema"]["maximum"] = self.max_page_size
        return params
