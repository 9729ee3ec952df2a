"""The researcher pages show the right content."""

import re

import pytest
from django.urls import reverse

from articles.models import ClaimLink, Mention
from tests.factories import make_actor, make_article, make_claim, make_event, make_mention

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The page's visible text, tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(
        r"</?(p|br|li|h\d|div|section|tr|td|th|dt|dd|ul|ol|nav|header|aside)\b[^>]*>", " ", html
    )
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


# --- home -----------------------------------------------------------------------------


def test_home_shows_counts_latest_events_top_actors_and_articles(client, kb):
    response = client.get(reverse("home"))
    text = text_of(response)
    assert "8 actors" in text and "3 articles" in text and "5 events" in text and "3 claims" in text
    latest = [e.title for e in response.context["latest_events"]]
    assert latest[:2] == ["Iran–Iraqi Kurdistan border agreement", "Death of Mahsa Amini"]
    assert "Iran–Iraq security agreement" not in latest  # no year: cannot be "latest"
    assert response.context["top_actors"][0] == kb["iran"]
    assert 'action="/search/"' in response.content.decode()
    assert "Iranian militias in Iraq going rogue?" in text


def test_home_on_an_empty_knowledge_base(client, db):
    text = text_of(client.get("/"))
    assert "0 actors" in text and "No dated events yet." in text


# --- events ---------------------------------------------------------------------------


def test_event_list_filters_by_kind(client, kb):
    response = client.get("/events/?kind=agreement")
    titles = {e.title for e in response.context["page"].object_list}
    assert titles == {"Iran–Iraqi Kurdistan border agreement", "Iran–Iraq security agreement"}


def test_event_list_filters_by_actor_slug_and_date_range(client, kb):
    response = client.get("/events/?actor=iran&date_after=2022-01&date_before=2022-12")
    assert [e.title for e in response.context["page"].object_list] == ["Death of Mahsa Amini"]


def test_event_list_filters_by_place_and_status(client, kb):
    response = client.get(f"/events/?place={kb['offensive'].place.slug}&status=verified")
    assert [e.title for e in response.context["page"].object_list] == ["Offensive to retake Tikrit"]


def test_event_list_hides_rejected_unless_asked(client, kb):
    make_event("Rejected rumour", status="rejected", date="2020")
    assert "Rejected rumour" not in text_of(client.get("/events/"))
    assert "Rejected rumour" in text_of(client.get("/events/?status=rejected"))


def test_event_list_reports_a_malformed_filter(client, kb):
    response = client.get("/events/?date_after=last-tuesday")
    assert response.status_code == 200
    assert "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD." in text_of(response)
    assert response.context["page"].paginator.count == 0


def test_event_list_shows_precision_honestly(client, kb):
    text = text_of(client.get("/events/"))
    assert "September 2022 month only" in text
    assert "2 March 2015" in text
    assert "11 August (year unknown)" in text


def test_timeline_places_month_events_in_their_months(client, kb):
    response = client.get(reverse("events:timeline"))
    tl = response.context["timeline"]
    years = {y.year: y for y in tl.years}
    sep = next(g for g in years[2022].months if g.month == 9)
    mar = next(g for g in years[2023].months if g.month == 3)
    assert [e.title for e in sep.events] == ["Death of Mahsa Amini"]
    assert [e.title for e in mar.events] == ["Iran–Iraqi Kurdistan border agreement"]
    html = response.content.decode()
    # Drawn as the whole month: a month-wide bar in the year's SVG strip, not a dot.
    month_bar = re.search(
        rf'href="{kb["amini"].get_absolute_url()}"[^>]*>.*?<rect class="tl-month" x="(\S+)" y="\S+" width="(\S+)"',
        html,
        re.S,
    )
    assert (
        month_bar
        and float(month_bar[1]) == pytest.approx(8 * 60 + 1)
        and float(month_bar[2]) == pytest.approx(58)
    )
    day_dot = re.search(
        rf'href="{kb["drone"].get_absolute_url()}"[^>]*>.*?<circle class="tl-day"', html, re.S
    )
    assert day_dot


