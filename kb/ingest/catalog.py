"""The reference catalog as plain data: its dataclasses, its one YAML loader, its lookups.

``fixtures/reference.yaml`` is parsed here only: the pipeline reads it through
:func:`load_catalog_file`, and the store step writes it to the database from the same
dataclasses (kb.ingest.store.catalog). Lookups by key are answered from dictionaries built
once per catalog, so long articles stay linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.ingest.text.memo import Kept
from kb.ingest.types import IngestError

DEFAULT_CATALOG = Path(__file__).resolve().parents[2] / "fixtures" / "reference.yaml"
QID = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True)
class CatalogActor:
    key: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    # Aliases that are metonyms ("Tehran" for Iran, "the Pentagon" for the DoD): they link
    # only where the text speaks of the actor, not of the place.
    metonyms: tuple[str, ...] = ()
    # Aliases matched only as written (short acronyms such as "IS", "KH").
    case_sensitive: tuple[str, ...] = ()
    country: str = ""
    parent: str | None = None
    description: str = ""
    wikidata: str = ""


@dataclass(frozen=True)
class CatalogRelationship:
    source: str  # actor key
    target: str  # actor key
    kind: str  # part_of | backed_by | allied_with | opposed_to | leads | member_of
    start: str = ""  # EDTF
    end: str = ""  # EDTF


@dataclass(frozen=True)
class CatalogPlace:
    key: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str = ""
    kind: str = ""
    latitude: float | None = None
    longitude: float | None = None
    wikidata: str = ""


@dataclass
class Catalog:
    """What the pipeline knows of the world: actors with aliases, places with coordinates."""

    actors: list[CatalogActor] = field(default_factory=list)
    places: list[CatalogPlace] = field(default_factory=list)
    relationships: list[CatalogRelationship] = field(default_factory=list)

    def actor(self, key: str) -> CatalogActor | None:
        return next((a for a in self.actors if a.key == key), None)


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
    _check_unique_qids([(a.key, a.wikidata) for a in actors], "actors")
    _check_unique_qids([(p.key, p.wikidata) for p in places], "places")
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


def _check_unique_qids(pairs: list[tuple[str, str]], what: str) -> None:
    """Two catalog entries of one kind never name the same Wikidata item."""
    owner: dict[str, str] = {}
    for key, qid in pairs:
        if qid and qid in owner:
            raise ValueError(f"{what} {owner[qid]!r} and {key!r} share wikidata {qid}")
        owner.setdefault(qid, key)


def _qid(item: dict, where: str) -> str:
    value = _text(item, "wikidata", where)
    if value and not QID.fullmatch(value):
        raise ValueError(
            f"{where}: wikidata must be a Wikidata item id such as Q796, not {value!r}"
        )
    return value


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
        wikidata=_qid(item, where),
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
        wikidata=_qid(item, where),
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


# --- lookups ----------------------------------------------------------------------------

# Apart from the span indexes: the many short-lived lists of an article must not push out
# the indexes of the catalog a whole batch uses.
_catalogs = Kept(16)


def _by_key(catalog: Catalog) -> dict[str, CatalogActor]:
    keyed: dict[str, CatalogActor] = {}
    for actor in catalog.actors:
        keyed.setdefault(actor.key, actor)
    return keyed


def catalog_actor(catalog: Catalog, key: str) -> CatalogActor | None:
    """``catalog.actor(key)`` through a dictionary built once per catalog."""
    if not isinstance(catalog, Catalog):
        return catalog.actor(key)
    return _catalogs.index(catalog, len(catalog.actors), _by_key).get(key)


def _places_by_key(catalog: Catalog) -> dict[str, CatalogPlace]:
    keyed: dict[str, CatalogPlace] = {}
    for place in catalog.places:
        keyed.setdefault(place.key, place)
    return keyed


def catalog_place(catalog: Catalog, key: str | None) -> CatalogPlace | None:
    """The first catalog place with ``key``, through a dictionary built once per catalog."""
    if not isinstance(catalog, Catalog):
        return next((p for p in catalog.places if p.key == key), None)
    return _catalogs.index(catalog, len(catalog.places), _places_by_key).get(key)


def _states_by_name(catalog: Catalog) -> dict[str, str]:
    keyed: dict[str, str] = {}
    for actor in catalog.actors:
        if actor.kind == "state":
            for name in (actor.name, *actor.aliases):
                keyed.setdefault(name, actor.key)
    return keyed


def state_by_name(catalog: Catalog, name: str) -> str | None:
    """Key of the first state actor whose name or an alias is ``name``."""
    if not isinstance(catalog, Catalog):
        return _states_by_name(catalog).get(name)
    return _catalogs.index(catalog, len(catalog.actors), _states_by_name).get(name)


def _metonym_patterns(
    catalog: Catalog,
) -> tuple[re.Pattern[str] | None, list[tuple[str, re.Pattern[str]]]]:
    out, bares = [], []
    for actor in catalog.actors:
        for metonym in actor.metonyms:
            bare = re.escape(re.sub(r"^the\s+", "", metonym, flags=re.I))
            bares.append(bare)
            out.append((actor.key, re.compile(rf"(?<![\w-]){bare}(?![\w-])")))
    # any of them: a phrase without a match of this needs no look at each pattern
    anyone = re.compile(rf"(?<![\w-])(?:{'|'.join(bares)})(?![\w-])") if bares else None
    return anyone, out


def metonym_patterns(catalog: Catalog, phrase: str) -> list[tuple[str, re.Pattern[str]]]:
    """(actor key, compiled pattern) for the catalog's metonyms, in catalog order; none when
    no metonym occurs in ``phrase``."""
    anyone, patterns = _catalogs.index(catalog, len(catalog.actors), _metonym_patterns)
    return patterns if anyone is not None and anyone.search(phrase) else []
