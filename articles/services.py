"""Writes on claims and mentions: review decisions and hand-made links between claims."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction

from articles.models import Claim, ClaimLink, ClaimLinkKind
from kb.core.choices import Origin
from kb.core.history import review_set_status, save_tracked


def claim_set_status(*, claims: models.QuerySet, status: str, user=None) -> int:
    """Accept or reject claims in bulk (with history); returns how many changed."""
    return review_set_status(queryset=claims, status=status, user=user, reason=f"review: {status}")


def mention_set_status(*, mentions: models.QuerySet, status: str, user=None) -> int:
    """Accept or reject actor mentions in bulk; returns how many changed."""
    return review_set_status(
        queryset=mentions, status=status, user=user, reason=f"review: {status}"
    )


def claim_link(*, from_claim: Claim, to_claim: Claim, kind: str, user=None) -> ClaimLink:
    """Record by hand that one claim supports or contradicts another (idempotent)."""
    if from_claim.pk == to_claim.pk:
        raise ValidationError("A claim cannot support or contradict itself.")
    if kind not in ClaimLinkKind.values:
        raise ValidationError(f"Unknown link kind: {kind!r}.")
    with transaction.atomic():
        link = ClaimLink.objects.filter(from_claim=from_claim, to_claim=to_claim, kind=kind).first()
        if link is None:
            link = ClaimLink(
                from_claim=from_claim, to_claim=to_claim, kind=kind, origin=Origin.ANALYST
            )
            save_tracked(link, user=user, reason="linked by hand")
        return link
