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
  on every backend: the query is folded like ``Alias.normalized`` (``fold_text``: case,
  diacritics, apostrophes, hyphens) and compared with ``Alias.normalized`` and the folded
  actor names of a bounded candidate set (at most ``ACTOR_CANDIDATES`` aliases and names
  with a word starting with the first letter of a query word). A
  candidate scores on exact and whole-word matches, then on a consonant skeleton
  (Soleimani / Suleimani / Suleiman, Hezbollah / Hizballah) backed by a rapidfuzz ratio, then
  on the rapidfuzz ratio alone (typos). On PostgreSQL actor descriptions are also searched
  with full-text search.

Snippets are escaped here: match markers from ``ts_headline`` are private-use sentinels that
become ``<mark>`` only after the text around them has been escaped.
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
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from actors.models import Actor, Alias
from actors.names import fold_text, name_score
from articles.models import Article, Claim
from events.models import Event
from kb.core.edtf import human_date, human_range
from kb.core.fts import CONFIG, StoredVector, fts_match, fts_ready, vector_match, web_query

# Actors have no stored vector (a small table): kb/migrations/0001_search.py indexes this
# exact expression.
ACTOR_VECTOR = SearchVector("name", weight="A", config=CONFIG) + SearchVector(
    "description", weight="B", config=CONFIG
)

