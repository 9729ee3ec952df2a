"""Filter building blocks shared by the FilterSets of every app (API and HTML lists).

Every filter here validates its input through a form field, so a malformed value becomes a
form error (400 in the API, an error message on an HTML list) instead of a database error.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import connections
from django.db.models import Q, QuerySet

from kb.edtf import PartialDate
from kb.search import VECTOR_TABLES, vector_match

# Largest value a bigint primary key can hold; larger ids would overflow in PostgreSQL.
MAX_ID = 2**63 - 1


def as_id(value: str) -> int | None:
    """The primary key a string of ASCII digits names, or None (too large, or not digits)."""
    if value.isascii() and value.isdigit() and len(value) <= 19 and int(value) <= MAX_ID:
        return int(value)
    return None


def id_or_slug_q(prefix: str, value: str, *, slug_field: str = "slug") -> Q:
    """Q matching the related row `prefix` by primary key (all digits) or by slug."""
    q = Q(**{f"{prefix}__{slug_field}": value})
    pk = as_id(value)
    if pk is not None:
        q |= Q(**{f"{prefix}__pk": pk})
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


class IdOrSlugFilter(django_filters.CharFilter):
    """Filter on a related row given by id or slug: ``actor=12`` or ``actor=quds-force``.

    ``field_name`` is the lookup path of the related model (``claimant``, ``place``). With
    ``many=True`` the path crosses a to-many relation (``participants__actor``) and the match
    runs as a ``pk IN (subquery)`` so rows are never duplicated.
    """

    field_class = IdOrSlugField

    def __init__(self, *args, many: bool = False, **kwargs):
        self.many = many
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if not value:
            return qs
        q = id_or_slug_q(self.field_name, value)
        if self.many:
            return qs.filter(pk__in=qs.model._default_manager.filter(q).values("pk"))
        return qs.filter(q)


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
    Elsewhere every word is matched with ``icontains``.
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
        if (
            qs.model._meta.db_table in VECTOR_TABLES
            and connections[qs.db].vendor == "postgresql"
            and self.match_extra is None
        ):
            return qs.filter(vector_match(" ".join(words)))
        for word in words:
            q = Q()
            for field in self.search_fields:
                q |= Q(**{f"{field}__icontains": word})
            if self.match_extra is not None:
                q |= self.match_extra(word)
            qs = qs.filter(q)
        return qs
