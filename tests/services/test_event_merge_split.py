"""event_merge / event_split and their undo."""

import pytest

from articles.models import Claim
from events.models import Event, EventSource, Participant
from events.services import event_merge, event_merge_undo, event_split, event_split_undo
from kb.core.merge_records import merge_record_undo
from kb.core.merging import MergeError
from tests.factories import make_actor, make_article, make_claim, make_event, make_place, make_user

pytestmark = pytest.mark.django_db

BODY = "A drone strike near Baghdad airport killed Soleimani. Iraq condemned the strike at Baghdad."


def state() -> dict:
    return {
        "events": sorted(
            Event.objects.values_list("pk", "title", "date", "date_min", "place_id", "description")
        ),
        "participants": sorted(
            Participant.objects.values_list("pk", "event_id", "actor_id", "role")
        ),
        "sources": sorted(
            EventSource.objects.values_list("pk", "event_id", "article_id", "start", "end")
        ),
        "claims": sorted(Claim.objects.values_list("pk", "event_id")),
    }


@pytest.fixture
def two_reports():
    user = make_user("editor", role="Editor")
    usa, soleimani, iraq = make_actor("USA"), make_actor("Qasem Soleimani"), make_actor("Iraq")
    a, b = make_article(BODY), make_article(BODY)
    keep = make_event(
        "US strike kills Soleimani",
        kind="air_strike",
        status="verified",
        participants=[(usa, "perpetrator"), (soleimani, "target")],
        sources=[(a, "A drone strike near Baghdad airport killed Soleimani")],
    )
    merge = make_event(
        "Drone strike at Baghdad airport",
        kind="air_strike",
        date="2020-01-03",
        place=make_place("Baghdad"),
        description="Reported by a second outlet.",
        participants=[(soleimani, "target"), (iraq, "target")],
        sources=[
            (a, "A drone strike near Baghdad airport killed Soleimani"),
            (b, "Iraq condemned the strike"),
        ],
    )
    claim = make_claim(b, "Iraq condemned the strike", event=merge)
    return {"user": user, "keep": keep, "merge": merge, "claim": claim, "iraq": iraq}


def test_event_merge_moves_sources_participants_and_claims(two_reports):
    keep, merge = two_reports["keep"], two_reports["merge"]
    merge_pk = merge.pk
    event_merge(keep=keep, merge=merge, user=two_reports["user"])
    assert not Event.objects.filter(pk=merge_pk).exists()
    assert keep.sources.count() == 2  # the shared span counted once
    assert set(keep.participants.values_list("actor__name", "role")) == {
        ("USA", "perpetrator"),
        ("Qasem Soleimani", "target"),
        ("Iraq", "target"),
    }
    assert Claim.objects.get(pk=two_reports["claim"].pk).event == keep
    keep.refresh_from_db()
    # Blank fields are filled from the other report, with derived columns recomputed.
    assert (keep.date, keep.date_precision, str(keep.date_min)) == (
        "2020-01-03",
        "day",
        "2020-01-03",
    )
    assert keep.place.name == "Baghdad"


def test_event_merge_undo_restores_exactly(two_reports):
    before = state()
    record = event_merge(
        keep=two_reports["keep"], merge=two_reports["merge"], user=two_reports["user"]
    )
    event_merge_undo(record=record, user=two_reports["user"])
    assert state() == before


def test_event_split_moves_the_chosen_rows_to_a_new_event(two_reports):
    event = two_reports["merge"]
    wrong_source = event.sources.get(quote="Iraq condemned the strike")
    iraq = event.participants.get(actor=two_reports["iraq"])
    record = event_split(
        event=event,
        title="Iraq condemns the strike",
        sources=[wrong_source],
        participants=[iraq],
        claims=[two_reports["claim"]],
        user=two_reports["user"],
    )
    new = Event.objects.get(pk=record.other_id)
    assert (new.title, new.kind, new.date, new.status) == (
        "Iraq condemns the strike",
        "air_strike",
        "2020-01-03",
        "proposed",
    )
    assert list(new.sources.all()) == [wrong_source]
    assert list(new.participants.all()) == [iraq]
    assert list(new.claims.all()) == [two_reports["claim"]]
    assert event.sources.count() == 1 and event.participants.count() == 1
    history = Claim.history.filter(id=two_reports["claim"].pk).latest("history_date")
    assert history.event_id == new.pk and history.history_user == two_reports["user"]


def test_event_split_undo_restores_exactly(two_reports):
    event = two_reports["merge"]
    before = state()
    record = event_split(
        event=event,
        title="Split",
        sources=event.sources.filter(quote__startswith="Iraq"),
        user=two_reports["user"],
    )
    merge_record_undo(record=record, user=two_reports["user"])
    assert state() == before


def test_split_undo_is_refused_when_the_new_event_gained_rows(two_reports):
    event = two_reports["merge"]
    record = event_split(
        event=event, title="Split", claims=[two_reports["claim"]], user=two_reports["user"]
    )
    Participant.objects.create(event_id=record.other_id, actor=make_actor(), role="participant")
    with pytest.raises(MergeError, match="gained"):
        event_split_undo(record=record, user=two_reports["user"])
    assert Event.objects.filter(pk=record.other_id).exists()
    assert Claim.objects.get(pk=two_reports["claim"].pk).event_id == record.other_id  # rolled back


def test_split_needs_rows_of_the_event(two_reports):
    with pytest.raises(MergeError):
        event_split(event=two_reports["merge"], title="Nothing", user=two_reports["user"])
    foreign = two_reports["keep"].sources.first()
    with pytest.raises(MergeError, match="do not belong"):
        event_split(
            event=two_reports["merge"], title="x", sources=[foreign], user=two_reports["user"]
        )
