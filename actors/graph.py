"""A small relationship graph of one actor, drawn as server-side SVG.

The actor sits in the centre, its neighbours on a circle around it; each edge is coloured by
the kind of tie and labelled, each node links to the neighbour's page. The drawing is a
labelled group of links (not an image: an image's children are hidden from assistive
technology, links included), followed by the same ties as a table for screen readers and a
legend of the line colours in the words the edges use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
MAX_NEIGHBOURS = 14
# How a tie reads from the centre actor, as source (outgoing) or as target.
OUTGOING = {
    "part_of": "part of",
    "backed_by": "backed by",
    "allied_with": "allied with",
    "opposed_to": "opposes",
    "leads": "leads",
    "member_of": "member of",
}
INCOMING = {
    "part_of": "has part",
    "backed_by": "backs",
    "allied_with": "allied with",
    "opposed_to": "opposed by",
    "leads": "led by",
    "member_of": "has member",
}


@dataclass(frozen=True)
class Edge:
    """A tie seen from the centre actor: `outgoing` when the centre is the source."""

    other: object  # Actor
    kind: str
    outgoing: bool


def _n(value: float) -> str:
    """A coordinate for SVG, one decimal."""
    return f"{value:.1f}"


# Label widths are estimated from the widest average character measured in Chromium for
# the page's sans-serif fonts (bold 13 px ≈ 7.9 px a character over the catalog's names,
# regular 12 px ≈ 6.4), with a margin; tests/browser/test_graph_labels.py measures the result.
CENTRE_CHAR, NODE_CHAR = 8.6, 7.2
NODE_WIDTH, CENTRE_MIN, CENTRE_MAX, PAD = 156, 170, 300, 14


def _fit(name: str, width: float, char: float) -> str:
    """`name`, cut with "…" to what `width` pixels hold at `char` pixels a character."""
    limit = max(4, int(width / char))
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def relationship_graph(actor, edges: list[Edge]) -> SafeString:
    """SVG of `actor` and its neighbours, then the same ties as a table; '' when it has none."""
    by_other: dict[int, list[Edge]] = {}
    for edge in edges:
        by_other.setdefault(edge.other.pk, []).append(edge)
    others = list(by_other.values())[:MAX_NEIGHBOURS]
    if not others:
        return mark_safe("")
    n = len(others)
    # A few neighbours sit above and below the centre: a shorter drawing, no empty band.
    ry = 70 if n <= 2 else 155
    height = 2 * ry + 90
    cx, cy = WIDTH / 2, height / 2
    rx = WIDTH / 2 - 80
    parts: list[str] = []
    nodes: list[str] = []
    rows: list[tuple[str, str]] = []
    for i, group in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        other = group[0].other
        kinds = sorted({e.kind for e in group})
        label = "; ".join((OUTGOING if e.outgoing else INCOMING).get(e.kind, e.kind) for e in group)
        rows.append((other.name, label))
        parts.append(
            format_html(
                '<line class="edge edge-{}" x1="{}" y1="{}" x2="{}" y2="{}"/>'
                '<text class="edge-label" x="{}" y="{}">{}</text>',
                kinds[0],
                _n(cx),
                _n(cy),
                _n(x),
                _n(y),
                _n(cx + (x - cx) * 0.52),
                _n(cy + (y - cy) * 0.52 - 4),
                label,
            )
        )
        nodes.append(
            format_html(
                '<a href="{}" class="node" aria-label="{}"><title>{}</title>'
                '<rect x="{}" y="{}" width="{}" height="26" rx="13"/>'
                '<text x="{}" y="{}">{}</text></a>',
                other.get_absolute_url(),
                f"{other.name}: {label}",
                f"{other.name}: {label}",
                _n(x - NODE_WIDTH / 2),
                _n(y - 13),
                NODE_WIDTH,
                _n(x),
                _n(y + 4.5),
                _fit(other.name, NODE_WIDTH - 2 * PAD, NODE_CHAR),
            )
        )
    # The centre box grows with the name, up to CENTRE_MAX; past that the name is cut.
    centre_label = _fit(actor.name, CENTRE_MAX - 2 * PAD, CENTRE_CHAR)
    centre_width = min(CENTRE_MAX, max(CENTRE_MIN, len(centre_label) * CENTRE_CHAR + 2 * PAD))
    centre = format_html(
        '<g class="node centre" aria-hidden="true"><rect x="{}" y="{}" width="{}" height="30" '
        'rx="15"/><text x="{}" y="{}">{}</text></g>',
        _n(cx - centre_width / 2),
        _n(cy - 15),
        _n(centre_width),
        _n(cx),
        _n(cy + 5),
        centre_label,
    )
    svg = format_html(
        '<svg class="graph-svg" viewBox="0 0 {} {}" role="group" aria-label="{}">'
        '<g aria-hidden="true">{}</g>{}{}</svg>',
        WIDTH,
        height,
        f"Relationship graph of {actor.name}, {n} actor{'s' if n != 1 else ''}: "
        "each link opens an actor; the table after it lists the same ties",
        mark_safe("".join(parts)),  # noqa: S308 - pieces built with format_html
        mark_safe("".join(nodes)),  # noqa: S308
        centre,
    )
    table = format_html(
        '<table class="visually-hidden graph-table"><caption>How {} relates to each actor '
        "in the graph</caption>"
        '<thead><tr><th scope="col">Relation</th><th scope="col">Actor</th></tr></thead>'
        "<tbody>{}</tbody></table>",
        actor.name,
        format_html_join("", "<tr><td>{}</td><td>{}</td></tr>", ((lb, nm) for nm, lb in rows)),
    )
    return svg + table + _legend(others)


def _legend(groups: list[list[Edge]]) -> SafeString:
    """The line colours of the ties drawn, named as their edges are labelled ("backs")."""
    labels: dict[str, list[str]] = {}
    for group in groups:
        for e in group:
            label = (OUTGOING if e.outgoing else INCOMING).get(e.kind, e.kind)
            if label not in labels.setdefault(e.kind, []):
                labels[e.kind].append(label)
    return format_html(
        '<figcaption class="graph-legend">Line colours: {}</figcaption>',
        format_html_join(
            " ",
            '<span class="lg-item"><span class="lg edge-{}"></span>{}</span>',
            ((kind, " / ".join(names)) for kind, names in sorted(labels.items())),
        ),
    )
