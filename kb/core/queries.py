"""Query helpers for the API viewsets."""

from __future__ import annotations

from django.db.models import Count, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(queryset: QuerySet, outer_field: str, *, distinct: str | None = None) -> Coalesce:
    """A correlated ``(SELECT COUNT(...) ... WHERE outer_field = outer.pk)`` annotation.

    Unlike ``Count()`` over joins, it does not multiply rows or force a GROUP BY over the
    whole table, and PostgreSQL evaluates it only for the rows of the page.
    """
    counted = Count(distinct, distinct=True) if distinct else Count("*")
    subquery = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(n=counted)
        .values("n")
    )
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def capped_count_of(queryset: QuerySet, outer_field: str, cap: int) -> Func:
    """A correlated count that stops at ``cap + 1`` rows: ``(SELECT COUNT(*) FROM (SELECT …
    WHERE outer_field = outer.pk LIMIT cap + 1))``. Above ``cap`` the value is ``cap + 1``:
    the caller reports ``cap`` and says the count is not exact, as the list counts do."""
    rows = queryset.filter(**{outer_field: OuterRef("pk")}).order_by().values("pk")[: cap + 1]
    return Func(
        Subquery(rows),
        template="(SELECT COUNT(*) FROM %(expressions)s AS capped)",
        output_field=IntegerField(),
    )
