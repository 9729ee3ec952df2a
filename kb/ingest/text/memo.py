"""Indexes built once per object (a list of spans, a catalog) and kept while it lives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Kept:
    """The indexes of the last few objects asked about, each rebuilt when its size changed.

    Entries are keyed by (builder, id(object)) and hold the object itself, which keeps the id
    from being reused while the entry exists; the oldest entry goes when ``limit`` is reached.
    """

    def __init__(self, limit: int = 16):
        self.limit = limit
        self._entries: dict[tuple[Any, int], tuple[Any, int, Any]] = {}

    def index(self, obj: Any, size: int, build: Callable[[Any], Any]) -> Any:
        """``build(obj)``, computed once while ``obj`` is kept with this ``size``."""
        entry = self._entries.get((build, id(obj)))
        if entry is not None and entry[0] is obj and entry[1] == size:
            return entry[2]
        if len(self._entries) >= self.limit:
            self._entries.pop(next(iter(self._entries)))
        index = build(obj)
        self._entries[(build, id(obj))] = (obj, size, index)
        return index
