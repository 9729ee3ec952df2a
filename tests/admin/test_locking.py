"""Two analysts edit the same record in the admin: the second save is refused, not lost."""

import pytest
from django.test import Client
from django.urls import reverse

from actors.models import Actor
from events.models import Event
from tests.factories import make_actor, make_event, make_user

pytestmark = pytest.mark.django_db

INLINES = {
    "actors_actor": ["aliases", "relationships_out"],
    "events_event": ["participants", "sources"],
}


def analyst_client(username: str, role: str = "Editor") -> Client:
    client = Client()
    client.force_login(make_user(username, role=role))
    return client


def open_form(client: Client, name: str, pk: int) -> dict:
    """What the browser would post back: the form as loaded, empty inlines."""
    response = client.get(reverse(f"admin:{name}_change", args=[pk]))
    form = response.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    for prefix in INLINES[name]:
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def test_version_travels_as_a_hidden_field():
    actor = make_actor("Kataib Hezbollah")
    response = analyst_client("alice").get(reverse("admin:actors_actor_change", args=[actor.pk]))
    assert '<input type="hidden" name="version" value="1"' in response.content.decode()


def test_second_analyst_saving_a_stale_copy_is_refused_with_a_message():
    actor = make_actor("Kataib Hezbollah", kind="armed_group")
    alice, bob = analyst_client("alice"), analyst_client("bob")
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    alice_form = open_form(alice, "actors_actor", actor.pk)
    bob_form = open_form(bob, "actors_actor", actor.pk)

    first = alice.post(url, {**alice_form, "description": "Iraqi Shia militia"})
    assert first.status_code == 302
    second = bob.post(url, {**bob_form, "description": "Something else"})

    assert second.status_code == 200  # the form again, with bob's input kept
    page = second.content.decode()
    assert "changed by alice" in page and "Your changes were not saved" in page
    assert 'value="Something else"' in page or "Something else" in page
    actor.refresh_from_db()
    assert (actor.description, actor.version) == ("Iraqi Shia militia", 2)


def test_after_reloading_the_second_analyst_can_save():
    event = make_event("Strike on al-Asad base", kind="attack")
    alice, bob = analyst_client("alice"), analyst_client("bob")
    url = reverse("admin:events_event_change", args=[event.pk])
    stale = open_form(bob, "events_event", event.pk)
    alice.post(url, {**open_form(alice, "events_event", event.pk), "fatalities": "0"})
    refused = bob.post(url, {**stale, "fatalities": "2"})
    assert refused.status_code == 200
    fresh = open_form(bob, "events_event", event.pk)
    assert fresh["version"] == 2
    assert bob.post(url, {**fresh, "fatalities": "2"}).status_code == 302
    assert Event.objects.get(pk=event.pk).fatalities == 2


def test_a_save_racing_past_validation_is_refused_by_the_conditional_update(monkeypatch):
    """Both forms validate at once; the database decides and the loser is rolled back."""
    actor = make_actor("Asaib Ahl al-Haq")
    alice = analyst_client("alice")
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    data = open_form(alice, "actors_actor", actor.pk)
    Actor.objects.filter(pk=actor.pk).update(version=2, description="saved meanwhile")
    # Make the form's own check see the old version, as if the other save landed just after it.
    monkeypatch.setattr("kb.core.admin.current_version", lambda instance: 1)

    response = alice.post(url, {**data, "description": "alice's text"}, follow=True)

    assert "Your changes were not saved" in response.content.decode()
    actor.refresh_from_db()
    assert (actor.description, actor.version) == ("saved meanwhile", 2)


def test_list_editable_saves_do_not_conflict_with_themselves(admin_client):
    from articles.models import Claim
    from tests.factories import make_article, make_claim

    claim = make_claim(make_article("Iran denied the report."))
    response = admin_client.post(
        reverse("admin:articles_claim_changelist"),
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-0-id": claim.pk,
            "form-0-credibility": 2,
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.credibility, claim.version) == (2, 2)
    assert Claim.history.filter(id=claim.pk).latest("history_id").credibility == 2
