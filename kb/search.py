"""Search across articles, actors, events and claims.

Design
------
* **PostgreSQL**: full-text search with ``websearch_to_tsquery('english', q)`` against the
  stored, weighted ``search_tsv`` column of articles, events and claims (a generated column
  with a GIN index, ``kb/migrations/0003_search_vectors.py``; read here with
  ``StoredVector``). Only the ``RANK_CANDIDATES`` newest matches (highest ids) are ranked
  with ``ts_rank`` over the stored vector, and only the page shown gets a ``ts_headline``,
  so the cost does not grow with the number of matches; the count stops at
  ``RANK_CANDIDATES`` too and then shows as "200+" (``AtLeast``). The API ``?search=``
  filter (kb/core/filters.py) matches through the same column and index.
* **SQLite**: articles, events and claims are matched through their FTS5 indexes
  (``kb/core/fts.py``, ``kb/migrations/0004_sqlite_fts.py``): every word, stemmed, in the row's
  own text. Any other backend, or SQLite without FTS5: every word must occur
  (case-insensitive ``contains``) in one of the searched fields. Then at most
  ``FALLBACK_CANDIDATES`` rows are ranked in Python by where the words occur; the snippet
  is cut around the first match.
* **Actors** are found by name and every alias, tolerant of spelling variants, the same way
  on every backend (``actors.lookup``): a candidate scores on exact and whole-word matches,
  then on a consonant skeleton (Soleimani / Suleimani / Suleiman, Hezbollah / Hizballah)
  backed by a rapidfuzz ratio, then on the rapidfuzz ratio alone (typos). On PostgreSQL actor
  descriptions are also searched with full-text search.
* **Aliases are followed**: when the query names actors (``actors.lookup.named_actors``: one
  of their names or aliases, or a spelling variant), the articles mentioning them, the events
  they take part in and the claims they make or are about are results too, whatever words
  the texts use, each marked "via alias …" (``Hit.via``). The same rows as the actor's page
  lists, so the counts agree; at most ``RANK_CANDIDATES`` + 1 (newest) per type are followed.

Snippets are escaped (kb/snippets.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import Count, Q, QuerySet, Window
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from actors.lookup import fold
from actors.models import Actor
from articles.models import Article, Claim
from events.models import Event
from kb.core.edtf import human_date, human_range
from kb.core.fts import CONFIG, StoredVector, fts_match, fts_ready, vector_match, web_query
from kb.search_links import Named, linked_articles, linked_claims, linked_events, named_by
from kb.snippets import START, STOP, marks_from_sentinels, snippet

__all__ = ["SEARCHERS", "AtLeast", "clean_query", "search_all", "snippet"]

# Actors have no stored vector (a small table): kb/migrations/0001_search.py indexes this
# exact expression.
ACTOR_VECTOR = SearchVector("name", weight="A", config=CONFIG) + SearchVector(
    "description", weight="B", config=CONFIG
)

MAX_QUERY_LENGTH = 200
FALLBACK_CANDIDATES = 300
RANK_CANDIDATES = 200  # PostgreSQL ranks at most this many (newest) matches per type
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


class AtLeast(int):
    """A capped count: compares and adds as the cap, shows as "200+"."""

    def __str__(self) -> str:
        return f"{int(self)}+"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


@dataclass
class Hit:
    """One search result: the object, where it lives and the text that matched."""

    obj: object
    title: str
    url: str
    snippet: SafeString
    meta: str = ""
    score: float = 0.0
    extra_url: str = ""  # a related list, e.g. the articles that mention an actor
    extra_label: str = ""
    via: str = ""  # "via alias “Hashd” → Popular Mobilization Forces": found through an actor
    status: str = ""  # review status of an actor, event or claim ("proposed" is marked)


@dataclass
class Group:
    """The results of one type."""

    key: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0


def _mark_via(hits: list[Hit], linked: dict[int, int], named: Named) -> list[Hit]:
    for hit in hits:
        if hit.obj.pk in linked:
            hit.via = named.label(linked[hit.obj.pk])
    return hits


def clean_query(q: str | None) -> str:
    """Trim and bound the raw query text."""
    return " ".join((q or "").split())[:MAX_QUERY_LENGTH]


def query_words(q: str) -> list[str]:
    """Distinct lower-cased words of the query, in order (punctuation dropped)."""
    seen: list[str] = []
    for word in _WORD_RE.findall(q.lower()):
        if word not in seen:
            seen.append(word)
    return seen


# --- full-text (PostgreSQL) and fallback (other backends) ----------------------------------


def _pg_search(
    qs: QuerySet, q: str, headline_field: str, linked: list[int]
) -> tuple[QuerySet, QuerySet]:
    """(ranked, matched): the ``RANK_CANDIDATES`` + 1 newest matches best first, and all matches.

    Rows in ``linked`` (found through a named actor) match whatever their words.

    The candidates are the newest matches (highest ids) in a subquery; only they are ranked,
    reading the stored vector, and ``ts_headline`` runs on the rows of the page only. Each
    ranked row carries ``candidates``, how many there are (a window count), so that no
    separate count query is needed.
    """
    query = web_query(q)
    matched = qs.filter(Q(vector_match(q)) | Q(pk__in=linked) if linked else vector_match(q))
    # One more than are shown, so that `.candidates` tells whether there are more.
    candidates = matched.order_by("-pk").values("pk")[: RANK_CANDIDATES + 1]
    ranked = (
        qs.filter(pk__in=candidates)
        .annotate(rank=SearchRank(StoredVector(), query), candidates=Window(Count("pk")))
        .annotate(
            headline=SearchHeadline(
                headline_field,
                query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=40,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .order_by("-rank", "pk")
    )
    return ranked, matched


def _fallback_q(qs: QuerySet, fields: tuple[str, ...], words: list[str]) -> Q:
    """Every word in the row's own text: its FTS5 index, or ``icontains`` on each field."""
    if fts_ready(qs.model, qs.db):
        return fts_match(qs.model, words)
    every = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        every &= any_field
    return every


