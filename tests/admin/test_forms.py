"""Admin forms derive what must not be typed: alias normal forms and span texts."""

import pytest
from django.urls import reverse

from actors.models import Alias
from articles.models import Mention
from events.models import EventSource
from tests.factories import make_actor, make_article, make_event

pytestmark = pytest.mark.django_db

BODY = "Kata'ib Hizballah fired rockets at the base."


def test_alias_added_inline_gets_its_normalised_form(admin_client):
    actor = make_actor("Kataib Hezbollah", kind="armed_group")
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        {
            "aliases-TOTAL_FORMS": 1,
            "aliases-INITIAL_FORMS": 0,
            "aliases-0-text": "Kata’ib Ḥizballah",
            "aliases-0-kind": "variant",
            "aliases-0-language": "en",
            "relationships_out-TOTAL_FORMS": 0,
            "relationships_out-INITIAL_FORMS": 0,
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    alias = Alias.objects.get(actor=actor)
    assert alias.normalized == "kataib hizballah"
    assert Alias.history.get(id=alias.pk).history_user.is_superuser


def test_mention_added_by_hand_takes_its_text_from_the_body(admin_client):
    article, actor = make_article(BODY), make_actor("Kataib Hezbollah")
    response = admin_client.post(
        reverse("admin:articles_mention_add"),
        {
            "article": article.pk,
            "actor": actor.pk,
            "start": 0,
            "end": 17,
            "status": "verified",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Mention.objects.get().text == "Kata'ib Hizballah"


def test_a_span_outside_the_body_is_refused(admin_client):
    article, actor = make_article(BODY), make_actor()
    response = admin_client.post(
        reverse("admin:articles_mention_add"),
        {
            "article": article.pk,
            "actor": actor.pk,
            "start": 30,
            "end": 500,
            "status": "proposed",
        },
    )
    assert response.status_code == 200
    assert "inside the article body" in response.content.decode()
    assert not Mention.objects.exists()


def test_event_source_added_by_hand_quotes_the_body(admin_client):
    article, event = make_article(BODY), make_event("Rocket attack")
    response = admin_client.post(
        reverse("admin:events_eventsource_add"),
        {
            "event": event.pk,
            "article": article.pk,
            "start": 18,
            "end": 44,
            "date_text": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert EventSource.objects.get().quote == "fired rockets at the base."


def test_span_fields_are_read_only_once_saved(admin_client):
    article, actor = make_article(BODY), make_actor()
    mention = Mention.objects.create(article=article, actor=actor, start=0, end=17, text=BODY[:17])
    form = (
        admin_client.get(reverse("admin:articles_mention_change", args=[mention.pk]))
        .context["adminform"]
        .form
    )
    assert {"start", "end", "text", "article", "origin"}.isdisjoint(form.fields)


def test_every_model_is_registered_and_listed_on_the_index(admin_client):
    from django.contrib import admin

    from actors.models import Actor, Relationship
    from articles.models import Article, Claim, ClaimLink, Source
    from events.models import Event, Participant, Place
    from kb.core.models import MergeRecord

    models = [
        Actor,
        Alias,
        Relationship,
        Source,
        Article,
        Mention,
        Claim,
        ClaimLink,
        Event,
        Participant,
        EventSource,
        Place,
        MergeRecord,
    ]
    assert all(admin.site.is_registered(m) for m in models)
    page = admin_client.get(reverse("admin:index")).content.decode()
    for model in models:
        assert reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") in page
