"""Relationship graphs in a real browser: every label fits the shape drawn around it, and the
legend names the line colours in the words the edges use (issue 15: "opular Mobilization Fo…"
overflowed the centre, the legend said "backed by" where edges said "backs")."""

from __future__ import annotations

import pytest
from django.db.models import Count
from django.db.models.functions import Length

from actors.models import Actor

pytestmark = pytest.mark.browser

MEASURE = """() => [...document.querySelectorAll('svg.graph-svg .node')].map(node => {
  const rect = node.querySelector('rect').getBBox(), text = node.querySelector('text').getBBox();
  return {label: node.querySelector('text').textContent, text: [text.x, text.x + text.width],
          rect: [rect.x, rect.x + rect.width], centre: node.classList.contains('centre')};
})"""


def test_graph_labels_fit_their_shapes_and_the_legend_uses_the_edge_words(
    live_server, page, shot, demo_kb
):
    # The actors with relationships and the longest names: the hardest centre labels.
    actors = list(
        Actor.objects.annotate(ties=Count("relationships_out") + Count("relationships_in"))
        .filter(ties__gt=0)
        .annotate(length=Length("name"))
        .order_by("-length", "pk")[:6]
    )
    assert len(actors[0].name) > 24  # longer than the old centre box held
    measured = 0
    for actor in actors:
        page.goto(live_server.url + actor.get_absolute_url())
        nodes = page.evaluate(MEASURE)
        assert sum(n["centre"] for n in nodes) == 1
        for n in nodes:
            left, right = n["text"]
            assert n["rect"][0] + 4 <= left and right <= n["rect"][1] - 4, (actor.name, n)
            measured += 1
        edges = set(
            page.eval_on_selector_all(
                "svg.graph-svg .edge-label", "els => els.map(e => e.textContent)"
            )
        )
        edge_words = {word for label in edges for word in label.split("; ")}
        items = page.locator(".graph-legend .lg-item").all_inner_texts()
        legend_words = {w.strip() for item in items for w in item.split("/")}
        assert legend_words == edge_words, actor.name
    assert measured >= 2 * len(actors)  # each centre and at least one neighbour
    shot(page, "actor-graph-long-name")
