"""The knowledge base as a STIX 2.1 bundle, built with the ``stix2`` library.

Mapping (custom properties are prefixed ``x_kb_``):

- actor → ``threat-actor`` (armed groups) or ``identity`` (every other kind; persons are
  ``individual``, the rest ``organization``). ``threat-actor`` carries ``aliases``; ``identity``
  has no such property in STIX, so it carries ``x_kb_aliases``. No kind maps to
  ``intrusion-set``: that object describes cyber intrusion activity, which the base does not
  record.
- relationship → ``relationship`` (``part_of`` → ``part-of`` …), start/stop from the EDTF dates.
- article → ``report`` whose ``object_refs`` are what it supports: the actors it mentions, its
  claims, the events it reports and the relationships it is evidence for. An article that
  supports nothing has no report (STIX requires at least one ref).
- claim → ``opinion`` (denials: ``strongly-disagree``) or ``note`` (every other kind); the
  Admiralty credibility grade maps to ``confidence`` by STIX 2.1 Appendix A (1→90, 2→70,
  3→50, 4→30, 5→10; 6 "cannot be judged" has no confidence). Supports/contradicts links are
  ``relationship`` objects between the claims.
- event → ``x-kb-event`` (STIX 2.1 has no event object) with its EDTF dates, first/last day
  covered and fatalities; participants are ``relationship`` objects actor → event named after
  the role (``perpetrator-of``, ``target-of`` …); the place is a ``located-at`` relationship.
- place → ``location`` with name, coordinates and country. A place with neither coordinates
  nor country cannot be a STIX location and is left out.

Ids are UUIDv5 of stable keys (actor and place slugs, article content hashes, row ids
elsewhere), so exporting twice gives the same ids.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

import stix2
from django.db.models import Prefetch, Q
from stix2.properties import IntegerProperty, StringProperty, TimestampProperty

from actors.models import Actor, ActorKind, Relationship
from articles.models import Article, Claim, ClaimKind, ClaimLink, Mention
from events.models import Event, EventSource, Participant, Place
from kb.core.choices import ReviewStatus
from kb.core.edtf import PartialDate

NAMESPACE = uuid.UUID("5b0e4b0a-4d0c-4c55-9f3e-6b62a1a0c0de")

# STIX 2.1 Appendix A: Admiralty credibility → STIX confidence. 6 maps to no confidence.
ADMIRALTY_CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}

IDENTITY_CLASS = {ActorKind.PERSON: "individual"}
SECTORS = {
    ActorKind.STATE: ["government-national"],
    ActorKind.GOVERNMENT_BODY: ["government-national"],
    ActorKind.MEDIA: ["communications"],
}


@stix2.v21.CustomObject(
    "x-kb-event",
    [
        ("name", StringProperty(required=True)),
        ("description", StringProperty()),
        ("event_type", StringProperty()),
        ("date", StringProperty()),
        ("date_end", StringProperty()),
        ("date_precision", StringProperty()),
        ("date_text", StringProperty()),
        ("first_seen", TimestampProperty()),
        ("last_seen", TimestampProperty()),
        ("fatalities", IntegerProperty(min=0)),
    ],
)
class KBEvent:
    """An event of the knowledge base (STIX 2.1 has no event SDO)."""


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


def actor_stix_id(actor: Actor) -> str:
    kind = "threat-actor" if actor.kind == ActorKind.ARMED_GROUP else "identity"
    return stix_id(kind, f"actor/{actor.slug}")


def _timestamps(created: datetime | None, modified: datetime | None) -> dict:
    created = created or datetime(1970, 1, 1, tzinfo=UTC)
    return {"created": created, "modified": max(created, modified or created)}


def _edtf_bounds(value: str) -> tuple[datetime, datetime] | None:
    """First instant and the instant after the last day an EDTF date covers."""
    if not value:
        return None
    try:
        bounds = PartialDate.parse(value).bounds()
    except ValueError:
        return None
    if bounds is None:
        return None
    low, high = bounds
    return (
        datetime.combine(low, time.min, tzinfo=UTC),
        datetime.combine(high + timedelta(days=1), time.min, tzinfo=UTC),
    )


@dataclass
class Scope:
    """Which rows go into the bundle."""

    actor: Actor | None = None
    status: str | None = None

    def reviewed(self, queryset):
        if self.status:
            return queryset.filter(status=self.status)
        return queryset.exclude(status=ReviewStatus.REJECTED)


@dataclass
class _Bundle:
    objects: dict[str, object] = field(default_factory=dict)

    def add(self, obj) -> str:
        self.objects[obj.id] = obj
        return obj.id


def build_bundle(scope: Scope | None = None) -> stix2.Bundle:
    """The STIX 2.1 bundle of the whole knowledge base, or of one actor's neighbourhood."""
    scope = scope or Scope()
    rows = _load(scope)
    out = _Bundle()

    actor_ids: dict[int, str] = {}
    for actor in rows.actors:
        actor_ids[actor.pk] = out.add(_actor_sdo(actor))

    place_ids: dict[int, str] = {}
    for place in rows.places:
        if (place.latitude is not None and place.longitude is not None) or place.country:
            place_ids[place.pk] = out.add(_location(place))

    relationship_ids: dict[int, str] = {}
    for rel in rows.relationships:
        if rel.source_id in actor_ids and rel.target_id in actor_ids:
            relationship_ids[rel.pk] = out.add(_relationship(rel, actor_ids))

    event_ids: dict[int, str] = {}
    for event in rows.events:
        event_ids[event.pk] = out.add(_event(event))
        for participant in event.participants.all():
            if participant.actor_id in actor_ids:
                out.add(_participation(participant, actor_ids, event_ids, event))
        if event.place_id in place_ids:
            out.add(
                stix2.v21.Relationship(
                    id=stix_id("relationship", f"event/{event.pk}/located-at"),
                    relationship_type="located-at",
                    source_ref=event_ids[event.pk],
                    target_ref=place_ids[event.place_id],
                    allow_custom=True,
                    **_timestamps(event.created_at, event.updated_at),
                )
            )

    report_id = {a.pk: stix_id("report", f"article/{a.content_hash}") for a in rows.articles}
    claim_ids: dict[int, str] = {}
    for claim in rows.claims:
        claim_ids[claim.pk] = out.add(_claim(claim, actor_ids, event_ids, report_id))
    for claim in rows.claims:
        for link in claim.links_out.all():
            if link.to_claim_id in claim_ids:
                out.add(
                    stix2.v21.Relationship(
                        id=stix_id("relationship", f"claimlink/{link.pk}"),
                        relationship_type=link.kind,
                        source_ref=claim_ids[claim.pk],
                        target_ref=claim_ids[link.to_claim_id],
                        **_timestamps(claim.created_at, claim.updated_at),
                    )
                )

    supported = _supported_by_article(rows, actor_ids, claim_ids, event_ids, relationship_ids)
    for article in rows.articles:
        refs = supported.get(article.pk)
        if refs:
            out.add(_report(article, report_id[article.pk], sorted(refs)))

    return stix2.v21.Bundle(objects=list(out.objects.values()), allow_custom=True)


