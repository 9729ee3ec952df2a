"""Who a phrase stands for: mentions in a span, demonyms, pronouns and definite descriptions.

Shared by claims (who is the claimant) and events (who took part). Everything here works on
the catalog and the actor mentions the matcher found; nothing is specific to one article.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kb.ingest.catalog import Catalog, catalog_actor, metonym_patterns, state_by_name
from kb.ingest.text import prefilter
from kb.ingest.text.prefilter import fold_case
from kb.ingest.text.spans import inside, within
from kb.ingest.types import MentionProposal

# Demonym → the country's name in the catalog; resolved to a key through the catalog.
DEMONYMS = {
    "iraqi": "Iraq", "iranian": "Iran", "american": "United States", "u.s.": "United States",
    "us": "United States", "israeli": "Israel", "syrian": "Syria", "saudi": "Saudi Arabia",
    "turkish": "Turkey", "russian": "Russia", "british": "United Kingdom", "french": "France",
    "chinese": "China", "lebanese": "Lebanon", "jordanian": "Jordan", "kuwaiti": "Kuwait",
    "qatari": "Qatar", "emirati": "United Arab Emirates", "yemeni": "Yemen",
    "egyptian": "Egypt", "afghan": "Afghanistan", "afghani": "Afghanistan",
}  # fmt: skip
PEOPLE = {
    "iraqis": "Iraq", "iranians": "Iran", "americans": "United States", "israelis": "Israel",
    "syrians": "Syria", "saudis": "Saudi Arabia", "turks": "Turkey", "russians": "Russia",
    "afghans": "Afghanistan",
}  # fmt: skip
# Nouns for people who speak or act for an institution: "officials of X" stand for X.
ROLE_NOUNS = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "representative",
    "representatives", "member", "members", "leader", "leaders", "leadership", "commander",
    "commanders", "minister", "ministers", "ministry", "adviser", "advisers", "advisor",
    "advisors", "envoy", "envoys", "ambassador", "diplomat", "diplomats", "source", "sources",
    "military", "forces", "troops", "government", "administration", "authorities",
    "lawmakers", "negotiators", "intelligence", "officers", "generals", "soldiers",
    "parliament", "regime", "army", "militias", "militiamen", "fighters", "spokesmen",
    "counterparts", "delegation", "president", "head", "chief", "statement", "report",
    "command", "units", "aircraft", "drones", "jets", "warplanes", "planes",
}  # fmt: skip
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"it", "they", "them", "its", "their"}
_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
_LED_BODY = re.compile(r"\b(?:administration|government|regime|cabinet) of\b")


@lru_cache(maxsize=256)
def _head_pattern(head: str) -> re.Pattern[str]:
    """A noun phrase of up to four words ending in ``head``; compiled once per head."""
    return re.compile(rf"((?:[\w'’-]+\s+){{0,4}}){re.escape(head)}\b", re.I)


def actor_kind(catalog: Catalog, key: str) -> str:
    """The catalog kind of an actor key, "" when unknown."""
    actor = catalog_actor(catalog, key)
    return actor.kind if actor else ""


def is_person(catalog: Catalog, key: str) -> bool:
    """Whether the catalog lists ``key`` as a person."""
    return actor_kind(catalog, key) == "person"


def state_key(catalog: Catalog, country_name: str) -> str | None:
    """The key of the state actor called ``country_name``, if the catalog has one."""
    return state_by_name(catalog, country_name)


def demonym_key(catalog: Catalog, word: str, *, people: bool = False) -> str | None:
    """The state a demonym ("Iraqi", "American-led") or, with ``people``, a plural names."""
    w = word.lower().rstrip(",")
    if w.endswith("-led") or w.endswith("-backed"):
        return None  # "Iran-backed militias" are not Iran
    name = DEMONYMS.get(w) or (PEOPLE.get(w) if people else None)
    return state_key(catalog, name) if name else None


def led_by(catalog: Catalog, person: str) -> str | None:
    """The government body a person leads, for "the administration of <person>"."""
    for rel in getattr(catalog, "relationships", []):
        kind = actor_kind(catalog, rel.target)
        if rel.source == person and rel.kind == "leads" and kind == "government_body":
            return rel.target
    return None


def demonym_in(text: str, catalog: Catalog, *, people: bool = False) -> str | None:
    """The first demonym in ``text`` that qualifies a role noun ("Iraqi officials")."""
    words = _WORD.findall(text)
    for i, word in enumerate(words):
        if word.lower().endswith("-led"):
            key = demonym_key(catalog, word.split("-")[0])
            if key:
                return key
            continue
        key = demonym_key(catalog, word, people=people)
        if key is None:
            continue
        if people and word.lower() in PEOPLE:
            return key
        rest = [w.lower() for w in words[i + 1 : i + 6]]
        if any(w in ROLE_NOUNS for w in rest):
            return key
    return None


def head_of_span(
    text: str, start: int, end: int, mentions: list[MentionProposal], catalog: Catalog
) -> str | None:
    """The actor a noun phrase stands for, from its mentions or a demonym."""
    found = inside(mentions, start, end)
    phrase = text[start:end]
    if found:
        first = found[0]
        lead = text[start : first.start].strip().lower()
        if is_person(catalog, first.actor) and (
            not lead or lead in ("the", "a", "an") or lead.endswith(("president", "leader"))
        ):
            return first.actor
        persons = [m for m in found if is_person(catalog, m.actor)]
        before = text[start : found[-1].start].lower()
        if persons and _LED_BODY.search(before):
            return led_by(catalog, persons[-1].actor) or persons[-1].actor
        return found[-1].actor
    return demonym_in(phrase, catalog)


def metonym_in(phrase: str, catalog: Catalog) -> str | None:
    """An actor whose metonym ("the Pentagon", "Tehran") names the speaker of a phrase."""
    found = None
    for key, pattern in metonym_patterns(catalog, phrase):
        if pattern.search(phrase):
            found = key
    return found


def nearest_before(
    pos: int,
    mentions: list[MentionProposal],
    catalog: Catalog,
    *,
    person: bool,
    floor: int = 0,
) -> MentionProposal | None:
    """The closest mention before ``pos`` (and after ``floor``) of a person or of a body."""
    for m in sorted(within(mentions, floor, pos), key=lambda m: -m.start):
        if is_person(catalog, m.actor) == person:
            return m
    return None


def same_head_before(text: str, pos: int, head: str, floor: int) -> tuple[int, int] | None:
    """Span of the closest earlier noun phrase ending in ``head`` ("opposition groups")."""
    if prefilter.ENABLED and head.isascii() and head.lower() not in fold_case(text[floor:pos]):
        return None  # a cheap test first: every match holds the head word itself
    pattern = _head_pattern(head)
    best = None
    for m in pattern.finditer(text, floor, pos):
        words = m.group(1).lower().split()
        if words and words[-1] in ("the", "these", "those", "this", "that"):
            continue  # another definite reference, not the antecedent
        best = m.span()
    return best