def test_timeline_lists_events_without_a_year_apart(client, kb):
    response = client.get(reverse("events:timeline"))
    tl = response.context["timeline"]
    assert [e.title for e in tl.unknown_year] == ["Iran–Iraq security agreement"]
    assert all(kb["security_deal"] not in g.events for y in tl.years for g in y.months)
    text = text_of(response)
    assert "Year unknown" in text and "11 August (year unknown)" in text


def test_timeline_uses_the_event_filters(client, kb):
    response = client.get("/events/timeline/?kind=death")
    tl = response.context["timeline"]
    assert [y.year for y in tl.years] == [2022] and not tl.unknown_year


def test_event_page_shows_date_place_participants_sources_claims(client, kb):
    event = kb["offensive"]
    text = text_of(client.get(event.get_absolute_url()))
    assert "2 March 2015" in text and "“early March”" in text
    assert "Tikrit" in text and "34.6000, 43.6800" in text
    assert "Iran Perpetrator" in text and "Qassem Soleimani Participant" in text
    assert "The operation to retake Tikrit, led by Iran, has stalled." in text
    assert "they aren’t working directly with Iran" in text  # the related claim


def test_event_page_links_before_and_after_with_the_same_actors(client, kb):
    response = client.get(kb["drone"].get_absolute_url())
    assert response.context["before"] == [kb["offensive"]]  # shares Soleimani
    assert response.context["after"] == []  # later events involve Iran, not the US or Soleimani
    response = client.get(kb["amini"].get_absolute_url())
    assert response.context["before"] == [kb["offensive"]]
    assert response.context["after"] == [kb["kurdistan"]]


def test_event_page_without_a_year_has_no_neighbours(client, kb):
    text = text_of(client.get(kb["security_deal"].get_absolute_url()))
    assert "11 August (year unknown)" in text
    assert "cannot be placed among others" in text


def test_unknown_event_is_a_404_with_the_site_page(client, db):
    response = client.get("/events/999999/")
    assert response.status_code == 404
    assert "Page not found" in text_of(response)


# --- actors ---------------------------------------------------------------------------


def test_actor_list_by_kind_with_counts(client, kb):
    response = client.get("/actors/")
    kinds = {value: n for value, _, n in response.context["kinds"]}
    assert kinds["state"] == 3 and kinds["armed_group"] == 4 and kinds["person"] == 1
    text = text_of(response)
    assert "Armed group" in text and "Hashd al-Shaabi" in text
    response = client.get("/actors/?kind=person")
    assert [a.name for a in response.context["page"].object_list] == ["Qassem Soleimani"]


def test_actor_list_counts_mentions_and_articles(client, kb):
    response = client.get("/actors/?kind=armed_group")
    quds = next(a for a in response.context["page"].object_list if a.slug == "quds-force")
    assert (quds.mention_count, quds.article_count) == (2, 2)


def test_quds_force_page_lists_articles_under_either_spelling_of_soleimani(client, kb):
    response = client.get(kb["quds"].get_absolute_url())
    articles = response.context["articles"]
    assert {a.pk for a in articles} == {kb["tikrit"].pk, kb["rogue"].pk}
    text = text_of(response)
    assert "Islamic Revolutionary Guard Corps" in text  # parent
    assert "Backs Kataib Hezbollah" in text
    assert "Led by Qassem Soleimani" in text
    # the graph links its neighbours
    svg = re.search(r"<svg class=\"graph-svg\".*?</svg>", response.content.decode(), re.S)[0]
    assert kb["kh"].get_absolute_url() in svg and kb["irgc"].get_absolute_url() in svg


def test_soleimani_page_shows_both_spellings_and_his_events(client, kb):
    response = client.get(kb["soleimani"].get_absolute_url())
    text = text_of(response)
    assert "“Qassem Suleiman”" in text and "“Qassim Soleimani”" in text
    assert "Suleimani" in text  # an alias
    assert [y.year for y in response.context["timeline"].years] == [2015, 2020]


