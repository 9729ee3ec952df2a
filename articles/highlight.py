"""Article text with spans (actor mentions, claims, event sources) highlighted, as safe HTML.

Spans may nest or overlap in any way (a mention inside a claim's quote, two claims sharing
words), and a span may cross a paragraph break. The body is cut at every span boundary and
paragraph break; each piece is escaped and wrapped in the elements of the spans that cover
it, outermost first. Wrapping every piece on its own keeps the HTML well nested whatever the
overlap, and a link never sits inside another link: a piece inside a mention links to the
actor, any other piece of a claim links to the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

MENTION, CLAIM, EVENT = "mention", "claim", "event"
_PARAGRAPH_RE = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Span:
    """A highlight over body[start:end]; `anchor` is the element id given to its first piece."""

    start: int
    end: int
    kind: str  # MENTION, CLAIM or EVENT
    url: str
    label: str  # tooltip: actor name, claimant, event title
    anchor: str = ""


def _paragraph_breaks(body: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH_RE.finditer(body)]


def _wrap(piece: str, spans: list[Span], opened: set[str]) -> str:
    """Escaped `piece` inside the elements of `spans`, the narrowest innermost."""
    html = escape(piece).replace("\n", "<br>")
    # The one link of a piece: the narrowest mention, else claim, else event source.
    link = None
    for kind in (MENTION, CLAIM, EVENT):
        candidates = [s for s in spans if s.kind == kind and s.url]
        if candidates:
            link = min(candidates, key=lambda s: (s.end - s.start, s.start))
            break
    for span in sorted(spans, key=lambda s: (s.end - s.start, s.start)):
        anchor = ""
        if span.anchor and span.anchor not in opened:
            anchor = span.anchor
            opened.add(anchor)
        id_attr = format_html(' id="{}"', anchor) if anchor else ""
        if span is link:
            html = format_html(
                '<a class="{}" href="{}" title="{}"{}>{}</a>',
                _LINK_CLASS[span.kind],
                span.url,
                span.label,
                id_attr,
                mark_safe(html),  # noqa: S308 - built from escaped pieces only
            )
            id_attr = ""
        if span.kind in _WRAPPER:
            html = format_html(
                _WRAPPER[span.kind],
                span.label,
                id_attr,
                mark_safe(html),  # noqa: S308
            )
        elif id_attr:
            html = format_html("<span{}>{}</span>", id_attr, mark_safe(html))  # noqa: S308
    return str(html)


_LINK_CLASS = {MENTION: "mention", CLAIM: "claim-link", EVENT: "event-link"}
_WRAPPER = {
    CLAIM: '<mark class="claim" title="{}"{}>{}</mark>',
    EVENT: '<span class="event-src" title="{}"{}>{}</span>',
}


def highlight(body: str, spans: list[Span], *, offset: int = 0) -> SafeString:
    """`body` as <p> paragraphs with `spans` highlighted; span offsets are shifted by -offset.

    Spans that fall outside the text, are empty or reversed are ignored.
    """
    length = len(body)
    valid = []
    for s in spans:
        start, end = max(0, s.start - offset), min(length, s.end - offset)
        if end > start:
            valid.append(Span(start, end, s.kind, s.url, s.label, s.anchor))
    breaks = _paragraph_breaks(body)
    cuts = {0, length}
    for s in valid:
        cuts.update((s.start, s.end))
    for a, b in breaks:
        cuts.update((a, b))
    points = sorted(cuts)
    in_break = {a: b for a, b in breaks}
    paragraphs: list[list[str]] = [[]]
    opened: set[str] = set()  # anchors already given to an element
    i = 0
    while i < len(points) - 1:
        a, b = points[i], points[i + 1]
        if a in in_break:  # paragraph separator: start a new paragraph, skip the blank lines
            paragraphs.append([])
            end = in_break[a]
            while i < len(points) - 1 and points[i + 1] <= end:
                i += 1
            continue
        covering = [s for s in valid if s.start <= a and s.end >= b]
        paragraphs[-1].append(_wrap(body[a:b], covering, opened))
        i += 1
    html = "".join(f"<p>{''.join(p)}</p>" for p in paragraphs if "".join(p).strip())
    return mark_safe(html)  # noqa: S308 - every text piece was escaped in _wrap
