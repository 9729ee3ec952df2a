"""The review queue: proposed claims and events, least sure first, sentence and rule visible,
bulk decisions."""

import pytest
from django.urls import reverse

from articles.models import Claim, ClaimLink
from events.models import Event
from tests.factories import make_actor, make_article, make_claim, make_event, make_source, make_user

pytestmark = pytest.mark.django_db

BODY = "Iraqi officials said the strike killed 25 fighters. Kataib Hezbollah denied losses."


def test_claim_queue_lists_proposed_claims_newest_first_with_the_sentence(admin_client):
    article = make_article(BODY, source=make_source("Reuters", reliability="B"))
    older = make_claim(article, "the strike killed 25 fighters", sentence_start=0, sentence_end=51)
    newer = make_claim(article, "Kataib Hezbollah denied losses.")
    make_claim(article, "Iraqi officials", status="verified")

    response = admin_client.get(reverse("admin:articles_claim_changelist"))

    assert [c.pk for c in response.context["cl"].result_list] == [newer.pk, older.pk]
    page = response.content.decode()
    assert "Iraqi officials said <mark>the strike killed 25 fighters</mark>." in page
    assert "B (Reuters)" in page  # source reliability next to the claim


def test_claim_queue_lists_the_least_sure_proposals_first_with_their_rule(admin_client):
    article = make_article(BODY)
    sure = make_claim(article, "Iraqi officials", confidence=0.9, rule="according_to")
    unsure = make_claim(article, "Kataib Hezbollah", confidence=0.2, rule="claim_noun")
    by_hand = make_claim(article, "denied losses")  # an analyst's: no confidence, last
    middle = make_claim(article, "the strike", confidence=0.5, rule="speech_verb")

    response = admin_client.get(reverse("admin:articles_claim_changelist"))

    rows = [c.pk for c in response.context["cl"].result_list]
    assert rows == [unsure.pk, middle.pk, sure.pk, by_hand.pk]
    page = response.content.decode()
    assert "claim_noun" in page and "according_to" in page


def test_event_queue_lists_the_least_sure_proposals_first_with_their_rule(admin_client):
    sure = make_event("Sure", confidence=0.8, rule="passive_by_agent")
    by_hand = make_event("By hand")
    unsure = make_event("Unsure", confidence=0.3, rule="noun_cue")
    response = admin_client.get(reverse("admin:events_event_changelist"))
    assert [e.pk for e in response.context["cl"].result_list] == [unsure.pk, sure.pk, by_hand.pk]
    assert "passive_by_agent" in response.content.decode()


def test_confidence_and_rule_are_shown_but_not_editable(admin_client):
    actor = make_actor("Kataib Hezbollah")
    event = make_event("Strike", confidence=0.3, rule="noun_cue")
    event.participants.create(actor=actor, role="target", confidence=0.6, rule="after_cue")
    url = reverse("admin:events_event_change", args=[event.pk])
    page = admin_client.get(url).content.decode()
    assert "noun_cue" in page and "after_cue" in page
    form = admin_client.get(url).context["adminform"].form
    assert "confidence" not in form.fields and "rule" not in form.fields


def test_the_queue_can_show_everything(admin_client):
    article = make_article(BODY)
    make_claim(article, "Iraqi officials", status="verified")
    make_claim(article, "Kataib Hezbollah", status="rejected")
    response = admin_client.get(reverse("admin:articles_claim_changelist") + "?review=all")
    assert response.context["cl"].result_count == 2


def test_event_queue_shows_the_sentence_that_reports_the_event(admin_client):
    article = make_article(BODY, title="Strike report")
    make_event("Strike", sources=[(article, "the strike killed 25 fighters")])
    make_event("Old verified", status="verified")
    response = admin_client.get(reverse("admin:events_event_changelist"))
    assert response.context["cl"].result_count == 1
    assert "“the strike killed 25 fighters”" in response.content.decode()


def test_editor_accepts_and_rejects_in_bulk():
    from django.test import Client

    client = Client()
    client.force_login(make_user("erin", role="Editor"))
    article = make_article(BODY)
    accept = [make_claim(article, "Iraqi officials"), make_claim(article, "Kataib Hezbollah")]
    reject = make_claim(article, "denied losses")
    url = reverse("admin:articles_claim_changelist")
    client.post(url, {"action": "accept_selected", "_selected_action": [c.pk for c in accept]})
    client.post(url, {"action": "reject_selected", "_selected_action": [reject.pk]})
    assert set(Claim.objects.values_list("pk", "status")) == {
        (accept[0].pk, "verified"),
        (accept[1].pk, "verified"),
        (reject.pk, "rejected"),
    }


def test_event_bulk_accept(admin_client):
    events = [make_event("One"), make_event("Two")]
    admin_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "accept_selected", "_selected_action": [e.pk for e in events]},
    )
    assert set(Event.objects.values_list("status", flat=True)) == {"verified"}


def test_analysts_set_credibility_and_source_reliability(admin_client):
    source = make_source("Tasnim")
    claim = make_claim(make_article(BODY, source=source))
    admin_client.post(
        reverse("admin:articles_source_changelist"),
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-0-id": source.pk,
            "form-0-reliability": "D",
            "_save": "Save",
        },
    )
    admin_client.post(
        reverse("admin:articles_claim_changelist"),
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-0-id": claim.pk,
            "form-0-credibility": 4,
            "_save": "Save",
        },
    )
    source.refresh_from_db()
    claim.refresh_from_db()
    assert (source.reliability, claim.credibility) == ("D", 4)


def test_analyst_links_two_claims_by_hand(admin_client):
    article = make_article(BODY)
    said = make_claim(article, "the strike killed 25 fighters", claimant=make_actor("Iraq"))
    denied = make_claim(article, "Kataib Hezbollah denied losses.")
    url = reverse("admin:articles_claim_change", args=[denied.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data["subjects"] = []
    data.update(
        {
            "links_out-TOTAL_FORMS": 1,
            "links_out-INITIAL_FORMS": 0,
            "links_out-0-kind": "contradicts",
            "links_out-0-to_claim": said.pk,
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    link = ClaimLink.objects.get()
    assert (link.from_claim, link.to_claim, link.kind, link.origin) == (
        denied,
        said,
        "contradicts",
        "analyst",
    )
    page = admin_client.get(reverse("admin:articles_claim_change", args=[said.pk])).content.decode()
    assert "contradicts" in page  # shown on the other claim as "linked from"


def test_claim_added_by_hand_takes_its_text_from_the_article(admin_client):
    article = make_article(BODY)
    response = admin_client.post(
        reverse("admin:articles_claim_add"),
        {
            "article": article.pk,
            "sentence_start": 0,
            "sentence_end": 51,
            "start": 21,
            "end": 50,
            "claimant_text": "Iraqi officials",
            "kind": "statement",
            "status": "proposed",
            "credibility": 3,
            "links_out-TOTAL_FORMS": 0,
            "links_out-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    claim = Claim.objects.get()
    assert (claim.quote, claim.text) == ("the strike killed 25 fighters", BODY[:51])


def test_provenance_fields_are_read_only(admin_client):
    claim = make_claim(make_article(BODY))
    form = (
        admin_client.get(reverse("admin:articles_claim_change", args=[claim.pk]))
        .context["adminform"]
        .form
    )
    for name in ("quote", "start", "end", "sentence_start", "sentence_end", "article", "origin"):
        assert name not in form.fields
    article_form = (
        admin_client.get(reverse("admin:articles_article_change", args=[claim.article.pk]))
        .context["adminform"]
        .form
    )
    for name in ("body", "content_hash", "origin"):
        assert name not in article_form.fields
