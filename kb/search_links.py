"""What a search query names: actors, and the rows linked to them (kb/search.py).

When a query names actors by a name or alias (``actors.lookup``), the search follows them to
the same rows as the actor's page lists: the articles mentioning them (as the stored
``article_count``), the events they take part in and the claims they make or are about.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from actors.lookup import fold, name_matches, named_actors
from actors.models import Actor
from articles.models import Claim, Mention
from events.models import Event, Participant


@dataclass
class Named:
    """How the query scored against actor names (``matches``) and the actors it names."""

    matches: dict[int, tuple[float, str]]
    actors: dict[int, Actor]  # the named actors (visible ones)
    given: dict[int, str]  # actor id → the name or alias the query gave

    def label(self, actor_id: int) -> str:
        actor, given = self.actors[actor_id], self.given[actor_id]
        if fold(given) == fold(actor.name):
            return f"via {actor.name}"
        return f"via alias “{given}” → {actor.name}"


def named_by(q: str) -> Named:
    """The actors ``q`` names (by name, alias or spelling variant), read once per search."""
    matches = name_matches(q)
    given = named_actors(q, matches)
    actors = Actor.objects.visible().in_bulk(list(given)) if given else {}
    return Named(matches, actors, {pk: given[pk] for pk in actors})


def _first_actor(pairs) -> dict[int, int]:
    """Row id → the first named actor it is linked to, from (row id, actor id) pairs."""
    linked: dict[int, int] = {}
    for row_id, actor_id in pairs:
        linked.setdefault(row_id, actor_id)
    return linked


def linked_articles(named: Named, limit: int) -> dict[int, int]:
    """Article id → named actor: the articles mentioning the named actors (newest first)."""
    if not named.actors:
        return {}
    mentions = Mention.objects.filter(actor_id__in=list(named.actors)).order_by("-article_id")
    return _first_actor(mentions.values_list("article_id", "actor_id").distinct()[:limit])


def linked_events(named: Named, limit: int) -> dict[int, int]:
    """Event id → named actor: the events the named actors take part in (newest first)."""
    if not named.actors:
        return {}
    roles = Participant.objects.filter(actor_id__in=list(named.actors)).order_by("-event_id")
    return _first_actor(roles.values_list("event_id", "actor_id").distinct()[:limit])


def linked_claims(named: Named, limit: int) -> dict[int, int]:
    """Claim id → named actor: the claims the named actors make or are the subject of."""
    if not named.actors:
        return {}
    ids = list(named.actors)
    made = Claim.objects.filter(claimant_id__in=ids).order_by("-pk")
    about = Claim.subjects.through.objects.filter(actor_id__in=ids).order_by("-claim_id")
    pairs = list(made.values_list("pk", "claimant_id")[:limit])
    pairs += about.values_list("claim_id", "actor_id")[:limit]
    return _first_actor(sorted(pairs, key=lambda pair: -pair[0])[:limit])


@dataclass
class NamedActor:
    """An actor the query names, with how many rows the search follows it to."""

    actor: Actor
    given: str
    articles: int
    events: int
    claims: int


def named_summary(named: Named, *, verified: bool = False) -> list[NamedActor]:
    """The named actors with their article, event and claim counts, as their pages count.

    Articles: the stored ``article_count`` (the page's "Articles that mention"); events and
    claims: the visible ones it takes part in, makes or is the subject of. At most
    ``MAX_NAMED`` actors, three counts each. With ``verified``, only verified events and claims.
    """
    events = Event.objects.visible()
    claims = Claim.objects.visible()
    if verified:
        events, claims = events.filter(status="verified"), claims.filter(status="verified")
    summary = []
    for pk, actor in sorted(named.actors.items(), key=lambda kv: kv[1].name):
        about = Claim.subjects.through.objects.filter(actor_id=pk).values("claim_id")
        linked_claims = claims.filter(Q(claimant_id=pk) | Q(pk__in=about))
        summary.append(
            NamedActor(
                actor,
                named.given[pk],
                actor.article_count,
                events.involving(actor).count(),
                linked_claims.count(),
            )
        )
    return summary
