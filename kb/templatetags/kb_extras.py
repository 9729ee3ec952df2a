"""Template filters and tags for the researcher pages."""

from __future__ import annotations

import re
from html import unescape

from django import template
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe

from articles.titles import excerpt as _excerpt
from kb.core.edtf import PRECISION_LABELS, human_date, human_range

register = template.Library()


@register.filter
def web_url(value: str) -> str:
    """``value`` when it is an http(s) URL, else "": only web links are ever rendered as
    links (no javascript:, data: or file: URL stored by older ingests or imports)."""
    value = (value or "").strip()
    scheme, _, rest = value.partition(":")
    return value if scheme.lower() in ("http", "https") and rest.startswith("//") else ""


@register.filter
def edtf(value: str) -> str:
    """An EDTF date for people (``2023-03`` → ``March 2023``)."""
    return human_date(value)


@register.simple_tag
def date_range(start: str, end: str = "") -> str:
    """A start and optional end EDTF date for people."""
    return human_range(start, end)


@register.filter
def precision_label(value: str) -> str:
    """What a date precision means: ``month`` → ``month only``."""
    return PRECISION_LABELS.get(value, value)


@register.inclusion_tag("kb/_timeline.html")
def timeline(tl, *, compact: bool = False):
    """Render a :class:`~events.timeline.Timeline`."""
    return {"tl": tl, "compact": compact}


@register.inclusion_tag("kb/_pagination.html", takes_context=True)
def pagination(context, page):
    """Previous/next links and the position in a paginated list, keeping the filters."""
    return {"page": page, "request": context["request"]}


DERIVED_TITLE_HELP = "The article has no title: this is its first heading or sentence."


@register.filter
def derived_mark(article) -> str:
    """A small marker after an article title that was derived from its text (else nothing)."""
    if not getattr(article, "title_derived", False):
        return ""
    return format_html(
        ' <span class="derived-title" title="{}">untitled · first sentence</span>',
        DERIVED_TITLE_HELP,
    )


_CELL = re.compile(r"^(<t[dh]\b)([^>]*)>")
CELL_TITLE_CHARS = 12  # shorter cells are never cut (admin.css: changelist cells)


@register.filter
def cell_title(cell) -> str:
    """A changelist cell with its full text in a title attribute: admin.css cuts long cells
    with an ellipsis so the list fits its area. Cells with form fields are left alone."""
    html = str(cell)
    head = _CELL.match(html)
    if head is None or "title=" in head.group(2) or "<select" in html or "<input" in html:
        return cell
    text = " ".join(unescape(strip_tags(html)).split())
    if len(text) < CELL_TITLE_CHARS:
        return cell
    return mark_safe(f'{head.group(1)}{head.group(2)} title="{escape(text)}">{html[head.end() :]}')  # noqa: S308


@register.filter
def excerpt(text: str, limit: int = 140) -> str:
    """At most `limit` characters of `text`, cut at a clause break or a whole word."""
    return _excerpt(text, int(limit))
