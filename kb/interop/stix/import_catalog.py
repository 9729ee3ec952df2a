"""Import steps for the catalog: actors, places and the relationships between actors."""

from __future__ import annotations

from actors.models import Actor, ActorKind, Alias, Relationship, RelationshipKind
from actors.names import fold_text
from actors.services import actor_create, relationship_create
from articles.models import Article, Claim
from events.models import Place
from events.services import place_create
from kb.core.choices import Origin
from kb.interop.stix.objects import kb_fields, wikidata
from kb.interop.stix.vocab import PRODUCER_ID

REASON = "STIX import"
# Relationship types other platforms (and earlier kb exports) use for the kb's kinds.
RELATIONSHIP_TYPES = {kind.replace("_", "-"): kind for kind in RelationshipKind.values}


class CatalogSteps:
    """Actors, places and actor relationships (mixed into the importer)."""

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
                o
                for o in pending
                if kb_fields(o).get("parent_ref") not in {p["id"] for p in pending}
            ]
            if not ready:
                ready = pending  # a cycle: make them without parents
            for obj in ready:
                self.guarded(obj, lambda obj=obj: self.create_actor(obj))
                pending.remove(obj)

    def match_actor(self, obj: dict) -> Actor | None:
        ext = kb_fields(obj)
        if ext.get("slug"):
            actor = Actor.objects.filter(slug=ext["slug"]).first()
            if actor is not None:
                return actor
        qid = wikidata(obj)
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
        ext = kb_fields(obj)
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
            wikidata_id=wikidata(obj),
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
            ext, qid = kb_fields(obj), wikidata(obj)
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
        ext = kb_fields(obj)
        place = place_create(
            name=obj["name"][:200],
            slug=ext.get("slug", ""),
            kind=ext.get("kind", "other"),
            country=str(obj.get("country", ""))[:2].upper(),
            aliases=ext.get("aliases") or [],
            latitude=obj.get("latitude"),
            longitude=obj.get("longitude"),
            wikidata_id=wikidata(obj),
        )
        self.link(obj, place, created=True)

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
        ext = kb_fields(obj)
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
