"""Actor pages: the list by kind and the actor profile."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from actors.filters import ActorFilter
from actors.graph import Edge, relationship_graph
from actors.models import Actor, ActorKind, Relationship
from articles.models import Article, Claim, Mention
from articles.pages import set_claim_urls
from events.models import Event
from events.timeline import build_timeline
from kb.core.pages import PageUrls, filtered, paginate, shown

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
    base = shown(request, base)  # the kind tabs count what the list shows
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


def _section_query(actor: Actor, kind: str, outgoing: bool) -> str:
    """API relationships-list filters for one section of the profile."""
    end = "actor" if kind in SYMMETRIC else ("source" if outgoing else "target")
    return f"{end}={actor.slug}&kind={kind}"


def _ties(actor: Actor, children: list[Actor], relationships: list[Relationship]):
    """(sections, edges): the profile's relationship sections, and the graph's edges.

    Parent and children have their own rows on the profile and are not repeated as
    relationships, but they are ties in the graph, even without a part_of relationship row.
    """
    actor_url = PageUrls("actors:detail", "slug")
    sections: dict[str, dict] = {}
    edges = []
    child_ids = {c.pk for c in children}
    for rel in relationships:
        outgoing = rel.source_id == actor.pk
        other = rel.target if outgoing else rel.source
        other.page_url = actor_url(other.slug)
        edges.append(Edge(other, rel.kind, outgoing))
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
    linked = {(e.other.pk, e.kind) for e in edges}
    if actor.parent and (actor.parent.pk, "part_of") not in linked:
        edges.append(Edge(actor.parent, "part_of", True))
    for child in children:
        child.page_url = actor_url(child.slug)
        if (child.pk, "part_of") not in linked:
            edges.append(Edge(child, "part_of", False))
    return sorted(sections.items()), edges


def _set_article_display(actor: Actor, articles: list[Article]) -> None:
    """Give each article its page URL and how the actor is written in it (and how often)."""
    article_url = PageUrls("articles:detail")
    written = Mention.objects.spellings(actor, [a.pk for a in articles])
    for article in articles:
        article.spellings, article.mention_count = written.get(article.pk, ([], 0))
        article.page_url = article_url(article.pk)


def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An actor's profile: aliases, ties, graph, events, claims and the articles naming it."""
    actor = get_object_or_404(Actor.objects.with_aliases(), slug=slug)
    children = list(actor.children.visible().brief().order_by("name"))
    relationships = list(Relationship.objects.touching(actor).visible().brief())
    sections, edges = _ties(actor, children, relationships)
    events = shown(request, Event.objects.all()).latest_involving(actor, TIMELINE_LIMIT)
    articles = Article.objects.latest_mentioning(actor, PROFILE_LIMIT)
    _set_article_display(actor, articles)
    claims = shown(request, Claim.objects.visible()).brief()
    claims_made = list(claims.filter(claimant=actor)[:PROFILE_LIMIT])
    claims_about = list(claims.filter(subjects=actor)[:PROFILE_LIMIT])
    set_claim_urls(claims_made + claims_about)
    context = {
        "actor": actor,
        "aliases": [a for a in actor.aliases.all() if a.text != actor.name],
        "children": children,
        "sections": sections,
        "relationships_url": reverse("api:relationship-list"),
        "graph": relationship_graph(actor, edges),
        "timeline": build_timeline(events),
        "event_count": len(events),
        "claims_made": claims_made,
        "claims_about": claims_about,
        "articles": articles,
        "article_total": actor.article_count,  # stored; kept by the write services
    }
    return render(request, "actors/detail.html", context)
