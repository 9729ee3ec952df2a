"""Which rows go into a STIX bundle, loaded in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q

from actors.models import Actor, Relationship
from articles.models import Article, Claim, ClaimLink, Mention
from events.models import Event, EventSource, Participant, Place
from kb.core.choices import ReviewStatus
from kb.interop.models import StixLink


@dataclass
class Scope:
    """Which rows go into the bundle: everything, or one actor's neighbourhood."""

    actor: Actor | None = None
    status: str | None = None

    def reviewed(self, queryset):
        if self.status:
            return queryset.filter(status=self.status)
        return queryset.exclude(status=ReviewStatus.REJECTED)


@dataclass
class Rows:
    actors: list
    relationships: list
    places: list
    events: list
    articles: list
    claims: list
    #: (model label, pk) → the STIX id the row was imported with.
    imported_ids: dict[tuple[str, int], str] = field(default_factory=dict)
    imported_created: dict[str, object] = field(default_factory=dict)

    def count(self) -> int:
        return sum(
            len(x)
            for x in (
                self.actors,
                self.relationships,
                self.places,
                self.events,
                self.articles,
                self.claims,
            )
        )


def scope_size(scope: Scope) -> int:
    """Rows a bundle of ``scope`` would hold, roughly: articles, events and claims (cheap)."""
    if scope.actor is not None:
        pk = scope.actor.pk
        return (
            Mention.objects.filter(actor=pk).values("article").distinct().count()
            + Participant.objects.filter(actor=pk).count()
            + scope.reviewed(Claim.objects.filter(Q(claimant=pk) | Q(subjects=pk))).count()
        )
    return (
        Article.objects.count()
        + scope.reviewed(Event.objects.all()).count()
        + scope.reviewed(Claim.objects.all()).count()
    )


def load_rows(scope: Scope) -> Rows:
    """The rows of ``scope`` with everything the bundle needs prefetched."""
    actors = scope.reviewed(Actor.objects.prefetch_related("aliases"))
    relationships = scope.reviewed(
        Relationship.objects.prefetch_related(
            Prefetch("evidence_articles", queryset=Article.objects.only("pk")),
            Prefetch("evidence_claims", queryset=Claim.objects.only("pk")),
        )
    )
    events = scope.reviewed(
        Event.objects.prefetch_related(
            Prefetch("participants", queryset=Participant.objects.order_by("pk")),
            Prefetch("sources", queryset=EventSource.objects.order_by("pk")),
        )
    )
    claims = scope.reviewed(
        Claim.objects.select_related("claimant").prefetch_related(
            Prefetch("subjects", queryset=Actor.objects.only("pk")),
            Prefetch("links_out", queryset=ClaimLink.objects.order_by("pk")),
        )
    )
    articles = Article.objects.select_related("source").prefetch_related(
        Prefetch("mentions", queryset=scope.reviewed(Mention.objects.order_by("start", "pk")))
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
    rows = Rows(
        actors=list(actors.order_by("pk")),
        relationships=list(relationships),
        places=list(places.order_by("pk")),
        events=list(events),
        articles=list(articles.order_by("pk")),
        claims=list(claims),
    )
    _load_imported_ids(rows)
    return rows


def _load_imported_ids(rows: Rows) -> None:
    """The STIX ids rows were imported with (one query per table that has any)."""
    tables = {
        Actor: rows.actors,
        Place: rows.places,
        Relationship: rows.relationships,
        Event: rows.events,
        Article: rows.articles,
        Claim: rows.claims,
        Participant: [p for e in rows.events for p in e.participants.all()],
        ClaimLink: [link for c in rows.claims for link in c.links_out.all()],
    }
    types = ContentType.objects.get_for_models(*tables)
    links = StixLink.objects.filter(created=True, content_type__in=types.values())
    if not links.exists():
        return
    for model, objs in tables.items():
        pks = [o.pk for o in objs]
        if not pks:
            continue
        found = links.filter(content_type=types[model], object_id__in=pks).values_list(
            "object_id", "stix_id", "stix_created"
        )
        for object_id, sid, created in found:
            rows.imported_ids[(model._meta.label_lower, object_id)] = sid
            if created is not None:
                rows.imported_created[sid] = created