@dataclass
class _Rows:
    actors: list
    relationships: list
    places: list
    events: list
    articles: list
    claims: list


def _load(scope: Scope) -> _Rows:
    actors = scope.reviewed(Actor.objects.prefetch_related("aliases"))
    relationships = scope.reviewed(
        Relationship.objects.prefetch_related(
            Prefetch("evidence_articles", queryset=Article.objects.only("pk"))
        )
    )
    events = scope.reviewed(
        Event.objects.prefetch_related(
            Prefetch("participants", queryset=Participant.objects.all()),
            Prefetch("sources", queryset=EventSource.objects.only("event", "article")),
        )
    )
    claims = scope.reviewed(
        Claim.objects.select_related("claimant").prefetch_related(
            Prefetch("subjects", queryset=Actor.objects.only("pk")),
            Prefetch("links_out", queryset=ClaimLink.objects.all()),
        )
    )
    articles = (
        Article.objects.defer("body")
        .select_related("source")
        .prefetch_related(Prefetch("mentions", queryset=Mention.objects.only("article", "actor")))
    )
    places = Place.objects.all()

    if scope.actor is not None:
        pk = scope.actor.pk
        relationships = relationships.filter(Q(source=pk) | Q(target=pk))
        events = events.filter(pk__in=Participant.objects.filter(actor=pk).values("event"))
        claims = claims.filter(
            Q(claimant=pk)
            | Q(pk__in=Claim.subjects.through.objects.filter(actor=pk).values("claim"))
        )
        relationships, events, claims = list(relationships), list(events), list(claims)
        # Everything the selected rows refer to comes along, so every ref resolves.
        wanted = {pk}
        for rel in relationships:
            wanted |= {rel.source_id, rel.target_id}
        for event in events:
            wanted |= {p.actor_id for p in event.participants.all()}
        for claim in claims:
            wanted |= {s.pk for s in claim.subjects.all()}
            if claim.claimant_id:
                wanted.add(claim.claimant_id)
        actors = actors.filter(pk__in=wanted)
        article_pks = set(Mention.objects.filter(actor=pk).values_list("article", flat=True))
        article_pks |= {c.article_id for c in claims}
        article_pks |= {s.article_id for e in events for s in e.sources.all()}
        articles = articles.filter(pk__in=article_pks)
        places = places.filter(pk__in={e.place_id for e in events if e.place_id})
    return _Rows(
        actors=list(actors),
        relationships=list(relationships),
        places=list(places),
        events=list(events),
        articles=list(articles),
        claims=list(claims),
    )


