"""Helpers for the STIX tests: the OASIS validator's findings, and bundle comparison."""

from __future__ import annotations

import json
import re
from collections import Counter

from stix2validator import ValidationOptions, validate_string

from kb.interop.stix.vocab import EXTENSION_ID

#: The one warning the kb accepts, by design: UUIDv5 ids (see kb.interop.stix.vocab).
ID_CHOICE = "103"
_CODE = re.compile(r"\{(\d+)\}")


def validator_findings(bundle: dict | str) -> tuple[list[str], Counter]:
    """Errors, and warnings counted by validator code, for a bundle."""
    text = bundle if isinstance(bundle, str) else json.dumps(bundle)
    result = validate_string(text, ValidationOptions(version="2.1"))
    warnings = Counter()
    for warning in result.warnings:
        match = _CODE.search(str(warning))
        warnings[match.group(1) if match else str(warning)] += 1
    return [str(e) for e in result.errors], warnings


def comparable(bundle: dict) -> dict[str, dict]:
    """Objects by id, without what an import changes on purpose: review status (imports
    arrive as proposals) and ``modified`` (the import is a new version)."""
    out = {}
    for obj in bundle["objects"]:
        obj = json.loads(json.dumps(obj))
        obj.pop("modified", None)
        ext = obj.get("extensions", {}).get(EXTENSION_ID, {})
        ext.pop("status", None)
        obj.pop("status", None)
        for mention in ext.get("mentions", []):
            mention.pop("status", None)
        out[obj["id"]] = obj
    return out
