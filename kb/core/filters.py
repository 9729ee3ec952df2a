"""Filter building blocks shared by the FilterSets of every app (API and HTML lists).

Every filter here validates its input through a form field, so a malformed value becomes a
form error (400 in the API, an error message on an HTML list) instead of a database error.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import slug_re
from django.db import connections
from django.db.models import Model, Q, QuerySet
from django.db.models.constants import LOOKUP_SEP

from kb.core.choices import ReviewStatus
from kb.core.edtf import PartialDate
from kb.core.fts import VECTOR_TABLES, fts_match, fts_ready, vector_match

# Largest value a bigint primary key can hold; larger ids would overflow in PostgreSQL.
MAX_ID = 2**63 - 1


def as_id(value: str) -> int | None:
    """The primary key a string of ASCII digits names, or None (too large, or not digits)."""
    if value.isascii() and value.isdigit() and len(value) <= 19 and int(value) <= MAX_ID:
        return int(value)
    return None


def id_or_slug_q(prefix: str, value: str, *, slug_field: str = "slug") -> Q:
    """Q matching the related row `prefix` by primary key (all digits) or by slug.

    An empty prefix matches the rows themselves.
    """
    head = f"{prefix}__" if prefix else ""
    q = Q(**{f"{head}{slug_field}": value})
    pk = as_id(value)
    if pk is not None:
        q |= Q(**{f"{head}pk": pk})
    return q


class IdOrSlugField(forms.CharField):
    """An id (digits) or a slug; anything else is invalid."""

    default_error_messages = {"invalid": "Enter an id or a slug (letters, digits, - and _)."}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not slug_re.match(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")


# A to-many filter matching at most this many rows lists their ids (an index probe each);
# above it, it stays a semi-join the planner can stop early while walking the list's order.
SPARSE_ROWS = 1000


@dataclass(frozen=True)
class Link:
    """How a to-many lookup path reaches the related row: through which table and columns.

    ``mentions__actor`` on Article: Mention rows, ``article_id`` → ``actor_id``.
    ``subjects`` on Claim: the many-to-many table, ``claim_id`` → ``actor_id`` (one row a pair).
    """

    model: type[Model]  # the table holding one row per (row, related row) link
    row: str  # its column naming the filtered row
    related: str  # its column naming the related row
    related_model: type[Model]
    one_per_pair: bool  # at most one link row per (row, related row)


def link_of(model: type[Model], path: str) -> Link | None:
    """The Link of a reverse foreign key then a foreign key (``mentions__actor``) or of a
    forward many-to-many field (``subjects``); None for other paths."""
    parts = path.split(LOOKUP_SEP)
    try:
        first = model._meta.get_field(parts[0])
        if len(parts) == 1 and first.many_to_many and not first.auto_created:
            through = first.remote_field.through
            return Link(
                through,
                through._meta.get_field(first.m2m_field_name()).attname,
                through._meta.get_field(first.m2m_reverse_field_name()).attname,
                first.related_model,
                one_per_pair=through._meta.auto_created is not None,
            )
        if len(parts) == 2 and first.one_to_many:
            second = first.related_model._meta.get_field(parts[1])
            if second.many_to_one:
                return Link(
                    first.related_model,
                    first.field.attname,
                    second.attname,
                    second.related_model,
                    one_per_pair=False,
                )
    except FieldDoesNotExist:
        return None
    return None


class IdOrSlugFilter(django_filters.CharFilter):
    """Filter on a related row given by id or slug: ``actor=12`` or ``actor=quds-force``.

    ``field_name`` is the lookup path of the related model (``claimant``, ``place``). With
    ``many=True`` the path crosses a to-many relation (``participants__actor``) and the match
    runs as a ``pk IN (...)`` so rows are never duplicated.

    Across a link table (``mentions__actor``, ``subjects``) the related row is looked up
    first, so the planner sees its id as a constant and reads the link table's statistics
    for it: a join on the slug hid how many rows an actor has, and the same plan served the
    actor named in most articles and the actor named in none (a walk over every article in
    date order looking for one). Then up to ``SPARSE_ROWS + 1`` linked row ids are read from
    the link table's index: an actor linked to few rows filters by their ids, one linked to
    many by a semi-join the planner stops once the page is full.

    After filtering, ``related_ids`` holds the related rows found, and ``matched`` the number
    of rows matched when the ids were listed (None otherwise).
    """

    field_class = IdOrSlugField

    def __init__(self, *args, many: bool = False, **kwargs):
        self.many = many
        self.related_ids: list[int] = []
        self.matched: int | None = None
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if not value:
            return qs
        if not self.many:
            return qs.filter(id_or_slug_q(self.field_name, value))
        link = link_of(qs.model, self.field_name)
        if link is None:
            q = id_or_slug_q(self.field_name, value)
            return qs.filter(pk__in=qs.model._default_manager.filter(q).values("pk"))
        related = link.related_model._default_manager.filter(id_or_slug_q("", value))
        self.related_ids = list(related.order_by("pk").values_list("pk", flat=True))
        if not self.related_ids:
            self.matched = 0
            return qs.none()
        links = link.model._default_manager.filter(**{f"{link.related}__in": self.related_ids})
        if link.one_per_pair and len(self.related_ids) == 1:
            # One link row per matched row: count them on the related column's index alone
            # (an index-only scan that stops at SPARSE_ROWS + 1), then read the few ids.
            few = links.order_by().values(link.related)[: SPARSE_ROWS + 1].count() <= SPARSE_ROWS
            ids = list(links.order_by().values_list(link.row, flat=True)) if few else []
        else:  # distinct rows, in the order of the (related, row) index where there is one
            ids = list(
                links.order_by(link.row)
                .values_list(link.row, flat=True)
                .distinct()[: SPARSE_ROWS + 1]
            )
            few = len(ids) <= SPARSE_ROWS
        if few:
            self.matched = len(ids)
            return qs.filter(pk__in=ids)
        self.matched = None
        return qs.filter(pk__in=links.values(link.row))


class IdField(forms.IntegerField):
    """A positive primary key that fits in a bigint."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdFilter(django_filters.NumberFilter):
    """Filter on a related row by primary key, without loading it first."""

    field_class = IdField


