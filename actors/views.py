"""Actor pages: the list by kind and the actor profile."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from actors.filters import ActorFilter
from actors.graph import Edge, relationship_graph
from actors.models import Actor, ActorKind, Relationship
from articles.models import Article, Claim, Mention
from articles.pages import set_claim_urls
from events.models import Event, Participant
from events.timeline import TIMELINE_FIELDS, build_timeline
from kb.core.pages import PageUrls, filtered, paginate

PROFILE_LIMIT = 20  # rows per section of a profile; the lists behind the links page on
TIMELINE_LIMIT = 60  # the newest events on the profile; the events list has them all
# Ties named per relationship section (allies, rivals…); the relationships list (API) has
# them all. The most connected actors have hundreds.
SECTION_LIMIT = 12
# Kinds that read the same from either end: one section, listed by `actor=` in the API.
SYMMETRIC = {"allied_with", "opposed_to"}

# How each relationship kind reads from either end, for the profile's sections.
SECTIONS = {
    ("allied_with", True): "Allies",
    ("allied_with", False): "Allies",
    ("backed_by", True): "Backed by",
    ("backed_by", False): "Backs",
    ("opposed_to", True): "Rivals and opponents",
    ("opposed_to", False): "Rivals and opponents",
    ("part_of", True): "Part of",
    ("part_of", False): "Parts",
    ("member_of", True): "Member of",
    ("member_of", False): "Members",
    ("leads", True): "Leads",
    ("leads", False): "Led by",
}


def actor_list(request: HttpRequest) -> HttpResponse:
    """Actors by kind, with mention and article counts."""
    base = Actor.objects.all() if request.GET.get("status") else Actor.objects.visible()
    filterset, qs = filtered(ActorFilter, request, base.for_list())
    if not request.GET.get("ordering"):
        qs = qs.order_by("kind", "name")
    counts = base.kind_counts()
    # In the order the list groups them (by kind value).
    kinds = sorted((value, label, counts.get(value, 0)) for value, label in ActorKind.choices)
    context = {
        "filter": filterset,
        "page": paginate(request, qs),
        "kinds": kinds,
        "kind": request.GET.get("kind", ""),
        "total": sum(counts.values()),
    }
    return render(request, "actors/list.html", context)


SPARSE_ARTICLES = 1000  # below this many articles, look them up by id


def _newest_articles(actor: Actor) -> list[Article]:
    """The newest PROFILE_LIMIT articles naming the actor, at bounded cost.

    The (actor, article) index yields the actor's first article ids; an actor named in few
    articles gets them by id (no walk over recent articles probing each one), an actor
    named in many by a semi-join the planner stops after PROFILE_LIMIT rows.
    """
    ids = list(
        Mention.objects.filter(actor=actor)
        .order_by("article_id")
        .values_list("article_id", flat=True)
        .distinct()[: SPARSE_ARTICLES + 1]
    )
    if not ids:
        return []
    naming = Mention.objects.filter(actor=actor).values("article_id")
    return list(
        Article.objects.filter(pk__in=ids if len(ids) <= SPARSE_ARTICLES else naming)
        .for_list()
        .order_by("-published_on", "-ingested_at")[:PROFILE_LIMIT]
    )


def _latest_events(actor: Actor) -> list[Event]:
    """The newest TIMELINE_LIMIT events the actor takes part in, oldest first.

    Dated events newest first, walking the date index backwards and probing each event's
    participants (the planner's choice for an actor in many events; for one in few, it
    reads them by id), then, when fewer than TIMELINE_LIMIT, those without a known year.
    Ordering on ``date_min DESC NULLS LAST`` instead matched no index: every visible event
    was read and sorted.
    """
    involving = (
        Event.objects.visible()
        .filter(pk__in=Participant.objects.filter(actor=actor).values("event_id"))
        .only(*TIMELINE_FIELDS)
    )
    events = list(
        involving.filter(date_min__isnull=False).order_by("-date_min", "-title")[:TIMELINE_LIMIT]
    )
    if len(events) < TIMELINE_LIMIT:
        events += involving.filter(date_min__isnull=True).order_by("-title")[
            : TIMELINE_LIMIT - len(events)
        ]
    events.reverse()  # drawn oldest first
    return events


def _section_query(actor: Actor, kind: str, outgoing: bool) -> str:
    """API relationships-list filters for one section of the profile."""
    end = "actor" if kind in SYMMETRIC else ("source" if outgoing else "target")
    return f"{end}={actor.slug}&kind={kind}"


def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An actor's profile: aliases, ties, graph, events, claims and the articles naming it."""
    actor = get_object_or_404(Actor.objects.with_aliases(), slug=slug)
    actor_url = PageUrls("actors:detail", "slug")
    children = list(
        actor.children.visible().order_by("name").only("name", "slug", "status", "parent")
    )
    relationships = list(
        Relationship.objects.filter(Q(source=actor) | Q(target=actor))
        .exclude(status="rejected")
        .select_related("source", "target")
        .only(
            "kind",
            "start",
            "end",
            "status",
            "source",
            "target",
            "source__name",
            "source__slug",
            "target__name",
            "target__slug",
        )
    )
    sections: dict[str, dict] = {}
    edges = []
    child_ids = {c.pk for c in children}
    for rel in relationships:
        outgoing = rel.source_id == actor.pk
        other = rel.target if outgoing else rel.source
        other.page_url = actor_url(other.slug)
        edges.append(Edge(other, rel.kind, outgoing))
        # Parent and children have their own rows; do not repeat them as relationships.
        hierarchy = rel.kind == "part_of" and (
            (outgoing and other.pk == actor.parent_id) or (not outgoing and other.pk in child_ids)
        )
        if not hierarchy:
            section = sections.setdefault(
                SECTIONS[(rel.kind, outgoing)],
                {"rows": [], "query": _section_query(actor, rel.kind, outgoing), "more": 0},
            )
            if len(section["rows"]) < SECTION_LIMIT:
                section["rows"].append((other, rel))
            else:
                section["more"] += 1
    # Parent and children are ties too, even without a part_of relationship row.
    linked = {(e.other.pk, e.kind) for e in edges}
    if actor.parent and (actor.parent.pk, "part_of") not in linked:
        edges.append(Edge(actor.parent, "part_of", True))
    for child in children:
        child.page_url = actor_url(child.slug)
        if (child.pk, "part_of") not in linked:
            edges.append(Edge(child, "part_of", False))

    events = _latest_events(actor)
    articles = _newest_articles(actor)
    article_url = PageUrls("articles:detail")
    spellings: dict[int, list[str]] = {}
    counts: dict[int, int] = {}
    for article_id, text, n in (
        Mention.objects.filter(actor=actor, article__in=[a.pk for a in articles])
        .values_list("article_id", "text")
        .annotate(n=Count("pk"))
        .order_by("article_id", "text")
    ):
        spellings.setdefault(article_id, []).append(text)
        counts[article_id] = counts.get(article_id, 0) + n
    for article in articles:
        article.spellings = spellings.get(article.pk, [])
        article.mention_count = counts.get(article.pk, 0)
        article.page_url = article_url(article.pk)

    claims = Claim.objects.visible().select_related("article", "claimant").defer("article__body")
    claims_made = list(claims.filter(claimant=actor)[:PROFILE_LIMIT])
    claims_about = list(claims.filter(subjects=actor)[:PROFILE_LIMIT])
    set_claim_urls(claims_made + claims_about)
    context = {
        "actor": actor,
        "aliases": [a for a in actor.aliases.all() if a.text != actor.name],
        "children": children,
        "sections": sorted(sections.items()),
        "relationships_url": reverse("api:relationship-list"),
        "graph": relationship_graph(actor, edges),
        "timeline": build_timeline(events),
        "event_count": len(events),
        "claims_made": claims_made,
        "claims_about": claims_about,
        "articles": articles,
        "article_total": actor.article_count,  # stored; see actor_counts_refresh
    }
    return render(request, "actors/detail.html", context)
