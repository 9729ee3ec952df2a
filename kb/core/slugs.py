"""Slugs that do not collide."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify


def free_slug(model: type[models.Model], wanted: str, fallback: str = "") -> str:
    """``wanted`` (or ``fallback``) slugified, with -2, -3 … until no row of ``model`` has it."""
    field = model._meta.get_field("slug")
    base = (slugify(wanted) or slugify(fallback) or "item")[: field.max_length - 8]
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
