"""Small factories for tests: each makes one valid row with sensible defaults."""

from __future__ import annotations

import hashlib
import itertools

from actors.models import Actor, Alias, Relationship
from articles.models import Article, Claim, Mention, Source
from events.models import Event, EventSource, Participant, Place

_seq = itertools.count(1)


def make_actor(name: str | None = None, *, aliases: tuple[str, ...] = (), **fields) -> Actor:
    n = next(_seq)
    name = name or f"Actor {n}"
    fields.setdefault("slug", f"{name.lower().replace(' ', '-')}-{n}")
    fields.setdefault("status", "verified")
    actor = Actor.objects.create(name=name, **fields)
    for text in aliases:
        Alias.objects.create(actor=actor, text=text, normalized=text.lower())
    return actor


def make_relationship(source: Actor, target: Actor, kind: str = "backed_by", **fields) -> Relationship:
    return Relationship.objects.create(source=source, target=target, kind=kind, **fields)


def make_source(name: str | None = None, **fields) -> Source:
    return Source.objects.create(name=name or f"Source {next(_seq)}", **fields)


def make_article(body: str | None = None, **fields) -> Article:
    n = next(_seq)
    body = body or f"Article number {n} about Iran and Iraq."
    fields.setdefault("title", f"Article {n}")
    fields.setdefault("origin", f"article_{n}.txt")
    fields.setdefault("content_hash", hashlib.sha256(f"{n}:{body}".encode()).hexdigest())
    return Article.objects.create(body=body, **fields)


def make_mention(article: Article, actor: Actor, text: str | None = None, **fields) -> Mention:
    """A mention at the first occurrence of `text` (default: the actor's name) in the body."""
    text = text or actor.name
    start = article.body.find(text)
    if start < 0:
        raise ValueError(f"{text!r} is not in the article body")
    return Mention.objects.create(article=article, actor=actor, start=start, end=start + len(text), text=text, **fields)


def make_claim(article: Article, quote: str | None = None, **fields) -> Claim:
    """A claim whose quote is the first occurrence of `quote` (default: the whole body)."""
    quote = quote or article.body
    start = article.body.find(quote)
    if start < 0:
        raise ValueError(f"{quote!r} is not in the article body")
    end = start + len(quote)
    fields.setdefault("sentence_start", start)
    fields.setdefault("sentence_end", end)
    fields.setdefault("text", article.body[fields["sentence_start"] : fields["sentence_end"]])
    return Claim.objects.create(article=article, quote=quote, start=start, end=end, **fields)


def make_place(name: str | None = None, **fields) -> Place:
    n = next(_seq)
    name = name or f"Place {n}"
    fields.setdefault("slug", f"{name.lower().replace(' ', '-')}-{n}")
    return Place.objects.create(name=name, **fields)


def make_event(title: str | None = None, *, participants=(), sources=(), **fields) -> Event:
    """An event; participants as (actor, role) pairs, sources as (article, quote) pairs."""
    event = Event.objects.create(title=title or f"Event {next(_seq)}", **fields)
    for actor, role in participants:
        Participant.objects.create(event=event, actor=actor, role=role)
    for article, quote in sources:
        start = article.body.find(quote)
        EventSource.objects.create(event=event, article=article, start=start, end=start + len(quote), quote=quote)
    return event
