"""The kb's STIX 2.1 vocabulary: ids, the extension definition, and kind mappings.

Ids
    Every object the kb makes has a UUIDv5 id over a stable key (actor and place slugs,
    article content hashes, row ids elsewhere) in :data:`NAMESPACE`, so exporting twice
    gives the same ids and a consumer sees updates, not new objects. STIX 2.1 *recommends*
    UUIDv4 for domain and relationship objects (validator warning 103); it allows any UUID,
    and the determinism is worth more to us than the recommendation. A row that came in by
    import keeps the id it had in its bundle (``kb.interop.models.StixLink``). The producer
    identity and the extension definition are fixed UUIDv4s.

Extension
    One ``extension-definition`` (:func:`extension_definition`) declares both what the kb
    adds to standard objects (``property-extension``: the fields under
    ``extensions[EXTENSION_ID]``, listed in :data:`EXTENSION_SCHEMA`) and the event object
    STIX lacks (``new-sdo``: ``x-kb-event``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from actors.models import ActorKind

NAMESPACE = uuid.UUID("5b0e4b0a-4d0c-4c55-9f3e-6b62a1a0c0de")
EXTENSION_ID = "extension-definition--2759736f-27d6-4f0e-8a55-b96af13d7d33"
PRODUCER_ID = "identity--8755b9ea-ba50-486d-af31-22f13ff4ace8"
EXTENSION_VERSION = "1.0"
# The definition's own timestamps: fixed, so every bundle carries the same object.
DEFINED = datetime(2026, 1, 1, tzinfo=UTC)
EVENT_TYPE = "x-kb-event"

PROPERTY_EXTENSION = {"extension_type": "property-extension"}
NEW_SDO = {"extension_type": "new-sdo"}

# STIX 2.1 Appendix A: Admiralty credibility → STIX confidence. 6 maps to no confidence.
ADMIRALTY_CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}

# identity-class-ov and industry-sector-ov values by actor kind.
IDENTITY_CLASS = {ActorKind.PERSON: "individual", ActorKind.OTHER: "unknown"}
SECTORS = {
    ActorKind.STATE: ["government-national"],
    ActorKind.GOVERNMENT_BODY: ["government-national"],
    ActorKind.MEDIA: ["communications"],
}


def stix_id(kind: str, key: str) -> str:
    """A deterministic STIX id: ``kind--uuid5(NAMESPACE, key)``."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


def actor_type(kind: str) -> str:
    """Armed groups are threat actors; every other kind of actor is an identity."""
    return "threat-actor" if kind == ActorKind.ARMED_GROUP else "identity"


