"""Tiny hand-made catalog, article and predictions for the scorer's tests."""

from __future__ import annotations

from kb.evaluation.gold import GoldArticle
from kb.evaluation.pipeline import (
    Catalog,
    CatalogActor,
    ClaimProposal,
    CleanDocument,
    EventProposal,
    Extraction,
    MentionProposal,
    RoleProposal,
)

BODY = (
    "Alpha Brigade fired rockets at Camp Zed on 3 March 2024. "
    "Gamma officials said the attack was planned. "
    "Delta denied any role. "
    "The Council designated Alpha Brigade on 5 March 2024. "
    "Share this page"
)


def span(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


def sentence(text: str) -> tuple[int, int]:
    """The sentence of BODY containing ``text`` (sentences end with '. ')."""
    start = BODY.rfind(". ", 0, BODY.index(text))
    start = 0 if start < 0 else start + 2
    end = BODY.find(". ", start)
    return start, (len(BODY) if end < 0 else end + 1)


def small_catalog() -> Catalog:
    return Catalog(
        actors=[
            CatalogActor("alpha", "Alpha Brigade", "armed_group"),
            CatalogActor("gamma", "Gamma", "state", aliases=("Gamma Republic",)),
            CatalogActor("delta", "Delta", "state"),
            CatalogActor("council", "Council", "government_body"),
            CatalogActor("omega", "Omega", "state"),
        ]
    )


def claim(text: str, kind: str = "statement", claimant: str | None = None, claimant_text: str = ""):
    s, e = span(text)
    ss, se = sentence(text)
    return ClaimProposal(s, e, ss, se, kind, claimant=claimant, claimant_text=claimant_text)


def event(text: str, kind: str, participants=(), date=None, place=None, title="t"):
    s, e = sentence(text)
    roles = [RoleProposal(key, role) for key, role in participants]
    return EventProposal(title, kind, s, e, date=date, place=place, participants=roles)


def mention(key: str, text: str) -> MentionProposal:
    s, e = span(text)
    return MentionProposal(key, s, e, text)


def extraction(**kwargs) -> Extraction:
    doc = CleanDocument(body=BODY, paragraphs=[(0, len(BODY))])
    doc.published = kwargs.pop("published", None)
    return Extraction(document=doc, **kwargs)


def article(**kwargs) -> GoldArticle:
    base = dict(name="a.txt", path=None, kind_of_source="news_article", published=None)
    base.update(kwargs)
    return GoldArticle(**base)
