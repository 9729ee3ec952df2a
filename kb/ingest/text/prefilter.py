"""Literal pre-tests that let a pattern skip text it cannot match: ingest's one speed boundary.

``re`` scans a pattern that opens with ``\\b`` or an alternation position by position, which
is slow when dozens of cue patterns run over every sentence. :func:`gate` reads a compiled
pattern (kb.ingest.text.literals, public ``re`` API only) and returns the literal strings one
of which every match must start with (or end with), or None when it cannot tell; a text
holding none of them cannot match, so the pattern need not run there. The pre-tests never
reject text the pattern would match: the tests compare every shortcut with the plain form.

Set ``ENABLED = False`` to switch every pre-test off (patterns then run on every sentence, as
the plain form does); the literal pre-tests of the date patterns (kb.ingest.text.dates) and
of definite descriptions (kb.ingest.link.coref) follow the same switch.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from operator import le

import ahocorasick

from kb.ingest.text import literals

#: False: no pre-test skips anything (the plain form the shortcuts are compared with).
ENABLED = True

_MAX_PREFIXES = 64

#: A pattern's two pre-tests: strings every match starts with, strings it ends with.
PatternGates = tuple[tuple[str, ...] | None, tuple[str, ...] | None]


def gate(pattern: re.Pattern[str], *, ends: bool = False) -> tuple[str, ...] | None:
    """Literal prefixes every match of ``pattern`` starts with; None when unknown.

    ``ends``: the literal strings every match ends with instead.
    """
    if pattern.flags & re.IGNORECASE:
        return None
    return _gate(pattern, ends=ends)


def gate_folded(pattern: re.Pattern[str], *, ends: bool = False) -> tuple[str, ...] | None:
    """For a case-insensitive pattern: lowercase ASCII prefixes to test in ``fold_case(text)``.

    ``ends``: the strings every match ends with instead (a second, independent condition).
    """
    if not pattern.flags & re.IGNORECASE:
        return None
    found = _gate(pattern, ends=ends)
    if found is None or not all(p.isascii() for p in found):
        return None
    return tuple(dict.fromkeys(p.lower() for p in found))


def pattern_gates(pattern: re.Pattern[str]) -> PatternGates:
    """Both pre-tests of a pattern run over every sentence (looked up in the folded text,
    see :func:`fold_case`, when the pattern ignores case)."""
    make = gate_folded if pattern.flags & re.IGNORECASE else gate
    return make(pattern), make(pattern, ends=True)


def _gate(pattern: re.Pattern[str], *, ends: bool) -> tuple[str, ...] | None:
    found = literals.ends(pattern) if ends else literals.starts(pattern)
    if found is None or "" in found or len(found) > _MAX_PREFIXES:
        return None
    # a prefix (or suffix) that contains another is redundant: the shorter one is found too
    kept = sorted(found, key=len)
    minimal = [p for i, p in enumerate(kept) if not any(q in p for q in kept[:i])]
    return tuple(minimal)


# Characters ``re.IGNORECASE`` matches to an ASCII letter that ``str.lower`` does not map to it.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_NEEDS_FOLD = re.compile("[\u0130\u0131\u017f\u212a]")


def fold_case(text: str) -> str:
    """``text`` lowered so that :func:`gate_folded` prefixes can be looked up in it."""
    if _NEEDS_FOLD.search(text) is None:
        return text.lower()  # ``translate`` is slow, and these characters are rare
    return text.translate(_FOLD).lower()


def may_match(prefixes: tuple[str, ...] | None, text: str) -> bool:
    """Whether ``text`` could hold a match, by the gate from :func:`gate`."""
    return prefixes is None or not ENABLED or any(p in text for p in prefixes)


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
    if prefixes is None or not ENABLED:
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


def sentences_passing(
    text: str, sentences: list[tuple[int, int]], gates: PatternGates
) -> set[int] | None:
    """Indexes of the sentences of ``text`` that pass both of a pattern's gates; None: all.

    The gate with the longer strings (likely the rarer) is looked up in one pass over the
    text; the other one only in the sentences that passed the first.
    """
    first, second = sorted(gates, key=lambda g: -min(map(len, g)) if g else 0)
    passing = spans_passing(text, sentences, first)
    if second is None:
        return passing
    maybe = range(len(sentences)) if passing is None else sorted(passing)
    return {i for i in maybe if may_match(second, text[sentences[i][0] : sentences[i][1]])}


def passes(passing: set[int] | None, idx: int) -> bool:
    """Whether sentence ``idx`` passes gates computed by :func:`sentences_passing`."""
    return passing is None or idx in passing


class Gates:
    """The prefixes of several gates, tested against a text in one pass."""

    def __init__(self, gates: Iterable[tuple[str, ...] | None]):
        gates = list(gates)
        self._all = frozenset(range(len(gates)))
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
        if not ENABLED:
            return self._all
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
        if not ENABLED:
            return [self._all] * len(spans)
        if not ordered_spans(spans):
            return [self.passing(text[s:e]) for s, e in spans]
        present: list[set[str]] = [set() for _ in spans]
        starts = [s for s, _ in spans]
        for last, prefix in self._automaton.iter(text) if self._automaton else ():
            i = bisect_right(starts, last + 1 - len(prefix)) - 1
            if i >= 0 and last < spans[i][1]:  # starts and ends inside span i
                present[i].add(prefix)
        return [self._passing_with(p) for p in present]
