"""The reference catalog in the database: written from the YAML catalog, read for the pipeline.

``reference_load`` creates or refreshes catalog actors, aliases, places and relationships
from the dataclasses of kb.ingest.catalog (the one parser of ``fixtures/reference.yaml``);
``catalog_from_db`` gives the pipeline its view of the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from actors.models import Actor, Alias, AliasKind, Relationship
from actors.names import fold_text as fold
from events.models import Place
from kb.core.choices import Origin, ReviewStatus
from kb.ingest.catalog import (
    Catalog,
    CatalogActor,
    CatalogPlace,
    CatalogRelationship,
    load_catalog_file,
)
from kb.ingest.types import IngestError

#: The reason recorded in the history of the rows the catalog writes.
CHANGE_REASON = "reference catalog"


@dataclass
class ReferenceReport:
    """How many catalog rows a load created or updated."""

    actors_created: int = 0
    actors_updated: int = 0
    aliases_created: int = 0
    places_created: int = 0
    places_updated: int = 0
    relationships_created: int = 0

    def summary(self) -> str:
        return (
            f"actors: {self.actors_created} created, {self.actors_updated} updated; "
            f"aliases: {self.aliases_created} created; "
            f"places: {self.places_created} created, {self.places_updated} updated; "
            f"relationships: {self.relationships_created} created"
        )


@transaction.atomic
def reference_load(*, path: Path) -> ReferenceReport:
    """Create or refresh catalog actors, aliases, places and relationships.

    Rows an analyst made or edited (origin other than catalog) are never changed; aliases and
    relationships are only ever added. A catalog that does not parse, or names an unknown
    parent or relationship end, is refused whole (IngestError) and nothing is written.
    """
    catalog = load_catalog_file(path)
    if not catalog.actors:
        raise IngestError(f"{path}: reference catalog has no actors")
    report = ReferenceReport()
    actors = _load_actors(catalog.actors, report)
    _load_places(catalog.places, report)
    _load_relationships(catalog.relationships, actors, report)
    return report


def _load_actors(entries: list[CatalogActor], report: ReferenceReport) -> dict[str, Actor]:
    existing = {a.slug: a for a in Actor.objects.all()}
    for entry in entries:
        fields = {
            "name": entry.name,
            "kind": entry.kind,
            "country": entry.country,
            "description": entry.description,
            "wikidata_id": entry.wikidata,
        }
        actor = existing.get(entry.key)
        if actor is None:
            actor = Actor(
                slug=entry.key, status=ReviewStatus.VERIFIED, origin=Origin.CATALOG, **fields
            )
            actor._change_reason = CHANGE_REASON
            actor.save()
            existing[entry.key] = actor
            report.actors_created += 1
        elif actor.origin == Origin.CATALOG and any(
            getattr(actor, k) != v for k, v in fields.items()
        ):
            for k, v in fields.items():
                setattr(actor, k, v)
            actor.version += 1
            actor._change_reason = CHANGE_REASON
            actor.save()
            report.actors_updated += 1
    for entry in entries:
        actor = existing[entry.key]
        # The loader checked that every parent is a catalog actor: it is in ``existing`` now.
        if entry.parent and actor.origin == Origin.CATALOG and actor.parent_id is None:
            actor.parent = existing[entry.parent]
            actor._change_reason = CHANGE_REASON
            actor.save(update_fields=["parent"])
    _load_aliases(entries, existing, report)
    return existing


def _load_aliases(
    entries: list[CatalogActor], actors: dict[str, Actor], report: ReferenceReport
) -> None:
    have = set(Alias.objects.values_list("actor__slug", "text"))
    for entry in entries:
        actor = actors[entry.key]
        wanted = [(entry.name, AliasKind.NAME, False)]
        wanted += [(t, AliasKind.VARIANT, False) for t in entry.aliases]
        wanted += [(t, AliasKind.ABBREVIATION, True) for t in entry.case_sensitive]
        wanted += [(t, AliasKind.METONYM, False) for t in entry.metonyms]
        for text, kind, case_sensitive in wanted:
            if (actor.slug, text) in have:
                continue
            alias = Alias(
                actor=actor,
                text=text,
                normalized=fold(text),
                kind=kind,
                case_sensitive=case_sensitive,
            )
            alias._change_reason = CHANGE_REASON
            alias.save()
            have.add((actor.slug, text))
            report.aliases_created += 1


def _load_places(entries: list[CatalogPlace], report: ReferenceReport) -> None:
    existing = {p.slug: p for p in Place.objects.all()}
    for entry in entries:
        fields = {
            "name": entry.name,
            "kind": entry.kind or "other",
            "country": entry.country,
            "aliases": list(entry.aliases),
            "latitude": entry.latitude,
            "longitude": entry.longitude,
            "wikidata_id": entry.wikidata,
        }
        place = existing.get(entry.key)
        if place is None:
            Place.objects.create(slug=entry.key, **fields)
            report.places_created += 1
        elif any(getattr(place, k) != v for k, v in fields.items()):
            Place.objects.filter(pk=place.pk).update(**fields)
            report.places_updated += 1


def _load_relationships(
    entries: list[CatalogRelationship], actors: dict[str, Actor], report: ReferenceReport
) -> None:
    have = set(Relationship.objects.values_list("source__slug", "target__slug", "kind"))
    for entry in entries:
        # The loader checked that both ends are catalog actors: they are in ``actors`` now.
        source, target = actors[entry.source], actors[entry.target]
        if (source.slug, target.slug, entry.kind) in have:
            continue
        rel = Relationship(
            source=source,
            target=target,
            kind=entry.kind,
            start=entry.start,
            end=entry.end,
            status=ReviewStatus.VERIFIED,
            origin=Origin.CATALOG,
        )
        rel._change_reason = CHANGE_REASON
        rel.save()
        have.add((source.slug, target.slug, entry.kind))
        report.relationships_created += 1


def catalog_from_db() -> Catalog:
    """The pipeline's view of the knowledge base: every actor not rejected, every place."""
    actors = []
    aliases: dict[int, list[Alias]] = {}
    for alias in Alias.objects.exclude(actor__status=ReviewStatus.REJECTED).only(
        "actor_id", "text", "kind", "case_sensitive"
    ):
        aliases.setdefault(alias.actor_id, []).append(alias)
    parents = dict(Actor.objects.values_list("pk", "slug"))
    fields = ("slug", "name", "kind", "country", "parent_id", "description")
    rows = Actor.objects.exclude(status=ReviewStatus.REJECTED).order_by("pk").only(*fields)
    for actor in rows:
        own = aliases.get(actor.pk, [])
        actors.append(
            CatalogActor(
                key=actor.slug,
                name=actor.name,
                kind=actor.kind,
                aliases=tuple(
                    a.text for a in own if a.kind != AliasKind.METONYM and not a.case_sensitive
                ),
                metonyms=tuple(a.text for a in own if a.kind == AliasKind.METONYM),
                case_sensitive=tuple(a.text for a in own if a.case_sensitive),
                country=actor.country,
                parent=parents.get(actor.parent_id),
                description=actor.description,
            )
        )
    places = [
        CatalogPlace(
            key=p.slug,
            name=p.name,
            aliases=tuple(p.aliases or ()),
            country=p.country,
            kind=p.kind,
            latitude=p.latitude,
            longitude=p.longitude,
        )
        for p in Place.objects.order_by("pk")
    ]
    return Catalog(actors=actors, places=places)
