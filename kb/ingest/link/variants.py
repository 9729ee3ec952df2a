"""Names the catalog knows in other words, and names longer than the alias found in them.

- **Spelling variants**: a candidate whose words have the spelling skeletons of a catalog
  name or alias ("Kait'ib Sayyid al-Shuhada" → Kataib Sayyid al-Shuhada) is that actor
  (rule ``spelling_variant``).
- **Longest match wins**: an alias with an unknown capitalised word glued before it
  ("Kait’ib Hezbollah") is part of a longer name, not a mention of the shorter actor
  (Hezbollah); the longer name is the catalog actor when it is a spelling variant of one,
  otherwise it is left to the candidate finder.
- **Also known as**: "X (also known as Y)", "X, also known as the Y": a candidate on one
  side of the phrase is the catalog actor on the other (rule ``also_known_as``).
- **Acronyms of terms**: "Foreign Terrorist Organization (FTO)", "status of forces agreement
  (SOFA)", "Memorandum of Understanding (MOU)": a term and its acronym are not actors;
  neither is an acronym spelled out by a known actor ("Council of Representatives (COR)").
"""

# ruff: noqa: SIM905  (word lists read best as one string)
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from actors.names import fold_text, skeleton
from kb.ingest.catalog import Catalog
from kb.ingest.types import CandidateProposal, MentionProposal, PlaceMention

# (confidence, rule): (right + 1) / (total + 2) on the seeds and dev set
VARIANT_RULE = (0.83, "spelling_variant")
AKA_RULE = (0.5, "also_known_as")  # no case on the dev set yet: (0 + 1) / (0 + 2)

_CONNECTORS = {"of", "the", "and", "for", "on", "in", "al", "el"}
# Words that make a capitalised phrase a term (a list, a law, a pact), not an actor's name.
TERM_WORDS = frozenset(
    "agreement accord act memorandum understanding order terrorist terrorists nationals "
    "designation designations list resolution law treaty program programme plan framework "
    "initiative doctrine status convention protocol sanctions regulation regulations "
    "amendment charter statute".split()
)
# A capitalised word before an alias that does not start a longer name.
_NOT_NAME_START = frozenset(
    "a an the in on at to of for from by with and or but as if when while after before since "
    "this that these those its his her their our we they he she it i you then now today "
    "yesterday also both all each every no not new former late top senior some many most "
    "lebanese iranian iraqi american syrian israeli palestinian saudi yemeni kurdish shia "
    "shiite sunni muslim arab western eastern northern southern president minister prime "
    "secretary general gen leader chief commander spokesman ayatollah sheikh sayyid "
    "state defense defence foreign interior vice deputy acting supreme grand special army "
    "navy air force forces staff joint national security spokeswoman spokesperson ambassador "
    "envoy governor director chairman speaker adviser advisor admiral colonel major captain "
    "lieutenant sergeant brigadier king prince emir cleric imam sen senator rep "
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)
_WORD_BEFORE = re.compile(r"([A-Z][\w'’]*) $")
_AKA_BEFORE = re.compile(r"(?:[(,]\s*|\s)(?:also\s+|otherwise\s+)?known\s+as\s+(?:the\s+)?$")
_AKA_AFTER = re.compile(r"\s*[(,]\s*(?:also\s+|otherwise\s+)?known\s+as\s+(?:the\s+)?")


def _key(name: str) -> tuple[str, ...]:
    words = fold_text(name.replace("’", "").replace("'", "")).replace("-", " ").split()
    return tuple(skeleton(w) for w in words if w not in _CONNECTORS)


