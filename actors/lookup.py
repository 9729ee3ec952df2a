"""Which actors a search query names: by name or any alias, tolerant of spelling variants.

The query is folded like ``Alias.normalized`` (``fold_text``: case, diacritics, apostrophes,
hyphens) and compared with ``Alias.normalized`` and the folded actor names of a bounded
candidate set (at most ``ACTOR_CANDIDATES`` aliases and names with a word starting with the
first letter of a query word), scored by ``name_score``. The site search lists these actors,
and follows the ones the query *names* (``named_actors``) to their articles, events and claims.
"""

from __future__ import annotations

from django.db.models import Q

from actors.models import Actor, Alias
from actors.names import fold_text, name_score

ACTOR_CANDIDATES = 5000
# A query names an actor when it is one of its names or aliases, a spelling variant of one
# (85+: the consonant skeletons agree) or, from two words on, a whole-word part of one ("Hashd
# al Shaabi" of "al-Hashd al-Shaabi"), and few actors are named that well. One word inside a
# longer alias ("Force" of "Qods Force") names nothing.
NAMED_SCORE = 85.0
MAX_NAMED = 3


def fold(text: str) -> str:
    """Fold as Alias.normalized is folded (case, diacritics, apostrophes), spaces collapsed."""
    return " ".join(fold_text(text or "").split())


def name_matches(q: str) -> dict[int, tuple[float, str]]:
    """Actor id → (score 0–100, the name or alias that scored best) for the query."""
    folded = fold(q)
    words = folded.split()
    if not words:
        return {}
    letters = {w[0] for w in words}
    alias_q, name_q = Q(), Q()
    for ch in letters:
        alias_q |= Q(normalized__startswith=ch) | Q(normalized__contains=f" {ch}")
        name_q |= Q(name__istartswith=ch) | Q(name__icontains=f" {ch}")
    best: dict[int, tuple[float, str]] = {}

    def consider(actor_id: int, text: str, normalized: str) -> None:
        score = name_score(folded, normalized)
        if score and score > best.get(actor_id, (0.0, ""))[0]:
            best[actor_id] = (score, text)

    aliases = Alias.objects.filter(alias_q).values_list("actor_id", "text", "normalized")
    for actor_id, text, normalized in aliases[:ACTOR_CANDIDATES]:
        consider(actor_id, text, fold(normalized))
    for actor_id, name in Actor.objects.filter(name_q).values_list("pk", "name")[:ACTOR_CANDIDATES]:
        consider(actor_id, name, fold(name))
    return best


def named_actors(q: str, matches: dict[int, tuple[float, str]]) -> dict[int, str]:
    """Actor id → the name or alias the query gave, for the actors the query names.

    The best-scoring actors, if they score ``NAMED_SCORE`` or more on a one-word name or alias
    (for a one-word query) and are at most ``MAX_NAMED``; a query matching more equally well
    names none of them.
    """
    size = len(fold(q).split())
    whole = {
        pk: (score, text)
        for pk, (score, text) in matches.items()
        if score >= NAMED_SCORE and (size >= 2 or len(fold(text).split()) == 1)
    }
    if not whole:
        return {}
    top = max(score for score, _ in whole.values())
    named = {pk: text for pk, (score, text) in whole.items() if score == top}
    return named if len(named) <= MAX_NAMED else {}