def test_actor_page_lists_claims_made_and_about(client, kb):
    response = client.get(kb["kh"].get_absolute_url())
    assert response.context["claims_made"] == [kb["claim_kh"]]
    assert response.context["claims_about"] == [kb["claim_kh"]]
    text = text_of(client.get(kb["usa"].get_absolute_url()))
    assert "Military officials" in text and "Rivals and opponents Kataib Hezbollah" in text


def test_actor_page_children(client, kb):
    text = text_of(client.get(kb["irgc"].get_absolute_url()))
    assert "Parts Quds Force" in text


def test_unknown_actor_is_a_404(client, db):
    assert client.get("/actors/nobody/").status_code == 404


# --- articles and claims --------------------------------------------------------------


def test_article_reader_highlights_mentions_and_claims_at_their_spans(client, kb):
    article = kb["tikrit"]
    last_iran = article.body.rindex("Iran")  # inside the officials' quote
    Mention.objects.create(
        article=article, actor=kb["iran"], start=last_iran, end=last_iran + 4, text="Iran"
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    mention = kb["mentions"][1]  # "Qassem Suleiman" → Soleimani
    assert (
        f'<a class="mention" href="/actors/qassem-soleimani/" title="Qassem Soleimani" id="m{mention.pk}">Qassem Suleiman</a>'
        in html
    )
    claim = kb["claim_officials"]
    assert f'id="c{claim.pk}"' in html
    assert f'<a class="claim-link" href="{claim.get_absolute_url()}"' in html
    # the mention of Iran inside the claim's quote links to Iran, wrapped in the claim's mark
    assert re.search(
        r'<mark class="claim"[^>]*><a class="mention" href="/actors/iran/"[^>]*>Iran</a></mark>',
        html,
    )
    assert html.count("<p>", html.index('class="body-text"')) >= 3  # paragraphs kept
    side = response.context
    assert [(e["actor"].name, e["count"]) for e in side["actors"]][0] == ("Iran", 2)
    assert side["claims"] == [claim] and [e.title for e in side["events"]] == [
        "Offensive to retake Tikrit"
    ]


def test_article_text_is_escaped(client, db):
    actor = make_actor("Badr Organization", slug="badr")
    article = make_article('<script>alert("x")</script> Badr Organization said <b>nothing</b>.')
    make_mention(article, actor)
    make_claim(article, "<b>nothing</b>", claimant=actor)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "<b>nothing</b>" not in html and "&lt;b&gt;nothing&lt;/b&gt;" in html


def test_article_list_filters_by_actor(client, kb):
    response = client.get("/articles/?actor=quds-force")
    assert {a.pk for a in response.context["page"].object_list} == {kb["tikrit"].pk, kb["rogue"].pk}
    assert "Covert US support" in text_of(response)


def test_claim_list_filters(client, kb):
    def ids(query):
        return {c.pk for c in client.get("/articles/claims/" + query).context["page"].object_list}

    assert ids("?claimant=kataib-hezbollah") == {kb["claim_kh"].pk}
    assert ids("?subject=kataib-hezbollah") == {kb["claim_kh"].pk}
    assert ids("?kind=accusation") == {kb["claim_iran"].pk}
    assert ids("?status=verified") == {kb["claim_officials"].pk}
    assert ids("?credibility=3") == {kb["claim_officials"].pk}


def test_claim_page_shows_quote_in_context_claimant_and_links(client, kb):
    claim, other = kb["claim_officials"], kb["claim_kh"]
    ClaimLink.objects.create(from_claim=other, to_claim=claim, kind="contradicts")
    response = client.get(claim.get_absolute_url())
    html = response.content.decode()
    assert '<mark class="claim" title="Quote of claim' in html
    text = text_of(response)
    assert (
        "“Military officials said they aren’t working directly with Iran,” the report read." in text
    )
    assert "Claimant United States (written “Military officials”)" in text
    assert "Contradicted by" in text and "Kataib Hezbollah" in text
    assert "Offensive to retake Tikrit" in text  # the event it is about


def test_claim_page_of_unknown_claim_is_404(client, db):
    assert client.get("/articles/claims/424242/").status_code == 404


def test_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html and "kb/kb.css" in html
