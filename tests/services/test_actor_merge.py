"""actor_merge moves everything to the kept actor; actor_merge_undo restores it exactly."""

import pytest

from actors.models import Actor, Alias, Relationship
from actors.services import actor_merge, actor_merge_undo
from articles.models import Claim, Mention
from events.models import Participant
from kb.core.merging import MergeError
from kb.core.models import MergeRecord
from tests.factories import (
    make_actor,
    make_article,
    make_claim,
    make_event,
    make_mention,
    make_relationship,
    make_user,
)

pytestmark = pytest.mark.django_db

BODY = "Soleimani met Suleiman in Baghdad. The IRGC said Suleiman led the Quds Force."


def state() -> dict:
    """Every row a merge can touch, as comparable tuples (ids and links, not versions)."""
    through = Claim.subjects.through
    return {
        "actors": sorted(
            Actor.objects.values_list(
                "pk", "name", "slug", "parent_id", "description", "country", "status"
            )
        ),
        "aliases": sorted(
            Alias.objects.values_list("pk", "actor_id", "text", "normalized", "kind")
        ),
        "mentions": sorted(
            Mention.objects.values_list("pk", "article_id", "actor_id", "start", "end")
        ),
        "claimants": sorted(Claim.objects.values_list("pk", "claimant_id")),
        "subjects": sorted(through.objects.values_list("claim_id", "actor_id")),
        "participants": sorted(
            Participant.objects.values_list("pk", "event_id", "actor_id", "role")
        ),
        "relationships": sorted(
            (
                r.pk,
                r.source_id,
                r.target_id,
                r.kind,
                tuple(sorted(a.pk for a in r.evidence_articles.all())),
            )
            for r in Relationship.objects.prefetch_related("evidence_articles")
        ),
    }


@pytest.fixture
def world():
    """A kept actor and a duplicate that overlaps it in every way a merge must handle."""
    user = make_user("editor", role="Editor")
    irgc = make_actor("IRGC", kind="armed_group")
    keep = make_actor("Qasem Soleimani", kind="person", aliases=("Soleimani",))
    merge = make_actor(
        "Suleiman",
        kind="person",
        aliases=("Suleiman", "Soleimani"),
        status="proposed",
        origin="ingest",
        description="Commander of the Quds Force.",
        parent=irgc,
    )
    child = make_actor("Suleiman's office", parent=merge)
    a, b = make_article(BODY), make_article(BODY)
    make_mention(a, keep, "Soleimani")
    make_mention(a, merge, "Soleimani")  # the same span, read as the other actor
    make_mention(a, merge, "Suleiman")
    make_mention(b, merge, "Suleiman")
    said = make_claim(a, "Suleiman led the Quds Force", claimant=merge, claimant_text="Suleiman")
    about_both = make_claim(b, "Suleiman led the Quds Force")
    about_both.subjects.add(keep, merge)
    about_merge = make_claim(b, "Soleimani met Suleiman")
    about_merge.subjects.add(merge)
    strike = make_event(
        "Meeting in Baghdad", participants=[(keep, "participant"), (merge, "participant")]
    )
    other = make_event("Quds Force parade", participants=[(merge, "perpetrator")])
    make_relationship(keep, irgc, "member_of").evidence_articles.add(a)
    make_relationship(merge, irgc, "member_of").evidence_articles.add(
        b
    )  # duplicate, other evidence
    make_relationship(irgc, merge, "leads")
    make_relationship(keep, merge, "allied_with")  # would become keep → keep
    return {
        "user": user,
        "irgc": irgc,
        "keep": keep,
        "merge": merge,
        "child": child,
        "a": a,
        "b": b,
        "said": said,
        "about_both": about_both,
        "about_merge": about_merge,
        "strike": strike,
        "other": other,
    }


def test_merge_moves_everything_to_the_kept_actor(world):
    keep, merge = world["keep"], world["merge"]
    merge_pk = merge.pk
    record = actor_merge(keep=keep, merge=merge, user=world["user"])

    assert not Actor.objects.filter(pk=merge_pk).exists()
    assert sorted(keep.aliases.values_list("text", flat=True)) == ["Soleimani", "Suleiman"]
    assert Mention.objects.filter(actor=keep).count() == 3  # one duplicate span dropped
    assert Claim.objects.get(pk=world["said"].pk).claimant == keep
    assert list(world["about_both"].subjects.all()) == [keep]
    assert list(world["about_merge"].subjects.all()) == [keep]
    assert set(Participant.objects.filter(actor=keep).values_list("event_id", "role")) == {
        (world["strike"].pk, "participant"),
        (world["other"].pk, "perpetrator"),
    }
    member_of = Relationship.objects.get(source=keep, target=world["irgc"], kind="member_of")
    assert set(member_of.evidence_articles.all()) == {world["a"], world["b"]}  # evidence kept
    assert Relationship.objects.filter(source=world["irgc"], target=keep, kind="leads").exists()
    assert not Relationship.objects.filter(source=keep, target=keep).exists()
    assert Actor.objects.get(pk=world["child"].pk).parent == keep
    keep.refresh_from_db()
    assert keep.description == "Commander of the Quds Force."  # blank field filled in
    assert keep.version == 2
    assert record.kept_id == keep.pk and record.other_id == merge_pk
    assert record.created_by == world["user"]
    assert "Suleiman" in record.summary


