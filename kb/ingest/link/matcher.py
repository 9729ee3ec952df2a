"""Find catalog actors and places in text: one Aho-Corasick automaton over folded aliases.

Matching happens on folded text (see :mod:`actors.names`), where every word
boundary is a space. Each alias is stored as ``" alias "`` and searched in ``" text "``, so
the automaton itself only reports word-bounded occurrences ("Iranian" never yields "Iran",
"crisis" never yields "ISIS"). Of overlapping occurrences the leftmost, then the longest,
wins. Short all-caps aliases ("US", "IS", "KH") are case-sensitive: they match only when
written in capitals (dotted forms such as "U.S." count as capitals).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import NamedTuple

import ahocorasick

from actors.names import Folded, fold, fold_text, letters
from kb.ingest.catalog import Catalog
from kb.ingest.types import MentionProposal, PlaceMention

_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


class AliasEntry(NamedTuple):
    """One alias of one key; ``case_sensitive=None`` means "decide from the alias"."""

    key: str
    alias: str
    case_sensitive: bool | None = None
    metonym: bool = False


class Match(NamedTuple):
    """An alias occurrence: ``text == body[start:end]``."""

    key: str
    start: int
    end: int
    text: str
    metonym: bool = False


def default_case_sensitive(alias: str) -> bool:
    """Short all-capital aliases ("US", "IS", "KH", "MEK") only match in capitals."""
    core = letters(alias)
    return 2 <= len(core) <= 4 and core.isupper() and core.isalpha()


def _dotted(alias: str) -> str | None:
    """The dotted spelling of a short acronym: "US" → "U.S."; None when not one."""
    core = letters(alias)
    if core == alias and 2 <= len(core) <= 4 and core.isupper() and core.isalpha():
        return ".".join(core) + "."
    return None


class AliasMatcher:
    """Word-bounded, longest-leftmost, non-overlapping alias search over folded text."""

    def __init__(self, entries: Iterable[tuple[str, str] | tuple[str, str, bool] | AliasEntry]):
        self._automaton = ahocorasick.Automaton()
        self._groups: list[list[AliasEntry]] = []
        index: dict[str, int] = {}
        for raw in entries:
            entry = AliasEntry(*raw)
            if entry.case_sensitive is None:
                entry = entry._replace(case_sensitive=default_case_sensitive(entry.alias))
            variants = [entry.alias]
            if entry.case_sensitive and (dotted := _dotted(entry.alias)):
                variants.append(dotted)
            for variant in variants:
                folded = fold_text(variant)
                if not folded:
                    continue
                if folded not in index:
                    index[folded] = len(self._groups)
                    self._groups.append([])
                    self._automaton.add_word(f" {folded} ", (len(folded) + 2, index[folded]))
                group = self._groups[index[folded]]
                if entry not in group:
                    group.append(entry)
        # A group every spelling of which links to one key needs no checks at match time.
        self._fixed = [self._fixed_key(group) for group in self._groups]
        self.size = len(self._groups)
        if self.size:
            self._automaton.make_automaton()

    @staticmethod
    def _fixed_key(group: list[AliasEntry]) -> tuple[str, bool] | None:
        if any(e.case_sensitive for e in group):
            return None
        plain = [e for e in group if not e.metonym] or group
        if len({e.key for e in plain}) > 1:
            return None
        return plain[0].key, plain[0].metonym

    def find(self, text: str, folded: Folded | None = None) -> list[Match]:
        """All alias occurrences in ``text``, left to right, without overlaps."""
        return [Match(*found) for found in self.spans(text, folded)]

    def spans(
        self, text: str, folded: Folded | None = None
    ) -> list[tuple[str, int, int, str, bool]]:
        """Like :meth:`find`, as plain (key, start, end, text, metonym) tuples: the hot path."""
        if not self.size:
            return []
        folded = folded or fold(text)
        # The key " alias " ends at padded index ``end``; padded index p is folded p-1.
        # Folded-to-original is monotonic, so choosing among overlaps happens in folded
        # coordinates and only the chosen matches are mapped back.
        raw = [
            (end - length + 1, -length, gid)
            for end, (length, gid) in self._automaton.iter(f" {folded.text} ")
        ]
        raw.sort()
        fixed, groups = self._fixed, self._groups
        fa, oa = folded.breakpoints
        result: list[tuple[str, int, int, str, bool]] = []
        last_end = -1
        for fstart, neg_length, gid in raw:
            fstop = fstart - neg_length - 2
            if fstart < last_end:
                continue
            if fa:  # inlined Folded.span: this loop runs once per alias occurrence
                j = bisect_right(fa, fstart) - 1
                k = bisect_right(fa, fstop - 1, j) - 1
                start, stop = oa[j] + fstart - fa[j], oa[k] + fstop - fa[k]
            else:
                start, stop = fstart, fstop
            if text[stop : stop + 1] == "." and _DOTTED.fullmatch(text, start, stop):
                stop += 1  # "U.S." keeps its last dot
            known = fixed[gid] or self._resolve(groups[gid], text[start:stop])
            if known:
                result.append((known[0], start, stop, text[start:stop], known[1]))
                last_end = fstop
        return result

    @staticmethod
    def _resolve(group: list[AliasEntry], surface: str) -> tuple[str, bool] | None:
        fits = [e for e in group if not e.case_sensitive or _same_case(surface, e.alias)]
        if not fits:
            return None
        plain = [e for e in fits if not e.metonym] or fits
        if len({e.key for e in plain}) > 1:
            return None  # the same words name two keys: linking either would be a guess
        return plain[0].key, plain[0].metonym


def _same_case(surface: str, alias: str) -> bool:
    """Whether ``surface`` is written as ``alias`` is, capitals included ("U.S." is "US")."""
    if alias.isupper():
        return surface.isupper()
    return letters(surface) == letters(alias)


# --- metonyms -------------------------------------------------------------------------------
# A metonym (a capital or a building standing for a government) links to its actor only
# where the text treats it as an agent. The rules, checked in this order:
#   1. an agent phrase or verb right before it: "loyal to", "backed by", "between",
#      "countering"; also the second of "between Washington and Tehran";
#   2. a locative word right before it ("in", "to", "from", "flew", ...) makes it a place,
#      unless a word for people, power or orders precedes ("leaders in Tehran",
#      "orders from Tehran");
#   3. a possessive right after it ("Tehran's");
#   4. a verb right after it, -ly adverbs allowed between ("Tehran recently ordered"): an
#      auxiliary or common verb, a word in -ed, or, when the metonym opens a clause
#      ("that Tehran provides"), a word in -s; "Washington and Tehran have" counts too.
# Anything else is a place.

_AGENT_BEFORE = {
    "loyal to", "backed by", "allied with", "allied to", "aligned with", "beholden to",
    "close to", "funded by", "armed by", "supported by", "sponsored by", "directed by",
    "ordered by", "controlled by", "tied to", "linked to", "answerable to", "proxies of",
    "proxy of", "proxies for", "support from", "pressure from", "help from",
    "pressure on", "sanctions on", "signal to", "message to", "warning to", "talks with",
    "relations with", "ties with", "deal with", "negotiate with", "negotiating with",
    "between", "against", "by", "countering", "counter", "confront", "confronting",
    "confronted", "deter", "deterring", "pressure", "pressuring", "pressured", "accused",
    "accusing", "blamed", "blaming", "warned", "urged", "told", "punish", "punishing",
    "sanctioned", "isolate", "isolating", "engage", "engaging", "supports", "backs",
    "opposes", "opposed", "criticized", "criticised", "condemned", "trust", "trusted",
}  # fmt: skip
_LOCATIVE = {
    "in", "to", "from", "at", "into", "near", "across", "around", "outside", "inside",
    "toward", "towards", "via", "through", "over", "of", "on", "within", "reached", "visited",
    "visit", "visiting", "arrived", "left", "flew", "landed", "returned", "traveled",
    "travelled",
}  # fmt: skip
_AGENT_NOUNS = {
    "leaders", "leader", "leadership", "officials", "official", "government", "regime",
    "authorities", "rulers", "hardliners", "policymakers", "decision-makers", "masters",
    "allies", "patrons", "sponsors", "backers", "administration", "diplomats", "those",
    "clerics", "establishment", "power", "powers", "strategists", "planners", "politicians",
    "orders", "instructions", "directives", "receive", "received", "receives", "take",
    "takes", "took", "taking",
}  # fmt: skip
_VERBS = {
    "is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could",
    "should", "may", "might", "must", "does", "did", "isn't", "wasn't", "hasn't", "won't",
    "wouldn't", "can't", "doesn't", "didn't", "haven't", "wants", "says", "said", "insists",
    "denies", "accuses", "claims", "warns", "sees", "saw", "fears", "hopes", "believes",
    "knows", "needs", "seeks", "sought", "continues", "remains", "became", "appears",
    "seems", "also", "still", "already", "now", "never", "then", "took", "gave", "sent",
    "made", "began", "ran", "told", "thinks", "thought",
}  # fmt: skip
_CLAUSE_OPENERS = {
    "that", "which", "while", "as", "because", "when", "and", "but", "if", "whether",
    "although", "though", "since", "so", "where", "after", "before", "until", "unless",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CLAUSE_END = re.compile(r"[.!?;:,\n]")
_PARTNER = re.compile(r"\s+(?:and|or)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?")


def _words_before(text: str, start: int, limit: int = 4) -> list[str]:
    window = text[max(0, start - 80) : start]
    cut = max(window.rfind(mark) for mark in ".!?;:,\n") + 1
    return [w.lower() for w in _WORD.findall(window, cut)][-limit:]


def _words_after(text: str, end: int, limit: int = 3) -> list[str]:
    window = text[end : end + 60]
    if window[:1] not in ("", " "):
        return []  # directly followed by punctuation: ", " or ")"
    match = _CLAUSE_END.search(window)
    window = window[: match.start()] if match else window
    return [w.lower() for w in _WORD.findall(window)][:limit]


def _verb_after(after: list[str], clause_start: bool) -> bool:
    words = list(after)
    while words and words[0].endswith("ly") and len(words[0]) > 3:
        words.pop(0)
    if not words:
        return False
    w = words[0]
    if w in _VERBS or (w.endswith("ed") and len(w) > 4):
        return True
    return clause_start and w.endswith("s") and not w.endswith(("ss", "us", "is"))


def is_agentive(text: str, start: int, end: int) -> bool:
    """Whether the metonym at ``text[start:end]`` stands for its actor (see rules above)."""
    before = _words_before(text, start)
    if before and (before[-1] in _AGENT_BEFORE or " ".join(before[-2:]) in _AGENT_BEFORE):
        return True
    if len(before) >= 2 and before[-1] == "and" and "between" in before[:-1]:
        return True
    if before and before[-1] in _LOCATIVE:
        head = [w for w in before[:-1] if w not in ("the", "a", "an", "their", "its")]
        return bool(head) and head[-1] in _AGENT_NOUNS
    if text[end : end + 2] in ("'s", "’s"):
        return True
    clause_start = not before or before[-1] in _CLAUSE_OPENERS
    partner = _PARTNER.match(text, end)
    if partner and _verb_after(_words_after(text, partner.end()), clause_start):
        return True
    return _verb_after(_words_after(text, end), clause_start)


# (confidence, rule) of a mention: a catalog name or alias as written, or a place name
# standing for an actor ("Tehran said"). Confidences: the share of actors each rule found
# that the gold names, on the dev set and seeds ((right + 1) / (total + 2)).
MENTION_RULES = {False: (0.94, "catalog_alias"), True: (0.88, "metonym")}


class ActorMatcher:
    """Actor mentions in a body, metonyms linked only where used as agents."""

    def __init__(self, matcher: AliasMatcher):
        self.matcher = matcher

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> ActorMatcher:
        """Build the automaton from every actor's name, aliases and metonyms."""
        entries: list[AliasEntry] = []
        for actor in catalog.actors:
            forced = actor.case_sensitive
            for alias in dict.fromkeys((actor.name, *actor.aliases, *forced)):
                entries.append(AliasEntry(actor.key, alias, True if alias in forced else None))
            for metonym in actor.metonyms:
                entries.append(AliasEntry(actor.key, metonym, None, True))
        return cls(AliasMatcher(entries))

    def find(self, text: str, folded: Folded | None = None) -> list[MentionProposal]:
        """Mention proposals for ``text``, with exact offsets."""
        return [
            MentionProposal(key, start, end, surface, metonym, *MENTION_RULES[metonym])
            for key, start, end, surface, metonym in self.matcher.spans(text, folded)
            if not metonym or is_agentive(text, start, end)
        ]


class PlaceMatcher:
    """Place mentions in a body, except where the words were linked to an actor."""

    def __init__(self, matcher: AliasMatcher):
        self.matcher = matcher

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> PlaceMatcher:
        """Build the automaton from every place's name and aliases."""
        entries = [
            AliasEntry(place.key, alias)
            for place in catalog.places
            for alias in dict.fromkeys((place.name, *place.aliases))
        ]
        return cls(AliasMatcher(entries))

    def find(
        self,
        text: str,
        folded: Folded | None = None,
        *,
        exclude: Iterable[tuple[int, int]] = (),
    ) -> list[PlaceMention]:
        """Place mentions in ``text`` not overlapping any ``exclude`` span."""
        taken = sorted(exclude)
        starts = [start for start, _ in taken]

        def excluded(start: int, end: int) -> bool:
            i = bisect_left(starts, end) - 1  # the last excluded span starting before ``end``
            return i >= 0 and taken[i][1] > start

        return [
            PlaceMention(key, start, end, surface)
            for key, start, end, surface, _ in self.matcher.spans(text, folded)
            if not excluded(start, end)
        ]
