"""Load the reference catalog (``fixtures/reference.yaml``) into plain dataclasses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kb.ingest.types import (
    Catalog,
    CatalogActor,
    CatalogPlace,
    CatalogRelationship,
    IngestError,
)

DEFAULT_CATALOG = Path(__file__).resolve().parents[2] / "fixtures" / "reference.yaml"


def load_catalog_file(path: Path | str = DEFAULT_CATALOG) -> Catalog:
    """Read a catalog YAML file; IngestError with one clear line when it is malformed."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise IngestError(f"cannot read catalog {path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 1})" if where else ""
        raise IngestError(f"catalog {path} is not valid YAML{line}") from exc
    try:
        return catalog_from_data(data or {})
    except (TypeError, ValueError) as exc:
        raise IngestError(f"catalog {path}: {exc}") from exc


def catalog_from_data(data: Any) -> Catalog:
    """Build a Catalog from parsed YAML/JSON data; ValueError names the bad entry."""
    if not isinstance(data, dict):
        raise ValueError("top level must be a mapping with actors, places, relationships")
    actors = [_actor(item, i) for i, item in enumerate(_list(data, "actors"))]
    places = [_place(item, i) for i, item in enumerate(_list(data, "places"))]
    relationships = [_relationship(item, i) for i, item in enumerate(_list(data, "relationships"))]
    _check_unique([a.key for a in actors], "actor")
    _check_unique([p.key for p in places], "place")
    keys = {a.key for a in actors}
    for actor in actors:
        if actor.parent and actor.parent not in keys:
            raise ValueError(f"actor {actor.key!r}: unknown parent {actor.parent!r}")
    for rel in relationships:
        for end in (rel.source, rel.target):
            if end not in keys:
                raise ValueError(f"relationship {rel.source}->{rel.target}: unknown actor {end!r}")
    return Catalog(actors=actors, places=places, relationships=relationships)


def _list(data: dict, name: str) -> list:
    value = data.get(name) or []
    if not isinstance(value, list):
        raise ValueError(f"{name} must be a list")
    return value


def _check_unique(keys: list[str], what: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"duplicate {what} key {key!r}")
        seen.add(key)


def _text(item: dict, name: str, where: str, *, required: bool = False) -> str:
    value = item.get(name)
    if value is None or value == "":
        if required:
            raise ValueError(f"{where}: missing {name}")
        return ""
    if isinstance(value, (dict, list)):
        raise ValueError(f"{where}: {name} must be a single value")
    return str(value).strip()


def _strings(item: dict, name: str, where: str) -> tuple[str, ...]:
    value = item.get(name) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ValueError(f"{where}: {name} must be a list of strings")
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


def _mapping(item: Any, where: str) -> dict:
    if not isinstance(item, dict):
        raise ValueError(f"{where} must be a mapping")
    return item


def _actor(item: Any, index: int) -> CatalogActor:
    item = _mapping(item, f"actors[{index}]")
    where = f"actor {item.get('key') or f'#{index + 1}'}"
    return CatalogActor(
        key=_text(item, "key", where, required=True),
        name=_text(item, "name", where, required=True),
        kind=_text(item, "kind", where) or "other",
        aliases=_strings(item, "aliases", where),
        metonyms=_strings(item, "metonyms", where),
        case_sensitive=_strings(item, "case_sensitive_aliases", where),
        country=_text(item, "country", where),
        parent=_text(item, "parent", where) or None,
        description=_text(item, "description", where),
        wikidata=_text(item, "wikidata", where),
    )


def _coordinate(item: dict, name: str, where: str, limit: float) -> float | None:
    value = item.get(name)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: {name} must be a number") from None
    if not -limit <= number <= limit:
        raise ValueError(f"{where}: {name} out of range: {number}")
    return number


def _place(item: Any, index: int) -> CatalogPlace:
    item = _mapping(item, f"places[{index}]")
    where = f"place {item.get('key') or f'#{index + 1}'}"
    return CatalogPlace(
        key=_text(item, "key", where, required=True),
        name=_text(item, "name", where, required=True),
        aliases=_strings(item, "aliases", where),
        country=_text(item, "country", where),
        kind=_text(item, "kind", where),
        latitude=_coordinate(item, "latitude", where, 90),
        longitude=_coordinate(item, "longitude", where, 180),
    )


def _relationship(item: Any, index: int) -> CatalogRelationship:
    item = _mapping(item, f"relationships[{index}]")
    where = f"relationships[{index}]"
    return CatalogRelationship(
        source=_text(item, "source", where, required=True),
        target=_text(item, "target", where, required=True),
        kind=_text(item, "kind", where, required=True),
        start=_text(item, "start", where),
        end=_text(item, "end", where),
    )
