"""A later report of the same aid or arms transfer joins the first event of the article."""

from __future__ import annotations

from kb.core.edtf import PartialDate
from kb.ingest.catalog import Catalog, CatalogActor
from kb.ingest.events.extract import extract_events
from kb.ingest.events.merge import merge_retold, same_support
from kb.ingest.types import EventProposal, RoleProposal
from tests.ingest.textkit import CATALOG, find_places, make_doc

SIDES = Catalog(
    actors=[
        CatalogActor("united-states", "United States", "state", country="US"),
        CatalogActor("us-armed-forces", "US Armed Forces", "government_body", country="US"),
        CatalogActor("iran", "Iran", "state", country="IR"),
        CatalogActor("iraq", "Iraq", "state", country="IQ"),
        CatalogActor("syria", "Syria", "state", country="SY"),
    ]
)
BODY = "x" * 400
SENTENCES = [(i, i + 40) for i in range(0, 400, 40)]


def aid(start: int, *participants: tuple[str, str], date=None, cue="provided aid", kind="aid"):
    return EventProposal(
        "",
        kind,
        start,
        start + 40,
        date=date,
        participants=[RoleProposal(k, r) for k, r in participants],
        cue=cue,
    )


def test_same_giving_country_joins_the_first_report() -> None:
    first = aid(0, ("united-states", "supporter"), ("iraq", "participant"))
    later = aid(80, ("us-armed-forces", "supporter"))
    (merged,) = merge_retold([first, later], SIDES, SENTENCES, BODY)
    assert merged is first and merged.spans == [(80, 120)]
    assert merged.actor_keys() == {"united-states", "iraq", "us-armed-forces"}


def test_other_giver_other_receiver_other_kind_or_date_stay_apart() -> None:
    first = aid(0, ("united-states", "supporter"), ("iraq", "participant"))
    assert not same_support(SIDES, first, aid(80, ("iran", "supporter")))
    assert not same_support(
        SIDES, first, aid(80, ("united-states", "supporter"), ("syria", "participant"))
    )
    assert not same_support(SIDES, first, aid(80, ("united-states", "supporter"), kind="meeting"))
    dated = aid(0, ("united-states", "supporter"), date=PartialDate(2014))
    assert not same_support(
        SIDES, dated, aid(80, ("united-states", "supporter"), date=PartialDate(2016))
    )
    assert same_support(SIDES, dated, aid(80, ("united-states", "supporter")))


def test_far_apart_or_fresh_support_stays_apart() -> None:
    first = aid(0, ("united-states", "supporter"))
    far = aid(360, ("united-states", "supporter"))
    sentences = [(i, i + 10) for i in range(0, 400, 10)]
    assert len(merge_retold([first, far], SIDES, sentences, BODY)) == 2
    body = "x" * 80 + "It pledged an additional $1 billion in military aid." + "x" * 300
    more = aid(80, ("united-states", "supporter"), cue="military aid")
    assert (
        len(merge_retold([aid(0, ("united-states", "supporter")), more], SIDES, SENTENCES, body))
        == 2
    )


def test_retold_aid_in_an_article_is_one_event() -> None:
    text = (
        "On Tuesday, the U.S. began to provide Iraq with intelligence support.\n\n"
        "At the request of Baghdad, the U.S. started providing aerial video of the city."
    )
    doc, sentences, mentions = make_doc(text)
    events = extract_events(doc, sentences, mentions, find_places(text, mentions), CATALOG)
    (e,) = [e for e in events if e.kind == "aid"]
    assert len(e.spans) == 1
