"""Page details from issue 15: event order, sidebar excerpts, graph legend and centre label."""

import re

import pytest

from actors.graph import CENTRE_MAX, Edge, relationship_graph
from articles.titles import excerpt
from tests.factories import make_actor, make_article, make_claim, make_event

pytestmark = pytest.mark.django_db


def test_events_list_orders_year_unknown_events_as_the_timeline_does(client):
    make_event("Undated meeting", date="")
    make_event("Border talks", date="XXXX-11")
    make_event("Security pact", date="XXXX-03-01")
    make_event("Strike", date="2020-01-03")
    listed = [e.title for e in client.get("/events/").context["page"].object_list]
    timeline = client.get("/events/timeline/").context["timeline"]
    assert [y.year for y in timeline.years] == [2020]  # "Strike", the one dated event
    drawn = ["Strike"] + [e.title for e in timeline.unknown_year + timeline.undated]
    assert listed == ["Strike", "Security pact", "Border talks", "Undated meeting"] == drawn


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Short claim.", "Short claim."),  # nothing to cut
        (
            "the US government had made it clear to Iraq that if the nation transfers arms, "
            "it is in violation of resolutions",
            "the US government had made it clear to Iraq that if the nation transfers arms …",
        ),
        # no clause break: the last whole word
        ("word " * 40, ("word " * 20).strip() + " …"),
    ],
)
def test_excerpt_never_cuts_inside_a_word(text, shown):
    assert excerpt(text, 100) == shown


def test_article_sidebar_shows_whole_words_with_the_full_quote_on_hover(client):
    quote = (
        "officials said the Islamic Resistance in Iraq launched a drone at the base near the "
        "border, and that the attack was the third this week against the coalition forces there"
    )
    article = make_article(quote + ".")
    make_claim(article, quote)
    html = client.get(article.get_absolute_url()).content.decode()
    title, shown = re.search(r'class="muted side-quote" title="([^"]*)">([^<]*)<', html).groups()
    assert title == quote and shown.endswith(" …")
    assert quote.startswith(shown.removesuffix(" …"))
    assert quote[len(shown.removesuffix(" …"))] in " ,"  # a whole word, then a break


def test_graph_legend_uses_the_words_on_the_edges():
    quds = make_actor("Quds Force")
    kh = make_actor("Kataib Hezbollah")
    iran = make_actor("Iran")
    html = str(
        relationship_graph(quds, [Edge(kh, "backed_by", False), Edge(iran, "part_of", True)])
    )
    legend = re.search(r'<figcaption class="graph-legend">(.*)</figcaption>', html).group(1)
    items = re.findall(r"</span>([^<]+)</span>", legend)
    assert items == ["backs", "part of"]
    assert ">backs<" in html and "backed by" not in legend


def test_graph_centre_box_grows_with_the_name():
    long = make_actor("Popular Mobilization Forces Commission")
    html = str(relationship_graph(long, [Edge(make_actor("Iran"), "backed_by", True)]))
    width = float(re.search(r'class="node centre".*?width="([\d.]+)"', html).group(1))
    label = re.search(r'class="node centre".*?<text[^>]*>([^<]*)<', html).group(1)
    assert 170 < width <= CENTRE_MAX
    assert label.startswith("Popular Mobilization Forces")
