"""Fast lookups shared by the extraction steps, so long articles stay linear.

The steps ask the same questions many times per article: which mentions lie in a span,
which catalog actor has a key, which metonyms occur in a phrase. Scanning every mention or
every actor for each question makes a long article quadratic; these helpers answer from an
index built once per list (or catalog) and kept while that object lives.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from kb.ingest.types import Catalog, CatalogActor, CatalogPlace, MentionProposal

_MAX_KEPT = 16
# (builder, id(object)) → (the object itself, a size it had, its index); holding the object
# keeps the id from being reused while the entry exists.
_kept: dict[tuple[Any, int], tuple[Any, int, Any]] = {}
# The same for catalogs, apart: the many short-lived lists of an article must not push out
# the indexes of the catalog a whole batch uses.
_kept_catalogs: dict[tuple[Any, int], tuple[Any, int, Any]] = {}


def _index(obj: Any, size: int, build: Any, kept: dict = _kept) -> Any:
    entry = kept.get((build, id(obj)))
    if entry is not None and entry[0] is obj and entry[1] == size:
        return entry[2]
    if len(kept) >= _MAX_KEPT:
        kept.pop(next(iter(kept)))
    index = build(obj)
    kept[(build, id(obj))] = (obj, size, index)
    return index


def _catalog_index(catalog: Catalog, size: int, build: Any) -> Any:
    return _index(catalog, size, build, _kept_catalogs)


def _starts(spans: Sequence[Any]) -> tuple[list[int], int] | None:
    """Start offsets of spans sorted by start and the longest span, or None if unsorted."""
    starts = [s.start for s in spans]
    if any(a > b for a, b in zip(starts, starts[1:], strict=False)):
        return None
    return starts, max((s.end - s.start for s in spans), default=0)


def _sorted_index(spans: Iterable[Any]) -> tuple[list[int], int] | None:
    return _index(spans, len(spans), _starts) if isinstance(spans, list) else None


def starting_in(spans: Iterable[Any], start: int, end: int) -> list[Any]:
    """Items (with ``.start``/``.end``) that start within ``[start, end)``, in list order."""
    index = _sorted_index(spans)
    if index is None:
        return [m for m in spans if start <= m.start < end]
    starts = index[0]
    return spans[bisect_left(starts, start) : bisect_left(starts, end)]


def within(spans: Iterable[Any], start: int, end: int) -> list[Any]:
    """Items (with ``.start``/``.end``) lying within ``[start, end)``, in list order."""
    index = _sorted_index(spans)
    if index is None:
        return [m for m in spans if m.start >= start and m.end <= end]
    starts = index[0]
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    return [m for m in spans[lo:hi] if m.end <= end]


def covering(spans: Iterable[Any], pos: int) -> list[Any]:
    """Items (with ``.start``/``.end``) with ``start <= pos < end``, in list order."""
    index = _sorted_index(spans)
    if index is None:
        return [m for m in spans if m.start <= pos < m.end]
    return [m for m in starting_in(spans, pos - index[1], pos + 1) if pos < m.end]


def _pair_ends(pairs: Sequence[tuple[int, int]]) -> list[int] | None:
    ends = [b for _, b in pairs]
    ordered = all(p[0] <= q[0] and p[1] <= q[1] for p, q in zip(pairs, pairs[1:], strict=False))
    return ends if ordered else None


def pairs_overlapping(
    pairs: Sequence[tuple[int, int]], start: int, end: int
) -> list[tuple[int, int]]:
    """``(a, b)`` pairs with ``a < end and b > start`` (quotations around a sentence)."""
    ends = _index(pairs, len(pairs), _pair_ends)
    if ends is None:
        return [(a, b) for a, b in pairs if a < end and b > start]
    out = []
    for i in range(bisect_right(ends, start), len(pairs)):
        a, b = pairs[i]
        if a >= end:
            break
        out.append((a, b))
    return out


def inside(mentions: Iterable[MentionProposal], start: int, end: int) -> list[MentionProposal]:
    """Mentions lying within ``[start, end)``."""
    return within(mentions, start, end)


def _by_key(catalog: Catalog) -> dict[str, CatalogActor]:
    keyed: dict[str, CatalogActor] = {}
    for actor in catalog.actors:
        keyed.setdefault(actor.key, actor)
    return keyed


def catalog_actor(catalog: Catalog, key: str) -> CatalogActor | None:
    """``catalog.actor(key)`` through a dictionary built once per catalog."""
    if not isinstance(catalog, Catalog):
        return catalog.actor(key)
    return _catalog_index(catalog, len(catalog.actors), _by_key).get(key)


def _places_by_key(catalog: Catalog) -> dict[str, CatalogPlace]:
    keyed: dict[str, CatalogPlace] = {}
    for place in catalog.places:
        keyed.setdefault(place.key, place)
    return keyed


def catalog_place(catalog: Catalog, key: str | None) -> CatalogPlace | None:
    """The first catalog place with ``key``, through a dictionary built once per catalog."""
    if not isinstance(catalog, Catalog):
        return next((p for p in catalog.places if p.key == key), None)
    return _catalog_index(catalog, len(catalog.places), _places_by_key).get(key)


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
    return _catalog_index(catalog, len(catalog.actors), _states_by_name).get(name)


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
    anyone, patterns = _catalog_index(catalog, len(catalog.actors), _metonym_patterns)
    return patterns if anyone is not None and anyone.search(phrase) else []