def test_merge_adds_the_merged_name_as_an_alias(world):
    Alias.objects.filter(actor=world["merge"], text="Suleiman").delete()
    actor_merge(keep=world["keep"], merge=world["merge"], user=world["user"])
    alias = Alias.objects.get(actor=world["keep"], text="Suleiman")
    assert alias.normalized == "suleiman"


def test_undo_restores_counts_ids_and_links_exactly(world):
    before = state()
    record = actor_merge(keep=world["keep"], merge=world["merge"], user=world["user"])
    assert state() != before

    restored = actor_merge_undo(record=record, user=world["user"])

    assert restored.pk == world["merge"].pk
    assert state() == before
    record.refresh_from_db()
    assert record.is_undone and record.undone_by == world["user"]


def test_undo_restores_the_created_alias_and_filled_fields(world):
    Alias.objects.filter(actor=world["merge"], text="Suleiman").delete()
    before = state()
    record = actor_merge(keep=world["keep"], merge=world["merge"], user=world["user"])
    actor_merge_undo(record=record, user=world["user"])
    assert state() == before
    assert Actor.objects.get(pk=world["keep"].pk).description == ""


def test_kept_actor_whose_parent_was_the_merged_one_takes_its_parent(world):
    keep, merge = world["keep"], world["merge"]
    keep.parent = merge
    keep.save()
    before = state()
    record = actor_merge(keep=keep, merge=merge, user=world["user"])
    assert Actor.objects.get(pk=keep.pk).parent == world["irgc"]
    actor_merge_undo(record=record, user=world["user"])
    assert state() == before


def test_merge_and_undo_write_history_with_user_and_reason(world):
    keep, merge, user = world["keep"], world["merge"], world["user"]
    record = actor_merge(keep=keep, merge=merge, user=user)
    claim_history = Claim.history.filter(id=world["said"].pk).latest("history_date")
    assert claim_history.history_user == user
    assert claim_history.claimant_id == keep.pk
    assert "merge" in claim_history.history_change_reason
    deleted = Actor.history.filter(id=merge.pk).latest("history_date")
    assert deleted.history_type == "-" and deleted.history_user == user
    # "Suleiman" moved; the duplicate "Soleimani" was dropped (the kept actor has it).
    moved = Alias.history.filter(actor_id=keep.pk, history_user=user, history_type="~")
    assert list(moved.values_list("text", flat=True)) == ["Suleiman"]
    assert Alias.history.filter(actor_id=merge.pk, history_user=user, history_type="-").count() == 1

    actor_merge_undo(record=record, user=user)
    restored = Actor.history.filter(id=merge.pk).latest("history_date")
    assert restored.history_type == "+" and restored.history_change_reason.startswith("undo")


def test_undo_twice_is_refused(world):
    record = actor_merge(keep=world["keep"], merge=world["merge"], user=world["user"])
    actor_merge_undo(record=record, user=world["user"])
    with pytest.raises(MergeError, match="already undone"):
        actor_merge_undo(record=record, user=world["user"])


def test_undo_keeps_what_was_added_to_the_kept_actor_after_the_merge(world):
    keep = world["keep"]
    record = actor_merge(keep=keep, merge=world["merge"], user=world["user"])
    later = Alias.objects.create(actor=keep, text="Haj Qasem", normalized="haj qasem")
    actor_merge_undo(record=record, user=world["user"])
    assert Alias.objects.get(pk=later.pk).actor == keep


def test_undo_is_refused_when_the_merged_slug_was_reused(world):
    merge = world["merge"]
    record = actor_merge(keep=world["keep"], merge=merge, user=world["user"])
    make_actor("Someone else", slug=merge.slug)
    with pytest.raises(MergeError):
        actor_merge_undo(record=record, user=world["user"])
    assert MergeRecord.objects.get(pk=record.pk).undone_at is None


def test_an_actor_cannot_be_merged_into_itself(world):
    with pytest.raises(MergeError):
        actor_merge(keep=world["keep"], merge=world["keep"], user=world["user"])
