"""Reading STIX objects as plain dicts: the kb extension, timestamps, Wikidata QIDs."""

from __future__ import annotations

from datetime import datetime

from django.utils.dateparse import parse_datetime

from kb.interop.stix.vocab import EXTENSION_ID


def kb_fields(obj: dict) -> dict:
    ext = (obj.get("extensions") or {}).get(EXTENSION_ID)
    return ext if isinstance(ext, dict) else {}


def created_at(obj: dict) -> datetime | None:
    return parse_datetime(obj["created"]) if obj.get("created") else None


def wikidata(obj: dict) -> str:
    for ref in obj.get("external_references") or []:
        if str(ref.get("source_name", "")).lower() == "wikidata" and ref.get("external_id"):
            return str(ref["external_id"])[:20]
    return ""
