"""Claims ready for the claim list partial (articles/_claims.html) that several apps' pages show."""

from __future__ import annotations

from kb.core.pages import PageUrls


def set_claim_urls(claims) -> None:
    """Set ``page_url`` on each claim, its article and its claimant, as the claim list
    template (articles/_claims.html) links them: one reverse() per view, not per link."""
    claim_url, article_url = PageUrls("articles:claim"), PageUrls("articles:detail")
    actor_url = PageUrls("actors:detail", "slug")
    for claim in claims:
        claim.page_url = claim_url(claim.pk)
        claim.article.page_url = article_url(claim.article_id)
        if claim.claimant is not None:
            claim.claimant.page_url = actor_url(claim.claimant.slug)