def _fallback_rank(obj, weighted_fields: dict[str, float], words: list[str]) -> float:
    score = 0.0
    for name, weight in weighted_fields.items():
        value = (getattr(obj, name, "") or "").lower()
        score += weight * sum(value.count(w) for w in words)
    return score


def _run(
    qs: QuerySet,
    *,
    q: str,
    weighted_fields: dict[str, float],
    headline_field: str,
    offset: int,
    limit: int,
    linked: dict[int, int] | None = None,
) -> tuple[list, int, list[str]]:
    """(rows, total, words): one page of ranked matches; rows carry `.headline` on PostgreSQL.

    Rows whose ids are in ``linked`` match too, ranked after those the words match best.

    On PostgreSQL pages reach only the ``RANK_CANDIDATES`` ranked matches and ``total`` is
    ``AtLeast(RANK_CANDIDATES)`` when there are more; one query per page.
    """
    words = query_words(q)
    if not words:
        return [], 0, words
    if is_postgres():
        ranked, matched = _pg_search(qs, q, headline_field, list(linked or ()))
        end = min(offset + limit, RANK_CANDIDATES)
        rows = list(ranked[offset:end]) if offset < end else []
        if rows:
            total = rows[0].candidates
        elif offset == 0:
            total = 0
        else:  # a page past the end: count apart
            total = matched.order_by()[: RANK_CANDIDATES + 1].count()
        return rows, AtLeast(RANK_CANDIDATES) if total > RANK_CANDIDATES else total, words
    text = _fallback_q(qs, tuple(weighted_fields), words)
    matched = qs.filter(text | Q(pk__in=list(linked)) if linked else text)
    candidates = list(matched[:FALLBACK_CANDIDATES])
    candidates.sort(key=lambda o: (-_fallback_rank(o, weighted_fields, words), o.pk))
    return candidates[offset : offset + limit], len(candidates), words


def _headline(row, field_name: str, words: list[str]) -> SafeString:
    headline = getattr(row, "headline", None)
    if headline is not None:
        return marks_from_sentinels(" ".join(headline.split()))
    return snippet(getattr(row, field_name), words)


# --- per type ------------------------------------------------------------------------------


def search_articles(
    q: str, *, offset: int = 0, limit: int = 10, named: Named | None = None, verified: bool = False
) -> Group:
    """Articles whose title or body match, best first; then those naming a named actor.

    Articles are sources, not facts: "verified only" (``verified``) leaves them all."""
    named = named or named_by(q)
    linked = linked_articles(named, RANK_CANDIDATES + 1)
    qs = Article.objects.select_related("source")
    if is_postgres():
        qs = qs.defer("body")  # the headline carries the matching text
    rows, total, words = _run(
        qs,
        q=q,
        weighted_fields={"title": 3.0, "body": 1.0},
        headline_field="body",
        offset=offset,
        limit=limit,
        linked=linked,
    )
    hits = [
        Hit(
            obj=a,
            title=str(a),
            url=a.get_absolute_url(),
            snippet=_headline(a, "body", words),
            meta=" · ".join(
                x
                for x in (
                    a.source.name if a.source else "",
                    human_date(a.published) if a.published else "",
                )
                if x
            ),
        )
        for a in rows
    ]
    return Group("articles", "Articles", _mark_via(hits, linked, named), total)


