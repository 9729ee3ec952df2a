"""API viewsets for events and places."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from events.filters import EventFilter, PlaceFilter
from events.models import Event, Place
from events.serializers import EventSerializer, PlaceSerializer
from kb.core.api.viewsets import KBViewSet, VersionedViewSet


@extend_schema_view(
    list=extend_schema(
        summary="List events",
        description="date_after/date_before keep events whose period overlaps the date given.",
    )
)
class EventViewSet(VersionedViewSet):
    """Dated events with their place, participants and the article spans that report them."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    csv_filename = "events"

    def get_queryset(self):
        return Event.objects.with_related().prefetch_related("participants__actor__aliases")


@extend_schema_view(list=extend_schema(summary="List places"))
class PlaceViewSet(KBViewSet):
    """Places where events happen, with coordinates; addressed by id or slug."""

    serializer_class = PlaceSerializer
    filterset_class = PlaceFilter
    lookup_value_regex = r"[-\w]+"
    slug_lookup = True
    csv_filename = "places"
    queryset = Place.objects.all()
