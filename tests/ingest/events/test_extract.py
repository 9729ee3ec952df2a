"""Events: cues, dates, places, participants, one event per report, and events_compatible."""

from __future__ import annotations

from kb.core.edtf import PartialDate
from kb.ingest.events.extract import events_compatible, extract_events
from kb.ingest.types import EventProposal, RoleProposal
from tests.ingest.textkit import CATALOG, find_places, make_doc


def events_of(text: str, published: PartialDate | None = None) -> list[EventProposal]:
    doc, sentences, mentions = make_doc(text, published)
    return extract_events(doc, sentences, mentions, find_places(text, mentions), CATALOG)


def keys(event: EventProposal) -> set[str]:
    return event.actor_keys()


def test_an_agreement_between_two_states_with_its_date() -> None:
    (e,) = events_of("Iran and Iraq signed a security agreement in Baghdad on March 19, 2023.")
    assert (e.kind, e.date, e.place) == ("agreement", PartialDate(2023, 3, 19), "baghdad")
    assert e.date_text == "on March 19, 2023"
    assert keys(e) == {"iran", "iraq"}
    assert e.title == "Iran–Iraq agreement signed"


def test_a_later_sentence_about_the_deal_adds_to_the_same_event() -> None:
    text = (
        "A new border agreement between Iran and Iraq worries Washington.\n\n"
        "The deal, finalized on August 11th, tightens controls along the frontier."
    )
    (e,) = events_of(text)
    assert (e.kind, e.date) == ("agreement", PartialDate(None, 8, 11))
    assert keys(e) == {"iran", "iraq"}
    assert len(e.spans) == 1  # the second sentence


def test_a_dated_agreement_mentioned_in_passing_is_a_separate_event() -> None:
    text = (
        "A new border agreement between Iran and Iraq worries Washington. "
        "This new agreement builds upon a March 2023 agreement between Iran and Israel."
    )
    first, second = events_of(text)
    assert (first.date, second.date) == (None, PartialDate(2023, 3))


def test_hypothetical_planned_and_negated_events_are_not_reported() -> None:
    text = (
        "Washington fears that Israel might launch airstrikes. "
        "The militia did not attack the convoy. "
        "If Iraq transfers weapons to Syria, sanctions will follow."
    )
    assert events_of(text) == []


def test_an_attack_with_perpetrator_target_and_fatalities() -> None:
    (e,) = events_of(
        "The MEK have been subject to repeated attacks by Iraqi forces, with 116 members killed."
    )
    assert e.kind == "attack" and e.fatalities == 116
    roles = {(r.actor, r.role) for r in e.participants}
    # "attacks by Iraqi forces": the agent (the state here: this catalog lists no forces)
    assert ("mek", "target") in roles and ("iraq", "perpetrator") in roles


def test_aircraft_make_a_strike_an_air_strike_dated_by_the_weekday() -> None:
    (e,) = events_of(
        "On Tuesday, U.S. aircraft struck three facilities used by Kataib Hezbollah.",
        PartialDate(2024, 1, 22),
    )
    assert (e.kind, e.date) == ("air_strike", PartialDate(2024, 1, 16))
    assert keys(e) == {"united-states", "kataib-hezbollah"}


def test_a_date_belonging_to_the_reporting_verb_is_not_the_event_date() -> None:
    (e,) = events_of(
        "The Pentagon said Tuesday that the offensive on Tikrit had stalled.",
        PartialDate(2015, 3, 12),
    )
    assert (e.kind, e.place, e.date) == ("offensive", "tikrit", None)
    assert "us-department-of-defense" not in keys(e)


def test_the_campaign_refers_back_to_the_offensive() -> None:
    text = (
        "The operation to retake Tikrit from ISIS has stalled. "
        "Iraqi forces launched the offensive on March 1, with Iranian advisers by their side. "
        "In the early days of the campaign, IRGC officers were seen in Tikrit."
    )
    (e,) = events_of(text)
    assert (e.kind, e.date, e.place) == ("offensive", PartialDate(None, 3, 1), "tikrit")
    assert {"islamic-state", "iraq", "irgc"} <= keys(e)
    assert e.title == "Offensive on Tikrit"


def test_a_death_and_the_protests_it_led_to_are_two_events() -> None:
    death, protest = events_of(
        "Tension rose after the death of a student in September 2022, which led to protests in Iran."
    )
    assert (death.kind, death.date) == ("death", PartialDate(2022, 9))
    assert (protest.kind, protest.date) == ("protest", None)


def test_a_meeting_in_a_city_last_month() -> None:
    (e,) = events_of("Zarif met Iraqi leaders in Baghdad last month.", PartialDate(2021, 8, 2))
    assert (e.kind, e.place, e.date) == ("meeting", "baghdad", PartialDate(2021, 7))
    assert "javad-zarif" in keys(e)


def test_announced_aid_keeps_the_announcer_as_giver() -> None:
    (e,) = events_of(
        "The Pentagon announced that it would be providing an additional $1 billion in military aid to Iraq."
    )
    assert e.kind == "aid"
    # the giver acts (gold convention: supplier or giver is the perpetrator)
    assert ("us-department-of-defense", "perpetrator") in {
        (r.actor, r.role) for r in e.participants
    }


def test_three_days_later_counts_from_the_last_dated_day() -> None:
    text = (
        "On January 5, 2020, the Iraqi parliament voted to expel foreign troops. "
        "Three days later, Iran launched a dozen ballistic missiles at a base near Erbil."
    )
    _, strike = events_of(text)
    assert (strike.kind, strike.date, strike.place) == ("attack", PartialDate(2020, 1, 8), "erbil")


def test_a_short_quoted_phrase_is_not_an_event() -> None:
    assert (
        events_of("The minister called the decision “an attack on sovereignty” in Baghdad.") == []
    )


# ---------------------------------------------------------------- events_compatible
def _event(kind="attack", date=None, date_end=None, actors=("iran",), place=None) -> EventProposal:
    return EventProposal(
        "t",
        kind,
        0,
        1,
        date,
        date_end,
        participants=[RoleProposal(a, "participant") for a in actors],
        place=place,
    )


def test_compatible_reports_share_kind_actors_and_dates() -> None:
    a = _event(date=PartialDate(2020, 1, 8), actors=("iran", "united-states"))
    b = _event(date=PartialDate(2020, 1), actors=("iran",))
    assert events_compatible(a, b)


def test_a_month_and_day_without_year_fits_the_dated_report() -> None:
    a = _event("agreement", PartialDate(None, 8, 11), actors=("iran", "iraq"))
    b = _event("agreement", PartialDate(2025, 8, 11), actors=("iraq",))
    assert events_compatible(a, b)


def test_different_kinds_dates_actors_or_places_are_not_compatible() -> None:
    base = _event(date=PartialDate(2020, 1, 8), place="erbil")
    assert not events_compatible(base, _event("meeting", PartialDate(2020, 1, 8), place="erbil"))
    assert not events_compatible(base, _event(date=PartialDate(2020, 1, 9), place="erbil"))
    assert not events_compatible(base, _event(date=PartialDate(2020, 1, 8), actors=("israel",)))
    assert not events_compatible(base, _event(date=PartialDate(2020, 1, 8), place="baghdad"))


def test_an_undated_report_is_compatible_with_a_dated_one() -> None:
    assert events_compatible(_event(date=None), _event(date=PartialDate(2020, 1, 8)))
