"""schema.org ClaimReview (JSON-LD) of a claim an analyst has rated.

Google's fact-check structured data is the reference: ``claimReviewed``, ``reviewRating``
(with ``alternateName``) and ``url`` are required; ``author``, ``datePublished`` and
``itemReviewed`` (a ``Claim`` with its ``author``, ``datePublished`` and ``appearance``)
are recommended, and all are given.

The rating is the Admiralty credibility grade, turned so that a higher number is more
credible (schema.org's ``bestRating`` is the highest value): ratingValue = 6 − grade,
from 1 (grade 5, improbable) to 5 (grade 1, confirmed by other sources), with the grade's
words as ``alternateName``. Grade 6 ("truth cannot be judged", also the default before
an analyst looks) is no rating, so such claims have no ClaimReview.
"""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

from articles.models import Claim, Credibility

RATING_WORDS = {
    Credibility.CONFIRMED: "Confirmed by other sources",
    Credibility.PROBABLY_TRUE: "Probably true",
    Credibility.POSSIBLY_TRUE: "Possibly true",
    Credibility.DOUBTFUL: "Doubtful",
    Credibility.IMPROBABLE: "Improbable",
}
PUBLISHER = "Iran–Iraq–US relations knowledge base"
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def is_rated(claim: Claim) -> bool:
    """Whether the claim has a credibility grade to publish (1–5) and is not rejected."""
    return claim.credibility in RATING_WORDS and claim.status != "rejected"


def claim_review(claim: Claim, *, url: str, site_url: str, article_url: str) -> dict | None:
    """The ClaimReview of ``claim`` (absolute URLs given by the caller), or None if unrated.

    Reads ``claim.article`` (with its ``source``) and ``claim.claimant``: select them.
    """
    if not is_rated(claim):
        return None
    article = claim.article
    appearance = {
        "@type": "NewsArticle" if article.source_id else "CreativeWork",
        "url": article.url or article_url,
        "headline": article.title or str(article),
    }
    if article.source_id:
        appearance["publisher"] = {"@type": "Organization", "name": article.source.name}
    published = article.published_date
    item = {"@type": "Claim", "author": _claimant(claim), "appearance": appearance}
    if published is not None and published.precision == "day":
        item["datePublished"] = published.edtf()
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.quote if len(claim.quote) <= 300 else claim.quote[:299] + "…",
        "datePublished": claim.updated_at.date().isoformat(),
        "author": {"@type": "Organization", "name": PUBLISHER, "url": site_url},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 6 - claim.credibility,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": RATING_WORDS[claim.credibility],
        },
        "itemReviewed": item,
    }


def _claimant(claim: Claim) -> dict:
    """Who made the claim: the linked actor, the claimant as written, or the article's author."""
    actor = claim.claimant if claim.claimant_id else None
    if actor is not None:
        who = {"@type": "Person" if actor.kind == "person" else "Organization", "name": actor.name}
        if actor.wikidata_id:
            who["sameAs"] = f"https://www.wikidata.org/wiki/{actor.wikidata_id}"
        return who
    if claim.claimant_text:
        # Google wants a Person or an Organization; a claimant as written ("a senior
        # official") is most often one person.
        return {"@type": "Person", "name": claim.claimant_text}
    article = claim.article
    if article.author:
        return {"@type": "Person", "name": article.author}
    name = article.source.name if article.source_id else "the article's author"
    return {"@type": "Organization", "name": name}


def as_script(data: dict) -> SafeString:
    """JSON for a ``<script type="application/ld+json">`` element, with <, > and & escaped."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))
