"""A cheap necessary condition for a regular expression to match: its possible first words.

``re`` scans a pattern that opens with ``\\b`` or an alternation position by position, which
is slow when dozens of cue patterns run over every sentence. :func:`gate` reads a compiled
pattern and returns the literal strings one of which every match must start with (or None
when it cannot tell); ``any(p in text for p in prefixes)`` is then a fast pre-test that
never rejects text the pattern would match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

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


# Characters ``re.IGNORECASE`` matches to an ASCII letter that ``str.lower`` does not map to it.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_case(text: str) -> str:
    """``text`` lowered so that :func:`gate_folded` prefixes can be looked up in it."""
    return text.translate(_FOLD).lower()


def gate(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal prefixes every match of ``pattern`` starts with; None when unknown."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _gate(pattern)


def gate_folded(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """For a case-insensitive pattern: lowercase ASCII prefixes to test in ``fold_case(text)``."""
    if not pattern.flags & re.IGNORECASE:
        return None
    found = _gate(pattern)
    if found is None or not all(p.isascii() for p in found):
        return None
    return tuple(dict.fromkeys(p.lower() for p in found))


def _gate(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    if _p is None:
        return None
    try:
        found = _prefixes(list(_p.parse(pattern.pattern, pattern.flags).data))
    except Exception:  # an unusual construct: no gate rather than a wrong one
        return None
    if found is None or "" in found or len(found) > _MAX_PREFIXES:
        return None
    # a prefix that contains another is redundant: the shorter one is found first
    kept = sorted(found, key=len)
    minimal = [p for i, p in enumerate(kept) if not any(q in p for q in kept[:i])]
    return tuple(minimal)


def may_match(prefixes: tuple[str, ...] | None, text: str) -> bool:
    """Whether ``text`` could hold a match, by the gate from :func:`gate`."""
    return prefixes is None or any(p in text for p in prefixes)


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
        # At each position the trie pattern reports the longest prefix starting there; the
        # shorter ones starting there are its own prefixes.
        self._finder = re.compile(f"(?=({_trie(self.prefixes)}))") if self.prefixes else None
        self._shorter = {
            p: frozenset(q for q in self.prefixes if p.startswith(q)) for p in self.prefixes
        }

    def present(self, text: str) -> frozenset[str]:
        """The prefixes found in ``text``; a gate passes when it shares one with this set."""
        if self._finder is None:
            return frozenset()
        found: set[str] = set()
        for longest in set(self._finder.findall(text)):
            found |= self._shorter[longest]
        return frozenset(found)

    def passing(self, text: str) -> frozenset[int]:
        """Indexes of the gates (in the order given) that ``text`` passes."""
        passed = set(self._open)
        for prefix in self.present(text):
            passed |= self._gates_of[prefix]
        return frozenset(passed)


def _trie(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, factored by common prefix, longest match first."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return emit(root)
