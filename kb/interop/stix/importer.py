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
from datetime import datetime

import stix2
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_datetime
from stix2.exceptions import STIXError

from actors.models import Actor, ActorKind, Alias, Relationship, RelationshipKind
from actors.names import fold_text
from actors.services import actor_create, relationship_create
from articles.models import Article, Claim, ClaimLink
from articles.services import article_create, claim_create, claim_link
from events.models import Event, Participant, Place, Role
from events.services import event_create, event_participant_add, place_create
from kb.core.choices import Origin
from kb.core.edtf import PartialDate
from kb.interop.models import StixImport, StixLink
from kb.interop.stix import export  # noqa: F401  registers x-kb-event with stix2
from kb.interop.stix.vocab import EVENT_TYPE, EXTENSION_ID, PRODUCER_ID

REASON = "STIX import"
MAX_ERRORS = 20
# Relationship types other platforms (and earlier kb exports) use for the kb's kinds.
RELATIONSHIP_TYPES = {kind.replace("_", "-"): kind for kind in RelationshipKind.values}


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


def _ext(obj: dict) -> dict:
    ext = (obj.get("extensions") or {}).get(EXTENSION_ID)
    return ext if isinstance(ext, dict) else {}


def _created(obj: dict) -> datetime | None:
    return parse_datetime(obj["created"]) if obj.get("created") else None


def _wikidata(obj: dict) -> str:
    for ref in obj.get("external_references") or []:
        if str(ref.get("source_name", "")).lower() == "wikidata" and ref.get("external_id"):
            return str(ref["external_id"])[:20]
    return ""


