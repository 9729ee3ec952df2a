"""A cheap necessary condition for a regular expression to match: its possible first words.

``re`` scans a pattern that opens with ``\\b`` or an alternation position by position, which
is slow when dozens of cue patterns run over every sentence. :func:`gate` reads a compiled
pattern and returns the literal strings one of which every match must start with (or None
when it cannot tell); ``any(p in text for p in prefixes)`` is then a fast pre-test that
never rejects text the pattern would match.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from operator import le
from typing import Any

import ahocorasick

try:  # the parser behind ``re``; without it the gates stay open
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - other Python versions
    _p = _c = None

_MAX_PREFIXES = 64
_MAX_LENGTH = 8


def _prefixes(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Literal strings one of which starts every match of ``items``; None: no constraint."""
    if not items:
        return None
    op, av = items[0]
    rest = items[1:]
    if op is _c.LITERAL:
        tail = _prefixes(rest)
        char = chr(av)
        return {char} if tail is None else {(char + t)[:_MAX_LENGTH] for t in tail}
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _prefixes(rest)  # zero-width: the match goes on with what follows
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        if add_flags & re.IGNORECASE or del_flags:
            return None
        return _prefixes(list(body.data) + list(rest))
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            found = _prefixes(list(alt.data) + list(rest))
            if found is None:
                return None
            out |= found
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, body = av
        first = _prefixes(list(body.data))
        if low >= 1:
            return first
        after = _prefixes(rest)
        return None if first is None or after is None else first | after
    if op is _c.IN and all(o is _c.LITERAL for o, _ in av) and len(av) <= 4:
        tail = _prefixes(rest)
        chars = [chr(a) for _, a in av]
        if tail is None:
            return set(chars)
        return {(ch + t)[:_MAX_LENGTH] for ch in chars for t in tail}
    return None