def _actor_sdo(actor: Actor):
    aliases = [alias.text for alias in actor.aliases.all()]
    common = {
        "id": actor_stix_id(actor),
        "name": actor.name,
        "description": actor.description or None,
        "x_kb_id": actor.pk,
        "x_kb_slug": actor.slug,
        "x_kb_kind": actor.kind,
        "x_kb_status": actor.status,
        "allow_custom": True,
        **_timestamps(actor.created_at, actor.updated_at),
    }
    if actor.country:
        common["x_kb_country"] = actor.country
    if actor.wikidata_id:
        common["external_references"] = [
            {
                "source_name": "wikidata",
                "external_id": actor.wikidata_id,
                "url": f"https://www.wikidata.org/wiki/{actor.wikidata_id}",
            }
        ]
    if actor.kind == ActorKind.ARMED_GROUP:
        return stix2.v21.ThreatActor(aliases=aliases or None, **common)
    return stix2.v21.Identity(
        identity_class=IDENTITY_CLASS.get(
            actor.kind, "organization" if actor.kind != ActorKind.OTHER else "unknown"
        ),
        sectors=SECTORS.get(actor.kind),
        x_kb_aliases=aliases or None,
        **common,
    )


def _location(place: Place):
    extra = {}
    if place.latitude is not None and place.longitude is not None:
        extra.update(latitude=place.latitude, longitude=place.longitude)
    if place.country:
        extra["country"] = place.country
    return stix2.v21.Location(
        id=stix_id("location", f"place/{place.slug}"),
        name=place.name,
        x_kb_slug=place.slug,
        x_kb_kind=place.kind,
        x_kb_aliases=list(place.aliases) or None,
        allow_custom=True,
        **extra,
    )


def _relationship(rel: Relationship, actor_ids: dict[int, str]):
    extra = {}
    start = _edtf_bounds(rel.start)
    end = _edtf_bounds(rel.end)
    if start:
        extra["start_time"] = start[0]
    if end and (not start or end[1] > start[0]):
        extra["stop_time"] = end[1]
    if rel.start:
        extra["x_kb_start"] = rel.start
    if rel.end:
        extra["x_kb_end"] = rel.end
    return stix2.v21.Relationship(
        id=stix_id("relationship", f"relationship/{rel.pk}"),
        relationship_type=rel.kind.replace("_", "-"),
        source_ref=actor_ids[rel.source_id],
        target_ref=actor_ids[rel.target_id],
        description=rel.description or None,
        x_kb_status=rel.status,
        allow_custom=True,
        **extra,
        **_timestamps(rel.created_at, rel.updated_at),
    )


def _event(event: Event):
    extra = {}
    if event.date_min:
        extra["first_seen"] = datetime.combine(event.date_min, time.min, tzinfo=UTC)
    if event.date_max:
        extra["last_seen"] = datetime.combine(event.date_max, time.max, tzinfo=UTC)
    return KBEvent(
        id=stix_id("x-kb-event", f"event/{event.pk}"),
        name=event.title,
        description=event.description or None,
        event_type=event.kind,
        date=event.date or None,
        date_end=event.date_end or None,
        date_precision=event.date_precision,
        date_text=event.date_text or None,
        fatalities=event.fatalities,
        **extra,
        **_timestamps(event.created_at, event.updated_at),
    )


