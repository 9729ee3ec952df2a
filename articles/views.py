"""Article pages: the list, the reader with highlights, the claim list and the claim page."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from actors.models import Actor
from articles.claimreview import as_script, claim_review
from articles.filters import ArticleFilter, ClaimFilter
from articles.highlight import CLAIM, EVENT, MENTION, Span, highlight
from articles.models import Article, Claim, ClaimLink, Mention
from articles.pages import set_claim_urls
from kb.core.pages import filtered, paginate


def _claimant(claim: Claim) -> str:
    if claim.claimant_text:
        return claim.claimant_text
    return claim.claimant.name if claim.claimant_id else "the author"


def article_list(request: HttpRequest) -> HttpResponse:
    """Articles, newest first, filtered with the API's ArticleFilter."""
    articles = Article.objects.for_list().with_counts()
    filterset, qs = filtered(ArticleFilter, request, articles, datalists={"actor": "actor-options"})
    if not request.GET.get("ordering"):
        qs = qs.order_by("-published_on", "-ingested_at", "-pk")
    context = {
        "filter": filterset,
        "page": paginate(request, qs),
        "actor_options": Actor.objects.filter(pk__in=Mention.objects.values("actor_id")).only(
            "slug", "name"
        ),
    }
    return render(request, "articles/list.html", context)


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The article with actor mentions, claims and event sources highlighted at their spans."""
    article = get_object_or_404(Article.objects.for_reader(), pk=pk)
    mentions = list(article.mentions.all())
    claims = list(article.claims.all())
    event_sources = list(article.event_sources.all())
    spans = [
        Span(m.start, m.end, MENTION, m.actor.get_absolute_url(), m.actor.name, f"m{m.pk}")
        for m in mentions
    ]
    spans += [
        Span(
            c.start,
            c.end,
            CLAIM,
            c.get_absolute_url(),
            f"{c.get_kind_display()} by {_claimant(c)}",
            f"c{c.pk}",
        )
        for c in claims
    ]
    spans += [
        Span(
            s.start,
            s.end,
            EVENT,
            s.event.get_absolute_url(),
            f"Event: {s.event.title}",
            f"e{s.event_id}",
        )
        for s in event_sources
        if s.event.status != "rejected"
    ]
    actors: dict[int, dict] = {}
    for m in mentions:
        entry = actors.setdefault(
            m.actor_id, {"actor": m.actor, "count": 0, "first": m.pk, "spellings": set()}
        )
        entry["count"] += 1
        entry["spellings"].add(m.text)
    events = {}
    for s in event_sources:
        if s.event.status != "rejected":
            events.setdefault(s.event_id, s.event)
    context = {
        "article": article,
        "body": highlight(article.body, spans),
        "actors": sorted(actors.values(), key=lambda e: (-e["count"], e["actor"].name)),
        "claims": claims,
        "events": sorted(events.values(), key=lambda e: (e.date_min is None, e.date_min, e.title)),
    }
    return render(request, "articles/detail.html", context)


def claim_list(request: HttpRequest) -> HttpResponse:
    """Claims filtered with the API's ClaimFilter."""
    base = Claim.objects.all() if request.GET.get("status") else Claim.objects.visible()
    filterset, qs = filtered(
        ClaimFilter,
        request,
        base.for_list(),
        datalists={"claimant": "actor-options", "subject": "actor-options"},
    )
    page = paginate(request, qs)
    set_claim_urls(page.object_list)
    context = {"filter": filterset, "page": page, "actor_options": _claim_actors()}
    return render(request, "articles/claim_list.html", context)


def _claim_actors():
    """Actors that make or are the subject of claims, for the filter's suggestions."""
    # One index probe per actor (few) on each side; ``pk IN (every claimant) OR pk IN
    # (every subject)`` was planned as a scan of both tables per actor: 5 s at 100k articles.
    return Actor.objects.filter(
        Exists(Claim.objects.filter(claimant_id=OuterRef("pk")))
        | Exists(Claim.subjects.through.objects.filter(actor_id=OuterRef("pk")))
    ).only("slug", "name")


def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A claim: its quote in the paragraph around it, claimant, subjects and linked claims."""
    claim = get_object_or_404(
        Claim.objects.select_related("article__source", "claimant", "event"), pk=pk
    )
    body = claim.article.body
    start = body.rfind("\n\n", 0, claim.sentence_start)
    start = 0 if start < 0 else start + 2
    end = body.find("\n\n", max(claim.end, claim.sentence_end))
    end = len(body) if end < 0 else end
    mentions = (
        Mention.objects.filter(article=claim.article, start__gte=start, end__lte=end)
        .exclude(status="rejected")
        .select_related("actor")
    )
    spans = [Span(claim.start, claim.end, CLAIM, "", f"Quote of claim {claim.pk}", "quote")]
    spans += [
        Span(m.start, m.end, MENTION, m.actor.get_absolute_url(), m.actor.name, "")
        for m in mentions
    ]
    same_event = (
        list(Claim.objects.visible().brief().filter(event=claim.event_id).exclude(pk=claim.pk)[:20])
        if claim.event_id
        else []
    )
    set_claim_urls(same_event)
    links = ClaimLink.objects.select_related(
        "from_claim__claimant", "to_claim__claimant", "from_claim__article", "to_claim__article"
    ).defer("from_claim__article__body", "to_claim__article__body")
    context = {
        "claim": claim,
        "claimant": _claimant(claim),
        "context_html": highlight(body[start:end], spans, offset=start),
        "subjects": claim.subjects.order_by("name"),
        "links_out": links.filter(from_claim=claim),
        "links_in": links.filter(to_claim=claim),
        "same_event": same_event,
        "claim_review": _claim_review_script(request, claim),
    }
    return render(request, "articles/claim_detail.html", context)


def _claim_review_script(request: HttpRequest, claim: Claim):
    """ClaimReview JSON-LD for a rated claim's page (None when it has no rating)."""
    review = claim_review(
        claim,
        url=request.build_absolute_uri(claim.get_absolute_url()),
        site_url=request.build_absolute_uri("/"),
        article_url=request.build_absolute_uri(claim.article.get_absolute_url()),
    )
    return as_script(review) if review else None
