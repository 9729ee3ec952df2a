"""ClaimReview JSON-LD on rated claims' pages and in an export, checked as JSON-LD against
schema.org terms and Google's required and recommended fact-check properties."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from pyld import jsonld

from articles.models import Claim
from tests.factories import make_claim

pytestmark = pytest.mark.django_db

S = "https://schema.org/"


def _schema_org_loader(url, options=None):
    # The schema.org context, offline: its terms are schema.org IRIs (what @vocab says).
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": S}},
        }
    raise jsonld.JsonLdError(f"no network: {url}", "jsonld.LoadDocumentError")


def claim_reviews(document) -> list[dict]:
    """The ClaimReview nodes of a JSON-LD document, expanded (full schema.org IRIs)."""
    expanded = jsonld.expand(document, {"documentLoader": _schema_org_loader})
    nodes = []
    for node in expanded:
        nodes += node.get("@graph", [node])
    return [n for n in nodes if S + "ClaimReview" in n.get("@type", [])]


def value(node: dict, prop: str):
    (item,) = node[S + prop]
    return item.get("@value", item)


def check_google_claimreview(node: dict) -> None:
    """Google's required properties (claimReviewed, reviewRating with alternateName, url) and
    the recommended ones (author, datePublished, itemReviewed: Claim with author, appearance)."""
    assert value(node, "claimReviewed")
    assert value(node, "url").startswith("http")
    rating = value(node, "reviewRating")
    assert rating["@type"] == [S + "Rating"]
    assert value(rating, "alternateName")
    assert (
        value(rating, "worstRating") <= value(rating, "ratingValue") <= value(rating, "bestRating")
    )
    assert value(rating, "worstRating") < value(rating, "bestRating")
    author = value(node, "author")
    assert author["@type"][0] in (S + "Organization", S + "Person") and value(author, "name")
    assert value(node, "datePublished")
    item = value(node, "itemReviewed")
    assert item["@type"] == [S + "Claim"]
    claimant = value(item, "author")
    assert claimant["@type"][0] in (S + "Organization", S + "Person") and value(claimant, "name")
    assert value(value(item, "appearance"), "url").startswith("http")


def page_json_ld(claim) -> list:
    response = Client().get(claim.get_absolute_url())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def test_a_rated_claims_page_carries_its_claimreview(kb):
    (document,) = page_json_ld(kb.claim)
    (review,) = claim_reviews(document)
    check_google_claimreview(review)
    rating = value(review, "reviewRating")
    # Admiralty 2 ("probably true") → 4 of 5.
    assert (value(rating, "ratingValue"), value(rating, "alternateName")) == (4, "Probably true")
    item = value(review, "itemReviewed")
    assert value(value(item, "author"), "name") == "United States"
    assert value(value(item, "appearance"), "url") == "https://example.org/a"
    assert value(item, "datePublished") == "2019-12-31"
    assert value(review, "url").endswith(kb.claim.get_absolute_url())


def test_an_unrated_claims_page_has_none(kb):
    Claim.objects.filter(pk=kb.claim.pk).update(credibility=6)
    assert page_json_ld(kb.claim) == []


def test_claim_text_cannot_close_the_script(kb):
    article = kb.article
    article.body += " He wrote </script><script>alert(1)</script> & more."
    article.save()
    claim = make_claim(article, "</script><script>alert(1)</script>", credibility=3)
    html = Client().get(claim.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    (document,) = page_json_ld(claim)
    assert document["claimReviewed"] == "</script><script>alert(1)</script>"


def test_the_export_lists_rated_claims_as_claimreviews(api_client, kb):
    Claim.objects.filter(pk=kb.denial.pk).update(credibility=6)
    response = api_client.get("/api/v1/export/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    document = json.loads(b"".join(response.streaming_content))
    (review,) = claim_reviews(document)
    check_google_claimreview(review)
    assert value(review, "claimReviewed") == kb.claim.quote


def test_the_export_follows_the_claim_filters(api_client, kb):
    def reviews(query):
        response = api_client.get(f"/api/v1/export/claimreview/{query}")
        assert response.status_code == 200
        return claim_reviews(json.loads(b"".join(response.streaming_content)))

    assert len(reviews("")) == 2
    assert len(reviews("?kind=denial")) == 1
    assert api_client.get("/api/v1/export/claimreview/?kind=rumour").status_code == 400