def _participation(participant: Participant, actor_ids, event_ids, event: Event):
    role = participant.role
    return stix2.v21.Relationship(
        id=stix_id("relationship", f"participant/{participant.pk}"),
        relationship_type="participant-in" if role == "participant" else f"{role}-of",
        source_ref=actor_ids[participant.actor_id],
        target_ref=event_ids[participant.event_id],
        x_kb_role=role,
        allow_custom=True,
        **_timestamps(event.created_at, event.updated_at),
    )


def _claim(claim: Claim, actor_ids, event_ids, report_id):
    refs = [report_id[claim.article_id]] if claim.article_id in report_id else []
    refs += [actor_ids[s.pk] for s in claim.subjects.all() if s.pk in actor_ids]
    if claim.event_id in event_ids:
        refs.append(event_ids[claim.event_id])
    claimant = claim.claimant_text or (claim.claimant.name if claim.claimant_id else "")
    common = {
        "object_refs": refs,
        "authors": [claimant] if claimant else None,
        "confidence": ADMIRALTY_CONFIDENCE.get(claim.credibility),
        "x_kb_kind": claim.kind,
        "x_kb_status": claim.status,
        "x_kb_credibility": claim.credibility,
        "allow_custom": True,
        **_timestamps(claim.created_at, claim.updated_at),
    }
    if claim.claimant_id in actor_ids:
        common["x_kb_claimant_ref"] = actor_ids[claim.claimant_id]
    if claim.kind == ClaimKind.DENIAL:
        return stix2.v21.Opinion(
            id=stix_id("opinion", f"claim/{claim.pk}"),
            opinion="strongly-disagree",
            explanation=claim.quote,
            **common,
        )
    return stix2.v21.Note(
        id=stix_id("note", f"claim/{claim.pk}"),
        abstract=claimant or None,
        content=claim.quote,
        **common,
    )


def _supported_by_article(rows: _Rows, actor_ids, claim_ids, event_ids, relationship_ids):
    supported: dict[int, set[str]] = {}
    for article in rows.articles:
        supported[article.pk] = {
            actor_ids[m.actor_id] for m in article.mentions.all() if m.actor_id in actor_ids
        }
    for claim in rows.claims:
        supported.setdefault(claim.article_id, set()).add(claim_ids[claim.pk])
    for event in rows.events:
        for source in event.sources.all():
            supported.setdefault(source.article_id, set()).add(event_ids[event.pk])
    for rel in rows.relationships:
        if rel.pk in relationship_ids:
            for article in rel.evidence_articles.all():
                supported.setdefault(article.pk, set()).add(relationship_ids[rel.pk])
    return supported


def _report(article: Article, report_stix_id: str, refs: list[str]):
    published = (
        datetime.combine(article.published_on, time.min, tzinfo=UTC)
        if article.published_on
        else article.ingested_at
    )
    external = {"source_name": article.source.name if article.source_id else "kb"}
    if article.url:
        external["url"] = article.url
    if article.origin:
        external["external_id"] = article.origin
    return stix2.v21.Report(
        id=report_stix_id,
        name=article.title or article.origin or f"Article {article.pk}",
        published=published,
        report_types=["news-article"],
        object_refs=refs,
        external_references=[external] if len(external) > 1 else None,
        lang=article.language or None,
        x_kb_id=article.pk,
        x_kb_origin=article.origin or None,
        x_kb_published=article.published or None,
        x_kb_author=article.author or None,
        allow_custom=True,
        **_timestamps(article.ingested_at, article.updated_at),
    )


@dataclass(frozen=True)
class StixSummary:
    """What a STIX bundle says about actors: names, aliases and relationships."""

    aliases: dict[str, frozenset[str]]
    relationships: frozenset[tuple[str, str, str]]


def read_bundle(data: str | dict) -> StixSummary:
    """Re-import a bundle with ``stix2.parse``: actor names, aliases and relationships by name."""
    bundle = stix2.parse(data, allow_custom=True, version="2.1")
    names: dict[str, str] = {}
    aliases: dict[str, frozenset[str]] = {}
    for obj in bundle.objects:
        if obj.type in ("threat-actor", "identity", "intrusion-set"):
            names[obj.id] = obj.name
            found = obj.get("aliases") or obj.get("x_kb_aliases") or []
            aliases[obj.name] = frozenset(found)
    triples = set()
    for obj in bundle.objects:
        if obj.type == "relationship" and obj.source_ref in names and obj.target_ref in names:
            triples.add((names[obj.source_ref], obj.relationship_type, names[obj.target_ref]))
    return StixSummary(aliases=aliases, relationships=frozenset(triples))
