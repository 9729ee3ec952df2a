"""Merge, split and undo from the admin; history visible and revertible there."""

import pytest
from django.urls import reverse

from actors.models import Actor, Alias
from events.models import Event
from kb.core.models import MergeRecord
from tests.factories import make_actor, make_article, make_event, make_mention

pytestmark = pytest.mark.django_db


def test_merge_action_asks_for_confirmation_then_merges(admin_client):
    keep = make_actor("Qasem Soleimani", kind="person", aliases=("Soleimani",))
    dup = make_actor("Suleiman", kind="person", status="proposed")
    article = make_article("Suleiman spoke.")
    make_mention(article, dup)
    changelist = reverse("admin:actors_actor_changelist")

    response = admin_client.post(
        changelist, {"action": "merge_selected", "_selected_action": [keep.pk, dup.pk]}
    )
    confirm_url = response["Location"]
    page = admin_client.get(confirm_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Suleiman" in text and "1 mentions (actor)" in text
    assert f'value="{keep.pk}" id="keep-{keep.pk}" checked' in text  # the verified one by default
    assert Actor.objects.count() == 2  # nothing happens before the analyst confirms

    done = admin_client.post(confirm_url, {"keep": keep.pk}, follow=True)
    assert not Actor.objects.filter(pk=dup.pk).exists()
    assert keep.mentions.count() == 1
    record = MergeRecord.objects.get()
    assert "Undo" in done.content.decode() and record.get_absolute_url() in done.content.decode()


def test_merge_action_needs_exactly_two(admin_client):
    actors = [make_actor(), make_actor(), make_actor()]
    response = admin_client.post(
        reverse("admin:actors_actor_changelist"),
        {"action": "merge_selected", "_selected_action": [a.pk for a in actors]},
        follow=True,
    )
    assert "Select exactly two" in response.content.decode()
    assert Actor.objects.count() == 3


def test_undo_button_restores_the_merged_actor(admin_client):
    from actors.services import actor_merge

    keep, dup = make_actor("Kataib Hezbollah"), make_actor("Kata'ib Hizballah", aliases=("KH",))
    record = actor_merge(keep=keep, merge=dup)
    page = admin_client.get(record.get_absolute_url()).content.decode()
    assert reverse("admin:kb_mergerecord_undo", args=[record.pk]) in page

    admin_client.post(reverse("admin:kb_mergerecord_undo", args=[record.pk]))

    assert Alias.objects.get(text="KH").actor_id == dup.pk
    assert MergeRecord.objects.get().undone_at is not None
    # A second undo is refused with a message, not an error page.
    again = admin_client.post(reverse("admin:kb_mergerecord_undo", args=[record.pk]), follow=True)
    assert "already undone" in again.content.decode()


def test_duplicates_page_suggests_pairs_with_a_merge_link(admin_client):
    a = make_actor("Qasem Soleimani", kind="person", aliases=("Soleimani",))
    b = make_actor("Suleiman", kind="person")
    page = admin_client.get(reverse("admin:actors_actor_duplicates")).content.decode()
    assert "Suleiman" in page
    merge_url = reverse("admin:actors_actor_merge")
    assert f"{merge_url}?ids={min(a.pk, b.pk)},{max(a.pk, b.pk)}" in page
    assert Actor.objects.count() == 2


def test_event_merge_and_split_from_the_admin(admin_client):
    article = make_article("Rockets hit the base. A drone hit the embassy.")
    one = make_event("Rocket attack", sources=[(article, "Rockets hit the base.")])
    two = make_event("Rockets on base", sources=[(article, "A drone hit the embassy.")])
    merge_url = reverse("admin:events_event_merge") + f"?ids={one.pk},{two.pk}"
    admin_client.post(merge_url, {"keep": one.pk})
    assert list(Event.objects.values_list("pk", flat=True)) == [one.pk]
    assert one.sources.count() == 2

    split_url = reverse("admin:events_event_split", args=[one.pk])
    form_page = admin_client.get(split_url)
    assert "A drone hit the embassy." in form_page.content.decode()
    drone = one.sources.get(quote="A drone hit the embassy.")
    response = admin_client.post(
        split_url, {"title": "Drone strike on embassy", "sources": [drone.pk]}
    )
    new = Event.objects.get(title="Drone strike on embassy")
    assert response["Location"] == reverse("admin:events_event_change", args=[new.pk])
    assert list(new.sources.all()) == [drone]
    assert MergeRecord.objects.filter(kind="split").count() == 1


def test_split_without_choosing_anything_shows_an_error(admin_client):
    event = make_event("Attack")
    response = admin_client.post(
        reverse("admin:events_event_split", args=[event.pk]), {"title": "x"}
    )
    assert response.status_code == 200
    assert "Choose at least one" in response.content.decode()
    assert Event.objects.count() == 1


def test_history_page_shows_field_changes_and_revert_restores_them(admin_client, admin_user):
    actor = make_actor("Badr Organization", description="old text")
    actor.description = "new text"
    actor.version += 1
    actor.save()
    first = Actor.history.filter(id=actor.pk).earliest("history_id")

    history = admin_client.get(
        reverse("admin:actors_actor_history", args=[actor.pk])
    ).content.decode()
    assert "old text" in history and "new text" in history

    revert_url = reverse("admin:actors_actor_simple_history", args=[actor.pk, first.history_id])
    form = admin_client.get(revert_url).context["adminform"].form
    assert form.initial["version"] == 2  # expects the current version, not the old one
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    response = admin_client.post(revert_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    actor.refresh_from_db()
    assert (actor.description, actor.version) == ("old text", 3)
    assert Actor.history.filter(id=actor.pk).latest("history_id").history_user == admin_user