def _suffixes(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Literal strings one of which ends every match of ``items``: :func:`_prefixes` read
    from the other end. None: no constraint."""
    if not items:
        return None
    op, av = items[-1]
    rest = items[:-1]
    if op is _c.LITERAL:
        head = _suffixes(rest)
        char = chr(av)
        return {char} if head is None else {(h + char)[-_MAX_LENGTH:] for h in head}
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _suffixes(rest)  # zero-width: the match ends with what comes before
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        if add_flags & re.IGNORECASE or del_flags:
            return None
        return _suffixes(list(rest) + list(body.data))
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            found = _suffixes(list(rest) + list(alt.data))
            if found is None:
                return None
            out |= found
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, body = av
        last = _suffixes(list(body.data))
        if low >= 1:
            return last
        before = _suffixes(rest)
        return None if last is None or before is None else last | before
    if op is _c.IN and all(o is _c.LITERAL for o, _ in av) and len(av) <= 4:
        head = _suffixes(rest)
        chars = [chr(a) for _, a in av]
        if head is None:
            return set(chars)
        return {(h + ch)[-_MAX_LENGTH:] for ch in chars for h in head}
    return None


# Characters ``re.IGNORECASE`` matches to an ASCII letter that ``str.lower`` does not map to it.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_NEEDS_FOLD = re.compile("[\u0130\u0131\u017f\u212a]")


def fold_case(text: str) -> str:
    """``text`` lowered so that :func:`gate_folded` prefixes can be looked up in it."""
    if _NEEDS_FOLD.search(text) is None:
        return text.lower()  # ``translate`` is slow, and these characters are rare
    return text.translate(_FOLD).lower()


def gate(pattern: re.Pattern[str], *, ends: bool = False) -> tuple[str, ...] | None:
    """Literal prefixes every match of ``pattern`` starts with; None when unknown.

    ``ends``: the literal strings every match ends with instead.
    """
    if pattern.flags & re.IGNORECASE:
        return None
    return _gate(pattern, _suffixes if ends else _prefixes)


def gate_folded(pattern: re.Pattern[str], *, ends: bool = False) -> tuple[str, ...] | None:
    """For a case-insensitive pattern: lowercase ASCII prefixes to test in ``fold_case(text)``.

    ``ends``: the strings every match ends with instead (a second, independent condition).
    """
    if not pattern.flags & re.IGNORECASE:
        return None
    found = _gate(pattern, _suffixes if ends else _prefixes)
    if found is None or not all(p.isascii() for p in found):
        return None
    return tuple(dict.fromkeys(p.lower() for p in found))


def _gate(pattern: re.Pattern[str], literals: Any = _prefixes) -> tuple[str, ...] | None:
    if _p is None:
        return None
    try:
        found = literals(list(_p.parse(pattern.pattern, pattern.flags).data))
    except Exception:  # an unusual construct: no gate rather than a wrong one
        return None
    if found is None or "" in found or len(found) > _MAX_PREFIXES:
        return None
    # a prefix (or suffix) that contains another is redundant: the shorter one is found too
    kept = sorted(found, key=len)
    minimal = [p for i, p in enumerate(kept) if not any(q in p for q in kept[:i])]
    return tuple(minimal)


def may_match(prefixes: tuple[str, ...] | None, text: str) -> bool:
    """Whether ``text`` could hold a match, by the gate from :func:`gate`."""
    return prefixes is None or any(p in text for p in prefixes)


def ordered_spans(spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``spans`` are sorted and do not overlap (as the sentences of a text are)."""
    ends = [e for _, e in spans[:-1]]
    return all(map(le, ends, [s for s, _ in spans[1:]]))


def spans_passing(
    text: str, spans: Sequence[tuple[int, int]], prefixes: tuple[str, ...] | None
) -> set[int] | None:
    """Indexes of the ``spans`` of ``text`` that pass a gate; None when every span passes.

    The same as ``{i for i, (s, e) in enumerate(spans) if may_match(prefixes, text[s:e])}``
    with one pass over ``text`` per prefix instead of one test per span and prefix.
    """
    if prefixes is None:
        return None
    if not ordered_spans(spans):
        return {i for i, (s, e) in enumerate(spans) if may_match(prefixes, text[s:e])}
    starts = [s for s, _ in spans]
    out: set[int] = set()
    for prefix in prefixes:
        at = text.find(prefix)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            if i >= 0 and at + len(prefix) <= spans[i][1]:
                out.add(i)
                at = text.find(prefix, spans[i][1])  # this span passes: on to the next ones
            else:
                at = text.find(prefix, at + 1)
    return out


class Gates:
    """The prefixes of several gates, tested against a text in one pass."""

    def __init__(self, gates: Iterable[tuple[str, ...] | None]):
        gates = list(gates)
        self.prefixes = tuple(sorted({p for g in gates if g for p in g}))
        self._open = frozenset(i for i, g in enumerate(gates) if g is None)
        self._gates_of: dict[str, set[int]] = {}
        for i, g in enumerate(gates):
            for p in g or ():
                self._gates_of.setdefault(p, set()).add(i)
        # Every occurrence of every prefix, overlapping ones included, in one pass in C.
        self._automaton: ahocorasick.Automaton | None = None
        if self.prefixes:
            self._automaton = ahocorasick.Automaton()
            for prefix in self.prefixes:
                self._automaton.add_word(prefix, prefix)
            self._automaton.make_automaton()
        self._passed: dict[frozenset[str], frozenset[int]] = {}

    def present(self, text: str) -> frozenset[str]:
        """The prefixes found in ``text``; a gate passes when it shares one with this set."""
        if self._automaton is None:
            return frozenset()
        return frozenset(prefix for _, prefix in self._automaton.iter(text))

    def passing(self, text: str) -> frozenset[int]:
        """Indexes of the gates (in the order given) that ``text`` passes."""
        return self._passing_with(self.present(text))

    def _passing_with(self, present: Iterable[str]) -> frozenset[int]:
        key = frozenset(present)
        passed = self._passed.get(key)
        if passed is None:  # texts share few distinct sets of prefixes: keep the answers
            if len(self._passed) >= 4096:
                self._passed.clear()
            passed = set(self._open)
            for prefix in key:
                passed |= self._gates_of[prefix]
            passed = self._passed[key] = frozenset(passed)
        return passed

    def passing_spans(self, text: str, spans: Sequence[tuple[int, int]]) -> list[frozenset[int]]:
        """``[self.passing(text[s:e]) for s, e in spans]``, from one scan of ``text``."""
        if not ordered_spans(spans):
            return [self.passing(text[s:e]) for s, e in spans]
        present: list[set[str]] = [set() for _ in spans]
        starts = [s for s, _ in spans]
        for last, prefix in self._automaton.iter(text) if self._automaton else ():
            i = bisect_right(starts, last + 1 - len(prefix)) - 1
            if i >= 0 and last < spans[i][1]:  # starts and ends inside span i
                present[i].add(prefix)
        return [self._passing_with(p) for p in present]