class EDTFDateField(forms.CharField):
    """An EDTF date with a known year (2019, 2019-03, 2019-03-01) → PartialDate."""

    default_error_messages = {
        "invalid": "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD.",
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 10:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            parsed = PartialDate.parse(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not parsed.year_known:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class EDTFBoundFilter(django_filters.Filter):
    """Compare a date column with the first (``after``) or last (``before``) day of a partial date.

    ``published_after=2019`` keeps rows on or after 2019-01-01; ``published_before=2019-03``
    keeps rows on or before 2019-03-31: both ends are inclusive at the precision given.
    """

    field_class = EDTFDateField

    def __init__(self, *args, bound: str, **kwargs):
        if bound not in ("after", "before"):
            raise ValueError(bound)
        self.bound = bound
        kwargs["lookup_expr"] = "gte" if bound == "after" else "lte"
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: PartialDate | None) -> QuerySet:
        if value is None:
            return qs
        low, high = value.bounds()
        day = low if self.bound == "after" else high
        return qs.filter(**{f"{self.field_name}__{self.lookup_expr}": day})


class SearchFilter(django_filters.CharFilter):
    """Free-text search: every word must match one of ``fields`` (case-insensitive contains).

    ``fields`` are lookup paths on the model or along to-one relations; ``extra_q`` is an
    optional callable ``word -> Q`` for matches that need a subquery (aliases).

    On PostgreSQL, a model whose table has a stored ``search_tsv`` vector of its own text
    columns (``VECTOR_TABLES``, kb/migrations/0003_search_vectors.py: articles, claims,
    events) is matched with ``search_tsv @@ websearch_to_tsquery('english', words)`` through
    the column's GIN index instead: stemmed whole words of the model's own text, not
    substrings, and not the fields of related rows (source, claimant or place names; the
    list filters ``source=``, ``claimant=``, ``place=`` do that). An ``OR`` with a related
    match would hide the index from the planner's estimates and bring back full scans.
    On SQLite the same tables' FTS5 indexes (kb/core/fts.py) do the same: every word, stemmed,
    in the row's own text. Elsewhere every word is matched with ``icontains``.
    """

    def __init__(self, *args, fields: tuple[str, ...], extra_q=None, **kwargs):
        self.search_fields = fields
        self.match_extra = extra_q
        kwargs.setdefault("label", "Search")
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", "Words to find; every word must match.")
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        # A bounded number of words keeps the SQL bounded whatever the client sends.
        words = (value or "").split()[:10]
        if not words:
            return qs
        if self.match_extra is None:
            if (
                qs.model._meta.db_table in VECTOR_TABLES
                and connections[qs.db].vendor == "postgresql"
            ):
                return qs.filter(vector_match(" ".join(words)))
            if fts_ready(qs.model, qs.db):
                return qs.filter(fts_match(qs.model, words))
        for word in words:
            q = Q()
            for field in self.search_fields:
                q |= Q(**{f"{field}__icontains": word})
            if self.match_extra is not None:
                q |= self.match_extra(word)
            qs = qs.filter(q)
        return qs


class VerifiedFilter(django_filters.BooleanFilter):
    """``verified=true``: only rows an analyst verified; ``false``: only proposed and rejected
    ones. The HTML lists take it from the reader's "verified only" switch (kb.core.pages)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "status")
        kwargs.setdefault(
            "help_text",
            "true: only rows an analyst verified (no machine proposals); false: only the others.",
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        verified = Q(status=ReviewStatus.VERIFIED)
        return qs.filter(verified) if value else qs.exclude(verified)
