"""FilterSets for events and places, shared by the API and the HTML lists."""

import django_filters

from events.models import Event, EventKind, Place, PlaceKind
from kb.core.choices import ReviewStatus
from kb.core.filters import EDTFBoundFilter, IdFilter, IdOrSlugFilter, SearchFilter, VerifiedFilter


class EventFilter(django_filters.FilterSet):
    article = IdFilter(
        field_name="sources__article",
        method="filter_article",
        help_text="Id of an article that reports the event.",
    )
    actor = IdOrSlugFilter(
        field_name="participants__actor",
        many=True,
        help_text="Id or slug of a participating actor.",
    )
    kind = django_filters.ChoiceFilter(choices=EventKind.choices)
    place = IdOrSlugFilter(field_name="place", help_text="Place id or slug.")
    # Overlap semantics: an event dated "2020" is kept by date_after=2020-06 because part
    # of the period it covers lies after that month.
    date_after = EDTFBoundFilter(
        field_name="date_max",
        bound="after",
        help_text="Events that may fall on or after this date (YYYY, YYYY-MM or YYYY-MM-DD); undated events are left out.",
    )
    date_before = EDTFBoundFilter(
        field_name="date_min",
        bound="before",
        help_text="Events that may fall on or before this date (YYYY, YYYY-MM or YYYY-MM-DD); undated events are left out.",
    )
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)
    verified = VerifiedFilter()
    search = SearchFilter(
        fields=("title", "description", "date_text", "place__name"),
        help_text="Words matching the title, description, date text or place name.",
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("date_min", "date"),
            ("title", "title"),
            ("fatalities", "fatalities"),
            ("confidence", "confidence"),
            ("created_at", "created"),
        ),
        help_text="Sort key; prefix with - for descending.",
    )

    class Meta:
        model = Event
        fields = ["article", "actor", "kind", "place", "status"]

    def filter_article(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(pk__in=Event.objects.filter(sources__article=value).values("pk"))


class PlaceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=PlaceKind.choices)
    country = django_filters.CharFilter(
        max_length=2, lookup_expr="iexact", help_text="ISO 3166-1 alpha-2 code, case-insensitive."
    )
    search = SearchFilter(
        fields=("name", "slug", "aliases"),
        help_text="Words matching the name or any alias.",
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("country", "country"), ("kind", "kind")),
        help_text="Sort key; prefix with - for descending.",
    )

    class Meta:
        model = Place
        fields = ["kind", "country"]
