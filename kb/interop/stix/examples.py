"""OpenAPI examples for the STIX endpoints (short, but real shapes)."""

from drf_spectacular.utils import OpenApiExample

from kb.interop.stix.vocab import EXTENSION_ID, PRODUCER_ID

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
