"""Event participants: a trailing source and a name's modifier do not take part."""

from __future__ import annotations

from kb.ingest.events.extract import extract_events
from kb.ingest.events.participants import end_before_source
from kb.ingest.types import EventProposal
from tests.ingest.textkit import CATALOG, find_places, make_doc


def events_of(text: str) -> list[EventProposal]:
    doc, sentences, mentions = make_doc(text)
    return extract_events(doc, sentences, mentions, find_places(text, mentions), CATALOG)


def keys(event: EventProposal) -> set[str]:
    return event.actor_keys()


def test_trailing_source_is_not_a_participant() -> None:
    (e,) = events_of("Kataib Hezbollah attacked a base near Erbil on Tuesday, the Pentagon said.")
    assert "us-department-of-defense" not in keys(e)
    assert "kataib-hezbollah" in keys(e)


def test_possessor_of_a_named_person_is_not_a_participant() -> None:
    (e,) = events_of("Iraq's Prime Minister Nouri al-Maliki met Javad Zarif in Baghdad on Monday.")
    assert keys(e) == {"nouri-al-maliki", "javad-zarif"}


def test_title_before_a_person_is_not_a_participant() -> None:
    (e,) = events_of("IRGC commander Javad Zarif met Nouri al-Maliki in Baghdad on Monday.")
    assert keys(e) == {"nouri-al-maliki", "javad-zarif"}


def test_two_parties_joined_by_and_both_take_part() -> None:
    (e,) = events_of("Iran and Iraq signed a security agreement in Baghdad on March 19, 2023.")
    assert keys(e) == {"iran", "iraq"}


def test_said_that_keeps_the_clause() -> None:
    text = "Iran attacked the base, officials said."
    assert end_before_source(text, 12, len(text)) == text.index(",")
    text = "Iran attacked the base, officials said on Friday."
    assert end_before_source(text, 12, len(text)) == text.index(",")
    text = "Iran attacked the base and said that it would strike again."
    assert end_before_source(text, 12, len(text)) == len(text)