class _Importer:
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
            stix_created=_created(obj),
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

    # --- actors -------------------------------------------------------------------------

    def actors(self) -> None:
        producers = {PRODUCER_ID}
        referenced = set()
        for obj in self.objects.values():
            if obj.get("created_by_ref"):
                producers.add(obj["created_by_ref"])
            for key, value in obj.items():
                if key.endswith("_refs") and isinstance(value, list):
                    referenced.update(value)
                elif key.endswith("_ref") and key != "created_by_ref":
                    referenced.add(value)
        pending = []
        for obj in self.of_type("identity", "threat-actor"):
            if obj["id"] in producers and obj["id"] not in referenced:
                continue
            if self.already(obj, Actor):
                self.result.matched["actor"] += 1
                continue
            existing = self.match_actor(obj)
            if existing is not None:
                self.link(obj, existing, created=False)
            else:
                pending.append(obj)
        # Parents first, so a parent_ref resolves when its child is made.
        while pending:
            ready = [
                o for o in pending if _ext(o).get("parent_ref") not in {p["id"] for p in pending}
            ]
            if not ready:
                ready = pending  # a cycle: make them without parents
            for obj in ready:
                self.guarded(obj, lambda obj=obj: self.create_actor(obj))
                pending.remove(obj)

    def match_actor(self, obj: dict) -> Actor | None:
        ext = _ext(obj)
        if ext.get("slug"):
            actor = Actor.objects.filter(slug=ext["slug"]).first()
            if actor is not None:
                return actor
        qid = _wikidata(obj)
        if qid:
            found = list(Actor.objects.filter(wikidata_id=qid)[:2])
            if len(found) == 1:
                return found[0]
        names = [obj.get("name", ""), *(obj.get("aliases") or []), *(ext.get("aliases") or [])]
        folded = {fold_text(n) for n in names if n}
        folded.discard("")
        if not folded:
            return None
        ids = set(Alias.objects.filter(normalized__in=folded).values_list("actor_id", flat=True))
        ids |= {
            pk
            for pk, name in Actor.objects.filter(name__in=[n for n in names if n]).values_list(
                "pk", "name"
            )
        }
        return Actor.objects.get(pk=ids.pop()) if len(ids) == 1 else None

    def create_actor(self, obj: dict) -> None:
        ext = _ext(obj)
        if ext.get("kind") in ActorKind.values:
            kind = ext["kind"]
        elif obj["type"] == "threat-actor":
            kind = ActorKind.ARMED_GROUP
        else:
            kind = (
                ActorKind.PERSON if obj.get("identity_class") == "individual" else ActorKind.OTHER
            )
        aliases = list(obj.get("aliases") or []) + list(ext.get("aliases") or [])
        actor = actor_create(
            name=str(obj.get("name", ""))[:200],
            kind=kind,
            slug=ext.get("slug", ""),
            description=obj.get("description", ""),
            country=ext.get("country", ""),
            wikidata_id=_wikidata(obj),
            parent=self.ref(ext.get("parent_ref"), Actor),
            aliases=[str(a)[:200] for a in aliases],
            origin=Origin.IMPORT,
            user=self.user,
            reason=REASON,
        )
        self.link(obj, actor, created=True)

    # --- places -------------------------------------------------------------------------

    def places(self) -> None:
        places = None
        for obj in self.of_type("location"):
            if self.already(obj, Place):
                self.result.matched["place"] += 1
                continue
            ext, qid = _ext(obj), _wikidata(obj)
            place = Place.objects.filter(slug=ext["slug"]).first() if ext.get("slug") else None
            if place is None and qid:
                place = Place.objects.filter(wikidata_id=qid).first()
            if place is None and obj.get("name"):
                if places is None:
                    places = list(Place.objects.only("pk", "name", "aliases"))
                wanted = fold_text(obj["name"])
                found = [
                    p for p in places if wanted in {fold_text(n) for n in [p.name, *p.aliases]}
                ]
                place = found[0] if len(found) == 1 else None
            if place is not None:
                self.link(obj, place, created=False)
            elif not obj.get("name"):
                self.skip(obj, "a location without a name")
            else:
                self.guarded(obj, lambda obj=obj: self.create_place(obj))

    def create_place(self, obj: dict) -> None:
        ext = _ext(obj)
        place = place_create(
            name=obj["name"][:200],
            slug=ext.get("slug", ""),
            kind=ext.get("kind", "other"),
            country=str(obj.get("country", ""))[:2].upper(),
            aliases=ext.get("aliases") or [],
            latitude=obj.get("latitude"),
            longitude=obj.get("longitude"),
            wikidata_id=_wikidata(obj),
        )
        self.link(obj, place, created=True)

    # --- reports → articles -------------------------------------------------------------

    def reports(self) -> None:
        for obj in self.of_type("report"):
            if self.already(obj, Article):
                self.result.matched["article"] += 1
                continue
            ext = _ext(obj)
            digest = (
                ext.get("content_hash") or hashlib.sha256(f"stix:{obj['id']}".encode()).hexdigest()
            )
            article = Article.objects.filter(content_hash=digest).first()
            if article is not None:
                self.link(obj, article, created=False)
            else:
                self.guarded(obj, lambda obj=obj, digest=digest: self.create_article(obj, digest))

    def create_article(self, obj: dict, digest: str) -> None:
        ext = _ext(obj)
        published = ext.get("published", "")
        if not ext and obj.get("published"):
            # A kb report without a publication date carries its ingest time as the
            # required STIX published; only a foreign report's published is a date.
            published = PartialDate.from_date(parse_datetime(obj["published"]).date()).edtf()
        url = ext.get("url") or next(
            (r["url"] for r in obj.get("external_references") or [] if r.get("url")), ""
        )
        mentions = []
        for m in ext.get("mentions") or []:
            actor = self.ref(m.get("actor_ref"), Actor)
            if actor is None:
                self.fail(obj, f"mention of {m.get('actor_ref')}, not an actor in the bundle")
                return
            mentions.append((actor, int(m["start"]), int(m["end"])))
        article = article_create(
            body=obj.get("description") or obj["name"],
            content_hash=digest,
            title=obj["name"],
            published=published or "",
            author=ext.get("author", ""),
            url=url,
            origin_name=ext.get("origin", ""),
            language=obj.get("lang") or "en",
            source_name=ext.get("source", ""),
            mentions=mentions,
            origin=Origin.IMPORT,
            user=self.user,
            reason=REASON,
        )
        self.link(obj, article, created=True)

    # --- events -------------------------------------------------------------------------

    def events(self) -> None:
        for obj in self.of_type(EVENT_TYPE):
            if self.already(obj, Event):
                self.result.matched["event"] += 1
                continue
            place = self.ref(obj.get("location_ref"), Place)
            existing = (
                Event.objects.filter(
                    title=obj["name"],
                    kind=obj.get("event_type", "other"),
                    date=obj.get("date", ""),
                    place=place,
                )
                .exclude(pk__in=self.taken[Event])
                .first()
            )
            if existing is not None:
                self.link(obj, existing, created=False)
                continue
            self.guarded(obj, lambda obj=obj, place=place: self.create_event(obj, place))

    def create_event(self, obj: dict, place) -> None:
        sources = []
        for s in obj.get("sources") or []:
            article = self.ref(s.get("report_ref"), Article)
            if article is None:
                self.fail(obj, f"source {s.get('report_ref')} is not a report in the bundle")
                return
            sources.append((article, int(s["start"]), int(s["end"]), s.get("date_text", "")))
        event = event_create(
            title=obj["name"][:300],
            kind=obj.get("event_type", "other"),
            description=obj.get("description", ""),
            date=obj.get("date", ""),
            date_end=obj.get("date_end", ""),
            date_text=obj.get("date_text", ""),
            place=place,
            fatalities=obj.get("fatalities"),
            sources=sources,
            origin=Origin.IMPORT,
            user=self.user,
            reason=REASON,
        )
        self.link(obj, event, created=True)

    # --- claims -------------------------------------------------------------------------

    def claims(self) -> None:
        for obj in self.of_type("note", "opinion"):
            if self.already(obj, Claim):
                self.result.matched["claim"] += 1
                continue
            ext = _ext(obj)
            article = self.ref(ext.get("report_ref"), Article)
            if not ext or article is None:
                self.skip(obj, "no kb extension with a report span: nothing to anchor it to")
                continue
            existing = (
                Claim.objects.filter(
                    article=article, start=ext["start"], end=ext["end"], kind=ext.get("kind")
                )
                .exclude(pk__in=self.taken[Claim])
                .first()
            )
            if existing is not None:
                self.link(obj, existing, created=False)
                continue
            self.guarded(obj, lambda obj=obj, article=article: self.create_claim(obj, article))

    def create_claim(self, obj: dict, article: Article) -> None:
        ext = _ext(obj)
        quote = obj.get("content") if obj["type"] == "note" else obj.get("explanation")
        start, end = int(ext["start"]), int(ext["end"])
        if quote is not None and article.body[start:end] != quote:
            self.fail(obj, f"the quote is not the report's text at {start}–{end}")
            return
        subjects = [a for sid in obj.get("object_refs", []) if (a := self.ref(sid, Actor))]
        claim = claim_create(
            article=article,
            start=start,
            end=end,
            text=ext.get("text", ""),
            sentence_start=ext.get("sentence_start"),
            sentence_end=ext.get("sentence_end"),
            kind=ext.get("kind", "statement"),
            cue=ext.get("cue", ""),
            claimant=self.ref(ext.get("claimant_ref"), Actor),
            claimant_text=ext.get("claimant_text", ""),
            subjects=subjects,
            credibility=ext.get("credibility", 6),
            event=self.ref(ext.get("event_ref"), Event),
            origin=Origin.IMPORT,
            user=self.user,
            reason=REASON,
        )
        self.link(obj, claim, created=True)

    # --- relationships ------------------------------------------------------------------

    def relationships(self) -> None:
        for obj in self.of_type("relationship"):
            ext = _ext(obj)
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

    def actor_relationship(self, obj: dict, kind: str) -> None:
        if self.already(obj, Relationship):
            self.result.matched["relationship"] += 1
            return
        source, target = self._ends(obj, Actor, Actor)
        if source is None or target is None:
            return
        existing = Relationship.objects.filter(source=source, target=target, kind=kind).first()
        if existing is not None:
            self.link(obj, existing, created=False)
            return
        ext = _ext(obj)
        evidence = [self.rows.get(sid) for sid in ext.get("evidence_refs") or []]
        rel = relationship_create(
            source=source,
            target=target,
            kind=kind,
            start=ext.get("start", ""),
            end=ext.get("end", ""),
            description=obj.get("description", ""),
            evidence_articles=[r for r in evidence if isinstance(r, Article)],
            evidence_claims=[r for r in evidence if isinstance(r, Claim)],
            origin=Origin.IMPORT,
            user=self.user,
            reason=REASON,
        )
        self.link(obj, rel, created=True)

    def participation(self, obj: dict) -> None:
        if self.already(obj, Participant):
            self.result.matched["participant"] += 1
            return
        actor, event = self._ends(obj, Actor, Event)
        if actor is None or event is None:
            return
        role = _ext(obj)["role"]
        if role not in Role.values:
            raise ValidationError(f"unknown role {role!r}")
        existed = Participant.objects.filter(event=event, actor=actor, role=role).exists()
        participant = event_participant_add(
            event=event, actor=actor, role=role, user=self.user, reason=REASON
        )
        self.link(obj, participant, created=not existed)

    def claim_link(self, obj: dict) -> None:
        if self.already(obj, ClaimLink):
            self.result.matched["claimlink"] += 1
            return
        source, target = self._ends(obj, Claim, Claim)
        if source is None or target is None:
            return
        kind = _ext(obj)["claim_link"]
        existed = ClaimLink.objects.filter(from_claim=source, to_claim=target, kind=kind).exists()
        link = claim_link(
            from_claim=source, to_claim=target, kind=kind, user=self.user, origin=Origin.IMPORT
        )
        self.link(obj, link, created=not existed)
