"""OpenAPI examples for the STIX endpoints (short, but real shapes)."""

from drf_spectacular.utils import OpenApiExample

from kb.interop.stix.vocab import EXTENSION_ID, EXTENSION_SCHEMA, PRODUCER_ID

_ACTOR = {
    "type": "threat-actor",
    "spec_version": "2.1",
    "id": "threat-actor--0fd8e7a6-4a5c-5d55-8d65-3d4c1f0d3a11",
    "created": "2024-01-05T10:00:00.000Z",
    "modified": "2024-02-01T08:30:00.000Z",
    "name": "Kataib Hezbollah",
    "aliases": ["KH", "Kata'ib Hizballah"],
    "external_references": [{"source_name": "wikidata", "external_id": "Q0000000"}],
    "extensions": {
        EXTENSION_ID: {
            "extension_type": "property-extension",
            "slug": "kataib-hezbollah",
            "kind": "armed_group",
            "status": "verified",
            "country": "IQ",
        }
    },
}
BUNDLE = {
    "type": "bundle",
    "id": "bundle--5f1e2b8c-3d7a-4b9e-8c1f-2a6d9e0b7c44",
    "objects": [
        {"type": "identity", "spec_version": "2.1", "id": PRODUCER_ID, "name": "kb — …"},
        {"type": "extension-definition", "spec_version": "2.1", "id": EXTENSION_ID},
        _ACTOR,
    ],
}
BUNDLE_EXAMPLE = OpenApiExample(
    "Bundle (abridged)",
    value=BUNDLE,
    response_only=True,
    description="The producer identity, the extension definition, then the knowledge base.",
)
IMPORT_REQUEST_EXAMPLE = OpenApiExample(
    "A bundle with one threat actor",
    value={"type": "bundle", "id": BUNDLE["id"], "objects": [_ACTOR]},
    request_only=True,
)
IMPORT_RESPONSE_EXAMPLE = OpenApiExample(
    "Imported",
    value={
        "import_id": 3,
        "already_imported": False,
        "created": {"actor": 1},
        "matched": {},
        "skipped": [],
    },
    response_only=True,
)

ACLED_EXAMPLE = OpenApiExample(
    "Two events",
    value=(
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
        "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
        "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
        "source,source_scale,notes,fatalities,tags,timestamp\r\n"
        "KB12,2019-12-29,2019,1,Political violence,Explosions/Remote violence,Air/drone strike,"
        "United States,,,Kataib Hezbollah,,,,,,,Iraq,,,,Al-Qaim,34.3833,41.0833,1,Reuters,,"
        "US strikes on Kataib Hezbollah facilities,25,kb kind: air_strike,1704448800\r\n"
        "KB40,2020-01,2020,3,Demonstrations,Protests,,Kataib Hezbollah,,,,,,,,,,Iraq,,,,"
        "Baghdad,33.3152,44.3661,1,Associated Press,,Protest at the US embassy,,"
        "kb kind: protest,1704448800\r\n"
    ),
    response_only=True,
    media_type="text/csv",
)
GEOJSON_EXAMPLE = OpenApiExample(
    "One event",
    value={
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": 12,
                "geometry": {"type": "Point", "coordinates": [44.3661, 33.3152]},
                "properties": {
                    "title": "Strike on Kataib Hezbollah",
                    "kind": "air_strike",
                    "date": "2019-12-29",
                    "date_end": "",
                    "date_precision": "day",
                    "date_min": "2019-12-29",
                    "date_max": "2019-12-29",
                    "place": "Baghdad",
                    "place_slug": "baghdad",
                    "country": "IQ",
                    "fatalities": 25,
                    "participants": [
                        {"actor": "United States", "slug": "united-states", "role": "perpetrator"}
                    ],
                    "status": "verified",
                    "url": "https://kb.example.org/events/12/",
                },
            }
        ],
    },
    response_only=True,
    media_type="application/geo+json",
)
CLAIMREVIEW_EXAMPLE = OpenApiExample(
    "One rated claim",
    value={
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "ClaimReview",
                "url": "https://kb.example.org/claims/7/",
                "claimReviewed": "The Quds Force backed Kataib Hezbollah",
                "datePublished": "2024-02-01",
                "author": {
                    "@type": "Organization",
                    "name": "Iran–Iraq–US relations knowledge base",
                    "url": "https://kb.example.org/",
                },
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": 4,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": "Probably true",
                },
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": "Organization", "name": "United States"},
                    "datePublished": "2019-12-31",
                    "appearance": {
                        "@type": "NewsArticle",
                        "url": "https://example.org/a",
                        "headline": "US blames Quds Force",
                        "publisher": {"@type": "Organization", "name": "Reuters"},
                    },
                },
            }
        ],
    },
    response_only=True,
    media_type="application/ld+json",
)

EXTENSION_SCHEMA_EXAMPLE = OpenApiExample(
    "Abridged",
    value={
        **{k: EXTENSION_SCHEMA[k] for k in ("$schema", "title", "description")},
        "$defs": {"location": EXTENSION_SCHEMA["$defs"]["location"]},
    },
    response_only=True,
)