MAX_QUERY_LENGTH = 200
FALLBACK_CANDIDATES = 300
RANK_CANDIDATES = 200  # PostgreSQL ranks at most this many (newest) matches per type
ACTOR_CANDIDATES = 5000
SNIPPET_CHARS = 220
_START, _STOP = "\ue000", "\ue001"  # ts_headline markers, replaced after escaping
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Fold as Alias.normalized is folded (case, diacritics, apostrophes), spaces collapsed."""
    return " ".join(fold_text(text or "").split())


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


@dataclass
class Group:
    """The results of one type."""

    key: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0


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


# --- snippets -----------------------------------------------------------------------------


def _marks_from_sentinels(text: str) -> SafeString:
    out = escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(out)  # noqa: S308 - built from escaped text and our own tags only


def snippet(text: str, words: list[str], *, width: int = SNIPPET_CHARS) -> SafeString:
    """Escaped excerpt of `text` around the first occurrence of any word, words marked."""
    text = text or ""
    if not words:
        return mark_safe(escape(_clip(text, 0, width)))  # noqa: S308
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    first = pattern.search(text)
    centre = first.start() if first else 0
    start = max(0, centre - width // 3)
    piece = _clip(text, start, width)
    marked = pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", piece)
    return _marks_from_sentinels(marked)


def _clip(text: str, start: int, width: int) -> str:
    """`width` characters from `start`, widened to whole words, with ellipses where cut."""
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = " ".join(text[start:end].split())
    return ("… " if start > 0 else "") + piece + (" …" if end < len(text) else "")


# --- full-text (PostgreSQL) and fallback (other backends) ----------------------------------


def _pg_search(qs: QuerySet, q: str, headline_field: str) -> tuple[QuerySet, QuerySet]:
    """(ranked, matched): the ``RANK_CANDIDATES`` + 1 newest matches best first, and all matches.

    The candidates are the newest matches (highest ids) in a subquery; only they are ranked,
    reading the stored vector, and ``ts_headline`` runs on the rows of the page only. Each
    ranked row carries ``candidates``, how many there are (a window count), so that no
    separate count query is needed.
    """
    query = web_query(q)
    matched = qs.filter(vector_match(q))
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
                start_sel=_START,
                stop_sel=_STOP,
                max_words=40,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .order_by("-rank", "pk")
    )
    return ranked, matched


def _fallback_filter(qs: QuerySet, fields: tuple[str, ...], words: list[str]) -> QuerySet:
    if fts_ready(qs.model, qs.db):
        return qs.filter(fts_match(qs.model, words))
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        qs = qs.filter(any_field)
    return qs


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
) -> tuple[list, int, list[str]]:
    """(rows, total, words): one page of ranked matches; rows carry `.headline` on PostgreSQL.

    On PostgreSQL pages reach only the ``RANK_CANDIDATES`` ranked matches and ``total`` is
    ``AtLeast(RANK_CANDIDATES)`` when there are more; one query per page.
    """
    words = query_words(q)
    if not words:
        return [], 0, words
    if is_postgres():
        ranked, matched = _pg_search(qs, q, headline_field)
        end = min(offset + limit, RANK_CANDIDATES)
        rows = list(ranked[offset:end]) if offset < end else []
        if rows:
            total = rows[0].candidates
        elif offset == 0:
            total = 0
        else:  # a page past the end: count apart
            total = matched.order_by()[: RANK_CANDIDATES + 1].count()
        return rows, AtLeast(RANK_CANDIDATES) if total > RANK_CANDIDATES else total, words
    matched = _fallback_filter(qs, tuple(weighted_fields), words)
    candidates = list(matched[:FALLBACK_CANDIDATES])
    candidates.sort(key=lambda o: (-_fallback_rank(o, weighted_fields, words), o.pk))
    return candidates[offset : offset + limit], len(candidates), words


def _headline(row, field_name: str, words: list[str]) -> SafeString:
    headline = getattr(row, "headline", None)
    if headline is not None:
        return _marks_from_sentinels(" ".join(headline.split()))
    return snippet(getattr(row, field_name), words)


# --- per type ------------------------------------------------------------------------------


def search_articles(q: str, *, offset: int = 0, limit: int = 10) -> Group:
    """Articles whose title or body match, best first."""
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
    return Group("articles", "Articles", hits, total)


def search_events(q: str, *, offset: int = 0, limit: int = 10) -> Group:
    """Events whose title or description match (rejected events excluded)."""
    qs = Event.objects.exclude(status="rejected").select_related("place")
    rows, total, words = _run(
        qs,
        q=q,
        weighted_fields={"title": 3.0, "description": 1.0},
        headline_field="description",
        offset=offset,
        limit=limit,
    )
    hits = []
    for e in rows:
        # Without a description the title (already shown) is all that matched.
        snip = _headline(e, "description", words) if e.description else mark_safe("")
        hits.append(
            Hit(
                obj=e,
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
    return Group("events", "Events", hits, total)


def search_claims(q: str, *, offset: int = 0, limit: int = 10) -> Group:
    """Claims whose sentence or claimant match (rejected claims excluded)."""
    qs = Claim.objects.exclude(status="rejected").select_related("claimant", "article")
    rows, total, words = _run(
        qs,
        q=q,
        weighted_fields={"text": 2.0, "claimant_text": 1.0},
        headline_field="text",
        offset=offset,
        limit=limit,
    )
    hits = [
        Hit(
            obj=c,
            title=c.claimant_text or (c.claimant.name if c.claimant else "Author"),
            url=c.get_absolute_url(),
            snippet=_headline(c, "text", words),
            meta=f"{c.get_kind_display()} · in {c.article}",
        )
        for c in rows
    ]
    return Group("claims", "Claims", hits, total)


# --- actors: names and aliases, spelling-tolerant ----------------------------------------


def search_actors(q: str, *, offset: int = 0, limit: int = 10) -> Group:
    """Actors whose name or any alias matches the query, tolerant of spelling variants."""
    folded = fold(q)
    words = folded.split()
    if not words:
        return Group("actors", "Actors")
    # Bounded candidate set: aliases and names with a word starting like a query word.
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
        described = _fallback_filter(Actor.objects.all(), ("description",), query_words(q))
        for actor_id in described.values_list("pk", flat=True)[:50]:
            best.setdefault(actor_id, (40.0, ""))
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


def search_all(q: str, *, per_type: int = 5) -> list[Group]:
    """The first results of every type, in a fixed order."""
    q = clean_query(q)
    return [searcher(q, limit=per_type) for searcher in SEARCHERS.values()]
