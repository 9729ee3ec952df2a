"""Span lookups shared by the extraction steps, so long articles stay linear.

The steps ask the same questions many times per article: which mentions lie in a span,
which quotations overlap a sentence. Scanning every mention for each question makes a long
article quadratic; these helpers answer from an index built once per list and kept while
that list lives (see kb.ingest.text.memo).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from kb.ingest.text.memo import Kept
from kb.ingest.types import MentionProposal

_kept = Kept(16)


def _starts(spans: Sequence[Any]) -> tuple[list[int], int] | None:
    """Start offsets of spans sorted by start and the longest span, or None if unsorted."""
    starts = [s.start for s in spans]
    if any(a > b for a, b in zip(starts, starts[1:], strict=False)):
        return None
    return starts, max((s.end - s.start for s in spans), default=0)


def _sorted_index(spans: Iterable[Any]) -> tuple[list[int], int] | None:
    return _kept.index(spans, len(spans), _starts) if isinstance(spans, list) else None


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
    ends = _kept.index(pairs, len(pairs), _pair_ends)
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
