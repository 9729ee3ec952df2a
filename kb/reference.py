"""Load the curated reference catalog (fixtures/reference.yaml) into the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from actors.models import Actor, Alias, AliasKind, Relationship
from actors.names import fold_text as fold
from events.models import Place
from kb.core.choices import Origin, ReviewStatus
from kb.ingest.types import IngestError


@dataclass
class ReferenceReport:
    actors_created: int = 0
    actors_updated: int = 0
    aliases_created: int = 0
    places_created: int = 0
    places_updated: int = 0
    relationships_created: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"actors: {self.actors_created} created, {self.actors_updated} updated; "
            f"aliases: {self.aliases_created} created; "
            f"places: {self.places_created} created, {self.places_updated} updated; "
            f"relationships: {self.relationships_created} created"
        )


def read_reference(path: Path) -> dict:
    """Parse the catalog file; IngestError with one clear line when it is unusable."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise IngestError(f"{path}: cannot read reference catalog: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise IngestError(f"{path}: reference catalog must be a mapping with an 'actors' list")
    return data


@transaction.atomic
def reference_load(*, path: Path) -> ReferenceReport:
    """Create or refresh catalog actors, aliases, places and relationships.

    Rows an analyst made or edited (origin other than catalog) are never changed; aliases and
    relationships are only ever added.
    """
    data = read_reference(path)
    report = ReferenceReport()
    actors = _load_actors(data["actors"], report)
    _load_places(data.get("places") or [], report)
    _load_relationships(data.get("relationships") or [], actors, report)
    return report


def _load_actors(entries: list[dict], report: ReferenceReport) -> dict[str, Actor]:
    existing = {a.slug: a for a in Actor.objects.all()}
    for entry in entries:
        key = entry["key"]
        fields = {
            "name": entry["name"],
            "kind": entry.get("kind", "other"),
            "country": entry.get("country") or "",
            "description": entry.get("description") or "",
            "wikidata_id": entry.get("wikidata") or "",
        }
        actor = existing.get(key)
        if actor is None:
            actor = Actor(slug=key, status=ReviewStatus.VERIFIED, origin=Origin.CATALOG, **fields)
            actor._change_reason = "reference catalog"
            actor.save()
            existing[key] = actor
            report.actors_created += 1
        elif actor.origin == Origin.CATALOG and any(
            getattr(actor, k) != v for k, v in fields.items()
        ):
            for k, v in fields.items():
                setattr(actor, k, v)
            actor.version += 1
            actor._change_reason = "reference catalog"
            actor.save()
            report.actors_updated += 1
    for entry in entries:
        parent_key = entry.get("parent")
        actor = existing[entry["key"]]
        if parent_key and actor.origin == Origin.CATALOG and actor.parent_id is None:
            parent = existing.get(parent_key)
            if parent is None:
                report.warnings.append(f"{entry['key']}: unknown parent {parent_key!r}")
                continue
            actor.parent = parent
            actor._change_reason = "reference catalog"
            actor.save(update_fields=["parent"])
    _load_aliases(entries, existing, report)
    return existing


def _load_aliases(entries: list[dict], actors: dict[str, Actor], report: ReferenceReport) -> None:
    have = set(Alias.objects.values_list("actor__slug", "text"))
    for entry in entries:
        actor = actors[entry["key"]]
        wanted = [(entry["name"], AliasKind.NAME, False)]
        wanted += [(t, AliasKind.VARIANT, False) for t in entry.get("aliases") or []]
        wanted += [
            (t, AliasKind.ABBREVIATION, True) for t in entry.get("case_sensitive_aliases") or []
        ]
        wanted += [(t, AliasKind.METONYM, False) for t in entry.get("metonyms") or []]
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
            alias._change_reason = "reference catalog"
            alias.save()
            have.add((actor.slug, text))
            report.aliases_created += 1


def _load_places(entries: list[dict], report: ReferenceReport) -> None:
    existing = {p.slug: p for p in Place.objects.all()}
    for entry in entries:
        fields = {
            "name": entry["name"],
            "kind": entry.get("kind", "other"),
            "country": entry.get("country") or "",
            "aliases": list(entry.get("aliases") or []),
            "latitude": entry.get("latitude"),
            "longitude": entry.get("longitude"),
        }
        place = existing.get(entry["key"])
        if place is None:
            Place.objects.create(slug=entry["key"], **fields)
            report.places_created += 1
        elif any(getattr(place, k) != v for k, v in fields.items()):
            Place.objects.filter(pk=place.pk).update(**fields)
            report.places_updated += 1


def _load_relationships(
    entries: list[dict], actors: dict[str, Actor], report: ReferenceReport
) -> None:
    have = set(Relationship.objects.values_list("source__slug", "target__slug", "kind"))
    for entry in entries:
        source, target = actors.get(entry["source"]), actors.get(entry["target"])
        if source is None or target is None:
            report.warnings.append(
                f"relationship {entry['source']} → {entry['target']}: unknown actor"
            )
            continue
        if (source.slug, target.slug, entry["kind"]) in have:
            continue
        rel = Relationship(
            source=source,
            target=target,
            kind=entry["kind"],
            start=str(entry.get("start") or ""),
            end=str(entry.get("end") or ""),
            status=ReviewStatus.VERIFIED,
            origin=Origin.CATALOG,
        )
        rel._change_reason = "reference catalog"
        rel.save()
        have.add((source.slug, target.slug, entry["kind"]))
        report.relationships_created += 1