class SpellingIndex:
    """Catalog names and aliases of two words or more by their spelling skeletons."""

    def __init__(self, entries: Iterable[tuple[str, str]], people: Iterable[str] = ()):
        # persons and states: a capitalised word before them is a first name or a headline's
        # capital ("Watch Iran"), never the start of a longer name hiding them
        self.people = frozenset(people)
        entries_list = list(entries)
        found: dict[tuple[str, ...], set[str]] = {}
        self._forms: dict[tuple[str, ...], list[str]] = {}
        for key, alias in entries_list:
            k = _key(alias)
            if len(k) >= 2 and any(len(s) >= 3 for s in k):
                found.setdefault(k, set()).add(key)
                self._forms.setdefault(k, []).append(fold_text(alias))
        self._keys = {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
        exact: dict[str, set[str]] = {}
        for key, alias in entries_list:
            exact.setdefault(fold_text(alias), set()).add(key)
        self._exact = {name: next(iter(v)) for name, v in exact.items() if len(v) == 1}

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> SpellingIndex:
        """Every actor's name and aliases."""
        return cls(
            ((a.key, alias) for a in catalog.actors for alias in (a.name, *a.aliases)),
            people=(a.key for a in catalog.actors if a.kind in ("person", "state")),
        )

    def named(self, name: str) -> str | None:
        """The one catalog actor with ``name`` as its name or an alias (folded), or None."""
        return self._exact.get(fold_text(name))

    def actor(self, name: str) -> str | None:
        """The one catalog actor ``name`` is a spelling of, or None."""
        k = _key(name)
        key = self._keys.get(k)
        if key is None:
            return None
        folded = fold_text(name)
        if max(fuzz.ratio(folded, form) for form in self._forms[k]) < 75:
            return None  # same consonants, different words
        return key


def _name_start(body: str, start: int, taken: Sequence[tuple[int, int]]) -> tuple[int, str] | None:
    """(start, word) of an unknown capitalised word glued before ``start`` by one space."""
    if start < 2 or body[start - 1] != " " or not body[start - 2].isalpha():
        return None  # cheap tests first: most aliases follow a lower-case word or punctuation
    if not body[body.rfind(" ", 0, start - 1) + 1 : start - 1][:1].isupper():
        return None
    m = _WORD_BEFORE.search(body, max(0, start - 40), start)
    if not m or m.end() != start:
        return None
    word = m.group(1)
    a = m.start(1)
    if word.casefold() in _NOT_NAME_START or word.endswith(("'s", "’s")) or len(word) < 3:
        return None
    before = body[max(0, a - 3) : a].rstrip(" \"“‘'(")
    if not before or before[-1] in ".!?:\n":
        return None  # a sentence's first word: capitalised for that reason
    if any(s < m.end(1) and a < e for s, e in taken):
        return None
    return a, word


def longest_match(
    body: str,
    mentions: list[MentionProposal],
    places: Iterable[PlaceMention],
    index: SpellingIndex,
) -> list[MentionProposal]:
    """Mentions with aliases found inside a longer unknown name removed or re-linked."""
    taken = [(m.start, m.end) for m in mentions] + [(p.start, p.end) for p in places]
    out: list[MentionProposal] = []
    for m in mentions:
        found = None if m.metonym else _name_start(body, m.start, taken)
        if found is None:
            out.append(m)
            continue
        start, _ = found
        if key := index.actor(body[start : m.end]):
            out.append(
                MentionProposal(key, start, m.end, body[start : m.end], False, *VARIANT_RULE)
            )
        elif m.actor in index.people:
            out.append(m)  # "Joe Biden" under alias "Biden", "Watch Iran" in a headline
        # else: the alias is inside a name the catalog does not know; no mention
    return out


def map_candidates(
    body: str,
    candidates: list[CandidateProposal],
    mentions: list[MentionProposal],
    index: SpellingIndex,
) -> tuple[list[MentionProposal], list[CandidateProposal]]:
    """Candidates that are catalog actors in other words become mentions of them."""
    kept: list[CandidateProposal] = []
    added: list[MentionProposal] = []
    for c in candidates:
        rule = VARIANT_RULE
        key = index.actor(c.name)
        if key is None and (key := _also_known_as(body, c, mentions)):
            rule = AKA_RULE
        if key is None:
            kept.append(c)
            continue
        for s, e in c.spans:
            if not (body[s:e].isupper() and e - s <= 6):  # its acronym stays unlinked
                added.append(MentionProposal(key, s, e, body[s:e], False, *rule))
    if not added:
        return mentions, kept
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end)), kept


def _also_known_as(
    body: str, candidate: CandidateProposal, mentions: list[MentionProposal]
) -> str | None:
    start, end = candidate.spans[0]
    if (m := _AKA_BEFORE.search(body, max(0, start - 40), start)) and m.end() == start:
        # the nearest mention before, with at most an acronym in brackets between
        for mention in reversed(mentions):
            if m.start() - 60 <= mention.end <= m.start():
                between = body[mention.end : m.start()]
                if re.fullmatch(r"\)?\s*(?:\([A-Z]{2,6}\))?\s*,?", between):
                    return mention.actor
                break
    if m := _AKA_AFTER.match(body, end):
        for mention in mentions:
            if mention.start == m.end():
                return mention.actor
    return None


def term_acronym(body: str, start: int, letters: str, mentions: Iterable[MentionProposal]) -> bool:
    """Whether the acronym at ``start`` spells out a term or a known actor written before it.

    The expansion is a run of words ending just before it (an aside such as ", as amended"
    allowed) whose initials give the acronym, "of", "and", "the" counted or skipped.
    """
    base = max(0, start - 120)
    words = list(re.finditer(r"[^\W\d_][\w'’\-]*", body[base:start]))
    for end_i in range(len(words) - 1, max(-1, len(words) - 4), -1):
        for i in range(end_i, max(-1, end_i - 2 * len(letters)), -1):
            phrase = [w.group() for w in words[i : end_i + 1]]
            if phrase[0].casefold() in _CONNECTORS or not _spells(phrase, letters.upper()):
                continue
            a, b = base + words[i].start(), base + words[end_i].end()
            known = any(m.start <= a and b <= m.end for m in mentions)
            return known or any(w.casefold() in TERM_WORDS for w in phrase)
    return False


def _spells(words: Sequence[str], letters: str) -> bool:
    """Whether the words' initials give ``letters``, connectors' initials optional."""
    if not words:
        return not letters
    first, rest = words[0], words[1:]
    if letters and first[0].upper() == letters[0] and _spells(rest, letters[1:]):
        return True
    return first.casefold() in _CONNECTORS and _spells(rest, letters)


def is_term_name(name: str) -> bool:
    """A capitalised phrase that names a term: "Foreign Terrorist Organization"."""
    return any(w.casefold() in TERM_WORDS for w in re.findall(r"[^\W\d_]+", name))
