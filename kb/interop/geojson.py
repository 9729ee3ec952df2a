"""Events with coordinates as a GeoJSON FeatureCollection (RFC 7946), streamed.

Each event whose place has coordinates is a Feature with a Point geometry at the place,
``[longitude, latitude]`` in WGS 84 as RFC 7946 orders them, and the event's fields as
properties. Events without a place with coordinates are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from events.models import Event


def with_coordinates(queryset):
    """Events whose place has coordinates."""
    return queryset.filter(place__latitude__isnull=False, place__longitude__isnull=False)


def feature(event: Event, url: str) -> dict:
    """One Feature; reads the place and prefetched participants (with actors)."""
    place = event.place
    return {
        "type": "Feature",
        "id": event.pk,
        "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
        "properties": {
            "title": event.title,
            "kind": event.kind,
            "date": event.date,
            "date_end": event.date_end,
            "date_precision": event.date_precision,
            "date_min": event.date_min.isoformat() if event.date_min else None,
            "date_max": event.date_max.isoformat() if event.date_max else None,
            "place": place.name,
            "place_slug": place.slug,
            "country": place.country,
            "fatalities": event.fatalities,
            "participants": [
                {"actor": p.actor.name, "slug": p.actor.slug, "role": p.role}
                for p in event.participants.all()
            ],
            "status": event.status,
            "url": url,
        },
    }


def feature_collection(features: Iterable[dict]) -> Iterator[str]:
    """The collection as text chunks, one feature at a time."""
    yield '{"type": "FeatureCollection", "features": ['
    for i, item in enumerate(features):
        yield ("," if i else "") + json.dumps(item, ensure_ascii=False)
    yield "]}"
