"""STIX 2.1 bundles into the knowledge base: all or nothing, idempotent, as proposals.

- ``identity`` and ``threat-actor`` → actors. Before a new actor is made the object is
  matched, in this order, by the id it was imported with before, the kb slug in the
  extension, a Wikidata external reference, and its name or aliases folded as the linker
  folds them (exactly one actor must match). A matched actor is linked, never changed.
  Identities that appear only as ``created_by_ref`` (the bundle's producers) are not actors.
- ``location`` → places (matched by slug, Wikidata QID, folded name or alias).
- ``report`` → articles (matched by content hash); the description is the text, the kb
  extension's mention spans become mentions.
- ``x-kb-event`` → events with participants (``related-to`` with a role) and sources.
- ``note``/``opinion`` with the kb extension → claims anchored at their span; without it a
  note has no span to anchor to and is skipped (precision first).
- ``relationship`` → relationships when the kb extension (or a kb-style type such as
  ``part-of``) gives the kind; others are skipped and listed.

Everything created is a proposal (``status=proposed``, ``origin=import``) linked to the
:class:`~kb.interop.models.StixImport` of its bundle. Any unusable object rolls the whole
bundle back. Writes go through the apps' services.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

import stix2
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from stix2.exceptions import STIXError

from articles.models import Claim
from events.models import Event
from kb.interop.models import StixImport, StixLink
from kb.interop.stix import export  # noqa: F401  registers x-kb-event with stix2
from kb.interop.stix.import_catalog import RELATIONSHIP_TYPES, CatalogSteps
from kb.interop.stix.import_content import ContentSteps
from kb.interop.stix.objects import created_at, kb_fields

MAX_ERRORS = 20


class BundleError(Exception):
    """The bundle cannot be imported; nothing was."""


@dataclass
class ImportResult:
    created: Counter = field(default_factory=Counter)
    matched: Counter = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    already_imported: bool = False
    import_id: int | None = None

    def as_dict(self) -> dict:
        return {
            "import_id": self.import_id,
            "already_imported": self.already_imported,
            "created": dict(sorted(self.created.items())),
            "matched": dict(sorted(self.matched.items())),
            "skipped": self.skipped,
        }


def read_bundle(text: str) -> dict:
    """Parse and check a bundle: JSON, a STIX 2.1 bundle ``stix2`` accepts, within limits."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BundleError(f"Not JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("type") != "bundle":
        raise BundleError("Not a STIX bundle: the top level must be an object of type 'bundle'.")
    objects = data.get("objects") or []
    if not isinstance(objects, list):
        raise BundleError("The bundle's 'objects' must be a list.")
    limit = settings.STIX_IMPORT_MAX_OBJECTS
    if len(objects) > limit:
        raise BundleError(f"The bundle has {len(objects)} objects; the limit is {limit}. Split it.")
    try:
        stix2.parse(data, allow_custom=True, version="2.1")
    except (STIXError, ValueError, TypeError) as exc:
        raise BundleError(f"Not a valid STIX 2.1 bundle: {exc}") from exc
    return data


def import_bundle(text: str, *, user=None, name: str = "") -> ImportResult:
    """Import a bundle (JSON text) in one transaction; see the module docstring."""
    data = read_bundle(text)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    result = ImportResult()
    with transaction.atomic():
        previous = StixImport.objects.filter(sha256=sha).first()
        if previous is not None:
            result.already_imported, result.import_id = True, previous.pk
            return result
        record = StixImport.objects.create(
            bundle_id=str(data.get("id", ""))[:100], sha256=sha, name=name[:255], created_by=user
        )
        _Importer(record, data["objects"], user, result).run()
        if not record.links.exists():
            record.delete()  # nothing new: importing it again changes nothing
            result.already_imported = True
            return result
        record.summary = result.as_dict()
        record.save(update_fields=["summary"])
        result.import_id = record.pk
    return result


class _Importer(CatalogSteps, ContentSteps):
    def __init__(self, record: StixImport, objects: list[dict], user, result: ImportResult):
        self.record, self.user, self.result = record, user, result
        self.objects = {o["id"]: o for o in objects if isinstance(o, dict) and "id" in o}
        self.rows: dict[str, object] = {}  # STIX id → row
        # Rows this import made or matched: never the "existing row" of another object.
        self.taken: dict[type, set[int]] = {Event: set(), Claim: set()}
        self.errors: list[str] = []
        known = StixLink.objects.filter(stix_id__in=list(self.objects)).select_related(
            "content_type"
        )
        self.known = {link.stix_id: link for link in known}

    # --- bookkeeping ----------------------------------------------------------------------

    def of_type(self, *types: str) -> list[dict]:
        return [o for o in self.objects.values() if o.get("type") in types]

    def link(self, obj: dict, row, *, created: bool) -> None:
        self.rows[obj["id"]] = row
        if type(row) in self.taken:
            self.taken[type(row)].add(row.pk)
        label = row._meta.model_name
        (self.result.created if created else self.result.matched)[label] += 1
        StixLink.objects.create(
            stix_id=obj["id"],
            stix_created=created_at(obj),
            content_type=ContentType.objects.get_for_model(row),
            object_id=row.pk,
            created=created,
            stix_import=self.record,
        )

    def already(self, obj: dict, model) -> bool:
        """True (and the row remembered) when this id was imported before."""
        link = self.known.get(obj["id"])
        if link is None:
            return False
        row = model.objects.filter(pk=link.object_id).first()
        if row is None or link.content_type.model_class() is not model:
            return False
        self.rows[obj["id"]] = row
        return True

    def ref(self, sid: str | None, model):
        row = self.rows.get(sid) if sid else None
        return row if isinstance(row, model) else None

    def fail(self, obj: dict, message: str) -> None:
        self.errors.append(f"{obj.get('id', '?')}: {message}")

    def skip(self, obj: dict, message: str) -> None:
        self.result.skipped.append(f"{obj['id']}: {message}")

    def run(self) -> None:
        steps = (
            self.actors,
            self.places,
            self.reports,
            self.events,
            self.claims,
            self.relationships,
        )
        for step in steps:
            step()
            if self.errors:
                break
        if self.errors:
            shown = self.errors[:MAX_ERRORS]
            more = len(self.errors) - len(shown)
            raise BundleError(
                "Nothing was imported: "
                + "; ".join(shown)
                + (f" (and {more} more)" if more else "")
            )

    def guarded(self, obj: dict, make) -> None:
        """Run ``make`` in a savepoint; a validation error becomes a reported failure."""
        try:
            with transaction.atomic():
                make()
        except ValidationError as exc:
            messages = exc.messages if hasattr(exc, "messages") else [str(exc)]
            self.fail(obj, "; ".join(messages))

    def relationships(self) -> None:
        for obj in self.of_type("relationship"):
            ext = kb_fields(obj)
            if "role" in ext:
                self.guarded(obj, lambda obj=obj: self.participation(obj))
            elif "claim_link" in ext:
                self.guarded(obj, lambda obj=obj: self.claim_link(obj))
            else:
                kind = ext.get("kind") or RELATIONSHIP_TYPES.get(obj.get("relationship_type"))
                if kind is None:
                    self.skip(
                        obj, f"relationship type {obj.get('relationship_type')!r} has no kb kind"
                    )
                    continue
                self.guarded(obj, lambda obj=obj, kind=kind: self.actor_relationship(obj, kind))

    def _ends(self, obj: dict, source_model, target_model):
        source = self.ref(obj.get("source_ref"), source_model)
        target = self.ref(obj.get("target_ref"), target_model)
        if source is None or target is None:
            self.skip(obj, "its source or target was not imported")
        return source, target
