"""One story as plain text and as a web page: the same body, mentions, claims and links
(issue 15, item 7: the claimant was the Pentagon in one and the spokesman in the other, and
the spokesman linked in one only)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from actors.models import Actor
from articles.models import Article, Claim, Mention
from tests.ingest.same_story import STORY_HTML, STORY_TXT


def _ingest(path: Path) -> dict:
    """What one file stores; then the database as it was (candidates made by it deleted)."""
    known = set(Actor.objects.values_list("pk", flat=True))
    call_command("ingest", str(path), stdout=StringIO(), stderr=StringIO())
    article = Article.objects.get()
    stored = {
        "title": article.title,
        "published": str(article.published),
        "body": article.body,
        "mentions": sorted(
            (m.actor.slug, m.start, m.end, m.rule)
            for m in Mention.objects.filter(article=article).select_related("actor")
        ),
        "claims": sorted(
            (c.quote, c.claimant.name if c.claimant else None, c.claimant_text, c.rule)
            for c in Claim.objects.filter(article=article).select_related("claimant")
        ),
    }
    Article.objects.all().delete()
    Actor.objects.exclude(pk__in=known).delete()
    return stored


@pytest.mark.django_db
def test_same_story_as_text_and_html_gives_the_same_text_links_and_claims(tmp_path):
    call_command("load_reference", stdout=StringIO(), stderr=StringIO())
    (tmp_path / "story.txt").write_text(STORY_TXT, encoding="utf-8")
    (tmp_path / "story.html").write_text(STORY_HTML, encoding="utf-8")
    text = _ingest(tmp_path / "story.txt")
    page = _ingest(tmp_path / "story.html")
    assert text == page
    claimants = {quote: (name, words) for quote, name, words, _ in text["claims"]}
    # the spokesman, not the Pentagon in his title, is the claimant, linked to his actor
    assert claimants["no civilians were hurt"] == ("Pat Ryder", "Pat Ryder")
    assert claimants["Baghdad had not been told in advance"] == (
        "Basim al-Awadi",
        "Basim al-Awadi",
    )
    assert "official website" not in text["body"] and "Photo by" not in text["body"]
