"""Pairing predictions with gold entries, and the field comparisons the metrics use.

A prediction can match a gold entry only when one of its spans overlaps the sentence(s) of
the gold passage; among the candidates, pairs that agree on more fields win, one to one
(greedy, best score first). Names compare folded (case, diacritics, punctuation), the way
the catalog's aliases do.
"""

from __future__ import annotations

from collections.abc import Iterable

from actors.names import fold_text
from kb.core.edtf import PartialDate

from . import pipeline
from .gold import Ref

Span = tuple[int, int]


def fold_name(name: str) -> str:
    """A name folded for comparison: "Kata’ib Hizballah" → "kataib hizballah"."""
    return " ".join(fold_text(name).split())


_NAMES: dict[int, tuple[pipeline.Catalog, dict[str, frozenset[str]]]] = {}


def _catalog_names(catalog: pipeline.Catalog) -> dict[str, frozenset[str]]:
    """Folded names per actor key, built once per catalog object."""
    cached = _NAMES.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        names = {
            a.key: frozenset(fold_name(n) for n in (a.name, *a.aliases, *a.metonyms) if n)
            for a in catalog.actors
        }
        cached = _NAMES[id(catalog)] = (catalog, names)
    return cached[1]


class Names:
    """Folded names and aliases of catalog actors, to compare keys with ``{new: Name}``."""

    def __init__(self, catalog: pipeline.Catalog) -> None:
        self._names = _catalog_names(catalog)

    def of(self, key: str) -> frozenset[str]:
        return self._names.get(key, frozenset())

    def key_is(self, key: str | None, ref: Ref) -> bool:
        """Whether catalog actor ``key`` is the gold actor ``ref``."""
        if key is None:
            return False
        if ref.key is not None:
            return ref.key == key
        return bool(self.of(key) & {fold_name(n) for n in ref.names})

    def set_equal(self, keys: Iterable[str], refs: Iterable[Ref]) -> bool:
        """Whether predicted ``keys`` and gold ``refs`` name the same actors."""
        keys, refs = set(keys), list(refs)
        return all(any(self.key_is(k, r) for r in refs) for k in keys) and all(
            any(self.key_is(k, r) for k in keys) for r in refs
        )


def name_in(ref: Ref, text: str) -> bool:
    """Whether a ``{new: Name}`` actor is named, as whole words, in ``text``."""
    hay = f" {fold_name(text)} "
    return any(f" {fold_name(n)} " in hay for n in ref.names)


def date_matches(date: PartialDate | None, date_end: PartialDate | None, gold: str | None) -> bool:
    """Whether a predicted date (and end) is the gold EDTF date or interval ("A/B")."""
    if not gold:
        return date is None
    start, _, end = gold.partition("/")
    if date is None or date != PartialDate.parse(start):
        return False
    if not end:
        return date_end is None or date_end == date
    return date_end is not None and date_end == PartialDate.parse(end)


def assign(pairs: list[tuple[float, int, int]]) -> dict[int, int]:
    """Greedy one-to-one assignment gold index -> prediction index, best scores first."""
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in sorted(pairs, key=lambda pair: -pair[0]):
        if g not in out and p not in used:
            out[g] = p
            used.add(p)
    return out