# JSON Schema of everything the extension adds, by STIX object type. Served at
# /api/v1/export/stix/extension/ and used by the tests to check exported bundles.
_REF = {"type": "string", "pattern": "^[a-z0-9-]+--[0-9a-f-]{36}$"}
_EDTF = {"type": "string", "maxLength": 10}
_STATUS = {"enum": ["proposed", "verified", "rejected"]}
_SPAN = {"type": "integer", "minimum": 0}
_ACTOR = {
    "type": "object",
    "properties": {
        "extension_type": {"const": "property-extension"},
        "slug": {"type": "string"},
        "kind": {"enum": list(ActorKind.values)},
        "status": _STATUS,
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "aliases": {"type": "array", "items": {"type": "string"}},
        "parent_ref": _REF,
    },
    "required": ["extension_type", "slug", "kind", "status"],
    "additionalProperties": False,
}
EXTENSION_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "kb knowledge base STIX 2.1 extension",
    "description": (
        "Properties the kb adds under extensions[<extension-definition id>] of standard "
        "objects (property-extension), by object type, and the x-kb-event object (new-sdo)."
    ),
    "$defs": {
        "identity": _ACTOR,
        "threat-actor": _ACTOR,
        "location": {
            "type": "object",
            "properties": {
                "extension_type": {"const": "property-extension"},
                "slug": {"type": "string"},
                "kind": {"type": "string"},
                "aliases": {"type": "array", "items": {"type": "string"}},
            },
            "required": ["extension_type", "slug", "kind"],
            "additionalProperties": False,
        },
        "relationship": {
            "type": "object",
            "description": (
                "Exactly one of kind (actor → actor), role (actor → event) or claim_link "
                "(claim → claim) says what the related-to relationship means."
            ),
            "properties": {
                "extension_type": {"const": "property-extension"},
                "kind": {
                    "enum": [
                        "part_of",
                        "backed_by",
                        "allied_with",
                        "opposed_to",
                        "leads",
                        "member_of",
                    ]
                },
                "role": {
                    "enum": ["perpetrator", "target", "signatory", "supporter", "participant"]
                },
                "claim_link": {"enum": ["supports", "contradicts"]},
                "status": _STATUS,
                "start": _EDTF,
                "end": _EDTF,
                "evidence_refs": {"type": "array", "items": _REF},
            },
            "required": ["extension_type"],
            "oneOf": [
                {"required": ["kind"]},
                {"required": ["role"]},
                {"required": ["claim_link"]},
            ],
            "additionalProperties": False,
        },
        "report": {
            "type": "object",
            "properties": {
                "extension_type": {"const": "property-extension"},
                "content_hash": {"type": "string"},
                "origin": {"type": "string"},
                "published": _EDTF,
                "author": {"type": "string"},
                "url": {"type": "string"},
                "source": {"type": "string"},
                "mentions": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "actor_ref": _REF,
                            "start": _SPAN,
                            "end": _SPAN,
                            "status": _STATUS,
                        },
                        "required": ["actor_ref", "start", "end"],
                        "additionalProperties": False,
                    },
                },
            },
            "required": ["extension_type", "content_hash"],
            "additionalProperties": False,
        },
        "claim": {
            "type": "object",
            "description": "On note and opinion objects: the claim and its span in the report.",
            "properties": {
                "extension_type": {"const": "property-extension"},
                "kind": {"type": "string"},
                "status": _STATUS,
                "credibility": {"type": "integer", "minimum": 1, "maximum": 6},
                "report_ref": _REF,
                "text": {"type": "string"},
                "start": _SPAN,
                "end": _SPAN,
                "sentence_start": _SPAN,
                "sentence_end": _SPAN,
                "cue": {"type": "string"},
                "claimant_ref": _REF,
                "claimant_text": {"type": "string"},
                "event_ref": _REF,
            },
            "required": ["extension_type", "kind", "report_ref", "start", "end"],
            "additionalProperties": False,
        },
        EVENT_TYPE: {
            "type": "object",
            "description": "An event: STIX 2.1 has no event object, so the kb defines one.",
            "properties": {
                "name": {"type": "string"},
                "description": {"type": "string"},
                "event_type": {"type": "string"},
                "date": _EDTF,
                "date_end": _EDTF,
                "date_precision": {"enum": ["day", "month", "year", "unknown"]},
                "date_text": {"type": "string"},
                "first_seen": {"type": "string", "format": "date-time"},
                "last_seen": {"type": "string", "format": "date-time"},
                "fatalities": {"type": "integer", "minimum": 0},
                "location_ref": _REF,
                "status": _STATUS,
                "sources": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "report_ref": _REF,
                            "start": _SPAN,
                            "end": _SPAN,
                            "date_text": {"type": "string"},
                        },
                        "required": ["report_ref", "start", "end"],
                        "additionalProperties": False,
                    },
                },
            },
            "required": ["name", "event_type", "status"],
        },
    },
}

EXTENSION_DESCRIPTION = (
    "Fields of the kb knowledge base of actors, events and claims in Iran–Iraq–US "
    "relations. As a property-extension it adds, under extensions[<this id>]: to identity "
    "and threat-actor the kb slug, kind, review status, country, aliases and parent; to "
    "location the slug, kind and aliases; to report the article's content hash, EDTF "
    "publication date, author, URL, publication and the character spans of the actors it "
    "mentions (the report description is the article text); to note and opinion (claims) "
    "the claim kind, review status, Admiralty credibility (also mapped to confidence), the "
    "report and character span it comes from, claimant and event; to relationship the kb "
    "meaning of a related-to relationship (actor kind, event role or claim link) with its "
    "EDTF start/end and evidence. STIX 2.1 suggests no relationship types between the kb's "
    "actors (identity → identity, threat-actor → identity), from actors to events, or "
    "between notes and opinions (which point at what they concern through object_refs), so "
    "these are related-to, the common relationship, and the extension says which. As a "
    "new-sdo it defines x-kb-event (STIX 2.1 has no event object): name, description, "
    "event_type, EDTF date/date_end with precision, first_seen/last_seen, fatalities, "
    "location_ref, review status and the report spans that report it. Ids are UUIDv5 over "
    "stable keys so that re-exports keep them."
)
EXTENSION_SCHEMA_TEXT = (
    "JSON Schema served by the exporting kb server at /api/v1/export/stix/extension/ "
    "($defs by object type). " + EXTENSION_DESCRIPTION
)
