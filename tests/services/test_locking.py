"""kb.core.locking: the shared optimistic-locking check (admin and API both call it)."""

import pytest

from actors.models import Actor
from kb.core.locking import StaleVersionError, save_versioned, stale_message, version_bump
from tests.factories import make_actor, make_user

pytestmark = pytest.mark.django_db


def test_two_copies_of_a_row_the_second_save_is_refused():
    actor = make_actor("Badr Organization")
    first, second = Actor.objects.get(pk=actor.pk), Actor.objects.get(pk=actor.pk)
    first.description = "first"
    save_versioned(instance=first)
    second.description = "second"
    with pytest.raises(StaleVersionError) as exc:
        save_versioned(instance=second)
    assert (exc.value.expected, exc.value.current) == (1, 2)
    assert Actor.objects.get(pk=actor.pk).description == "first"
    assert Actor.objects.get(pk=actor.pk).version == 2


def test_version_bump_moves_the_version_by_one_and_sets_it_on_the_instance():
    actor = make_actor()
    assert version_bump(instance=actor, expected=1) == 2
    assert actor.version == 2 == Actor.objects.get(pk=actor.pk).version


def test_a_deleted_row_is_reported_as_deleted():
    actor = make_actor("Gone")
    Actor.objects.filter(pk=actor.pk).delete()
    with pytest.raises(StaleVersionError, match="deleted") as exc:
        version_bump(instance=actor, expected=1)
    assert exc.value.current is None


def test_the_message_names_who_changed_it():
    editor = make_user("alice", role="Editor")
    actor = make_actor("Iran")
    actor._history_user = editor
    save_versioned(instance=actor)
    message = stale_message(actor, expected=1, current=2)
    assert "alice" in message and "version 1" in message and "reload" in message


def test_new_rows_are_saved_without_a_check():
    actor = Actor(name="New", slug="new")
    save_versioned(instance=actor)
    assert actor.pk and actor.version == 1