def search_events(
    q: str, *, offset: int = 0, limit: int = 10, named: Named | None = None, verified: bool = False
) -> Group:
    """Events whose title or description match, then those a named actor takes part in
    (rejected events excluded)."""
    named = named or named_by(q)
    linked = linked_events(named, RANK_CANDIDATES + 1)
    qs = Event.objects.exclude(status="rejected").select_related("place")
    if verified:
        qs = qs.filter(status="verified")
    rows, total, words = _run(
        qs,
        q=q,
        weighted_fields={"title": 3.0, "description": 1.0},
        headline_field="description",
        offset=offset,
        limit=limit,
        linked=linked,
    )
    hits = []
    for e in rows:
        # Without a description the title (already shown) is all that matched.
        snip = _headline(e, "description", words) if e.description else mark_safe("")
        hits.append(
            Hit(
                obj=e,
                status=e.status,
                title=e.title,
                url=e.get_absolute_url(),
                snippet=snip,
                meta=" · ".join(
                    x
                    for x in (
                        e.get_kind_display(),
                        human_range(e.date, e.date_end),
                        str(e.place or ""),
                    )
                    if x
                ),
            )
        )
    return Group("events", "Events", _mark_via(hits, linked, named), total)


def search_claims(
    q: str, *, offset: int = 0, limit: int = 10, named: Named | None = None, verified: bool = False
) -> Group:
    """Claims whose sentence or claimant match, then those a named actor makes or is the
    subject of (rejected claims excluded)."""
    named = named or named_by(q)
    linked = linked_claims(named, RANK_CANDIDATES + 1)
    qs = Claim.objects.exclude(status="rejected").select_related("claimant", "article")
    if verified:
        qs = qs.filter(status="verified")
    rows, total, words = _run(
        qs,
        q=q,
        weighted_fields={"text": 2.0, "claimant_text": 1.0},
        headline_field="text",
        offset=offset,
        limit=limit,
        linked=linked,
    )
    hits = [
        Hit(
            obj=c,
            status=c.status,
            title=c.claimant_text or (c.claimant.name if c.claimant else "Author"),
            url=c.get_absolute_url(),
            snippet=_headline(c, "text", words),
            meta=f"{c.get_kind_display()} · in {c.article}",
        )
        for c in rows
    ]
    return Group("claims", "Claims", _mark_via(hits, linked, named), total)


# --- actors: names and aliases, spelling-tolerant ----------------------------------------


def search_actors(
    q: str, *, offset: int = 0, limit: int = 10, named: Named | None = None, verified: bool = False
) -> Group:
    """Actors whose name or any alias matches the query, tolerant of spelling variants."""
    if not fold(q):
        return Group("actors", "Actors")
    best = dict((named or named_by(q)).matches)
    if is_postgres():
        query = SearchQuery(q, search_type="websearch", config=CONFIG)
        described = (
            Actor.objects.annotate(search=ACTOR_VECTOR, rank=SearchRank(ACTOR_VECTOR, query))
            .filter(search=query)
            .order_by("-rank")
            .values_list("pk", "rank")[:50]
        )
        for actor_id, rank in described:
            best.setdefault(actor_id, (min(60.0, 40.0 + 100 * rank), ""))
    else:
        actors = Actor.objects.all()
        described = actors.filter(_fallback_q(actors, ("description",), query_words(q)))
        for actor_id in described.values_list("pk", flat=True)[:50]:
            best.setdefault(actor_id, (40.0, ""))
    if verified:
        kept = set(Actor.objects.filter(pk__in=list(best), status="verified").values_list("pk"))
        best = {pk: v for pk, v in best.items() if (pk,) in kept}
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
    page = ranked[offset : offset + limit]
    actors = Actor.objects.in_bulk([actor_id for actor_id, _ in page])
    hits = []
    for actor_id, (score, matched) in page:
        actor = actors.get(actor_id)
        if actor is None:
            continue
        if matched and matched != actor.name:
            text = snippet(f"{actor.name} — also written “{matched}”", [matched])
        elif matched:
            text = snippet(actor.name, [matched])
        else:
            text = snippet(actor.description, query_words(q))
        hits.append(
            Hit(
                obj=actor,
                status=actor.status,
                title=actor.name,
                url=actor.get_absolute_url(),
                snippet=text,
                meta=actor.get_kind_display() + (f" · {actor.country}" if actor.country else ""),
                score=score,
                extra_url=(reverse("articles:list") + f"?actor={actor.slug}")
                if actor.article_count
                else "",
                extra_label=f"mentioned in {actor.article_count} article{'s' if actor.article_count != 1 else ''}",
            )
        )
    return Group("actors", "Actors", hits, len(ranked))


SEARCHERS = {
    "actors": search_actors,
    "articles": search_articles,
    "events": search_events,
    "claims": search_claims,
}


def search_all(
    q: str, *, per_type: int = 5, named: Named | None = None, verified: bool = False
) -> list[Group]:
    """The first results of every type, in a fixed order (actor names read once); with
    ``verified``, only actors, events and claims an analyst verified."""
    q = clean_query(q)
    named = named or named_by(q)
    return [
        searcher(q, limit=per_type, named=named, verified=verified)
        for searcher in SEARCHERS.values()
    ]
