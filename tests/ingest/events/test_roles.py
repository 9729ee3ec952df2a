"""Roles from clause structure, one sentence shape per test (the sentences that motivated
each rule, written generically), through the whole pipeline with the reference catalog."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kb.core.edtf import PartialDate
from kb.ingest.catalog import Catalog, load_catalog_file
from kb.ingest.pipeline import Matchers, extract
from kb.ingest.types import EventProposal, RawDocument

ROOT = Path(__file__).resolve().parents[3]


@cache
def _catalog() -> tuple[Catalog, Matchers]:
    catalog = load_catalog_file(ROOT / "fixtures" / "reference.yaml")
    return catalog, Matchers.from_catalog(catalog)


def events(text: str) -> list[EventProposal]:
    catalog, matchers = _catalog()
    return extract(RawDocument(text, "t.txt", "text"), catalog, matchers=matchers).events


def roles(e: EventProposal) -> dict[str, tuple[str, str]]:
    return {r.actor: (r.role, r.rule) for r in e.participants}


def test_facilities_used_by_a_group_make_the_group_the_target() -> None:
    (e,) = events(
        "U.S. military forces conducted airstrikes against multiple facilities used by "
        "Kataib Hezbollah and affiliated groups in Iraq on Dec. 25."
    )
    r = roles(e)
    assert r["us-armed-forces"][0] == "perpetrator"
    assert r["kataib-hezbollah"] == ("target", "used_by")
    assert e.place == "iraq" and "iraq" not in r  # where it happened, not a target
    assert e.title == "US Armed Forces air strike on Kataib Hezbollah in Iraq"


def test_a_passive_subject_is_the_target_and_backers_only_support() -> None:
    (e,) = events(
        "Two U.S. service members and a British soldier were killed when an Iranian-backed "
        "militia group in Iraq launched an attack against Camp Taji."
    )
    r = roles(e)
    assert r["us-armed-forces"] == ("target", "passive_subject")  # "U.S. service members"
    assert r["united-kingdom"][0] == "target"
    assert r["iran"] == ("supporter", "x_backed")  # "Iranian-backed": never the attacker
    assert "iraq" not in r and e.place == "camp-taji"


def test_the_agent_of_attacks_by_is_the_perpetrator_the_object_of_on_the_target() -> None:
    (e,) = events("The MEK have been subject to repeated attacks by Iraqi forces.")
    r = roles(e)
    assert r["iraqi-security-forces"] == ("perpetrator", "by_agent")
    assert r["mek"] == ("target", "passive_target")


def test_a_direct_object_of_an_active_verb_is_the_target_a_state_after_a_city_the_place() -> None:
    (e,) = events(
        "Iranian sponsored Kataib Hezbollah terrorists attacked coalition forces at Erbil, Iraq."
    )
    r = roles(e)
    assert r["kataib-hezbollah"] == ("perpetrator", "before_cue")
    assert r["iran"][0] == "supporter"
    assert "iraq" not in r and e.place == "erbil"


def test_led_by_and_retake_from() -> None:
    (e,) = events(
        "The operation to retake Tikrit from ISIS, led by Iran and the Iraqi Security "
        "Forces, has stalled."
    )
    r = roles(e)
    assert r["islamic-state"] == ("target", "retake_from")
    assert r["iran"][0] == r["iraqi-security-forces"][0] == "perpetrator"
    assert e.place == "tikrit"


def test_a_name_after_a_preposition_before_the_cue_is_not_the_subject() -> None:
    (e,) = events(
        "U.S. military forces, at President Biden's direction, launched airstrikes against "
        "infrastructure utilized by Iranian-backed militant groups in eastern Syria."
    )
    r = roles(e)
    assert r["joe-biden"] == ("participant", "in_clause")
    assert r["us-armed-forces"] == ("perpetrator", "before_cue")
    assert e.place == "syria" and "syria" not in r  # "in eastern Syria"


def test_claimed_responsibility_makes_the_claimant_the_perpetrator() -> None:
    (e,) = events(
        "The Islamic Resistance in Iraq claimed responsibility for the drone attack on "
        "U.S. forces at Tower 22."
    )
    r = roles(e)
    assert r["islamic-resistance-in-iraq"] == ("perpetrator", "claimed_responsibility")
    assert r["us-armed-forces"][0] == "target"


def test_an_attack_named_inside_another_events_clause_is_not_its_target() -> None:
    (e,) = events(
        "Israeli aircraft struck three facilities in Syria in response to recent attacks "
        "against Iranian personnel."
    )
    assert roles(e)["israel"][0] == "perpetrator"
    assert "iran" not in roles(e)  # the target of the attacks, not of the strikes


def test_places_coordinated_in_one_phrase_give_no_place() -> None:
    (e,) = events(
        "U.S. forces launched strikes on February 2 on seven facilities in Iraq and Syria."
    )
    assert e.place is None
    assert "iraq" not in roles(e) and "syria" not in roles(e)


def test_the_subject_noun_phrase_holds_the_place_not_the_predicate() -> None:
    (e,) = events(
        "A recent defense agreement between Iran and Iraq has caused unease in the United States."
    )
    assert e.place is None
    assert set(roles(e)) == {"iran", "iraq"}


def test_one_actor_is_never_both_perpetrator_and_target() -> None:
    (e,) = events("Iran's strikes against Iran-backed militias in Iraq killed ten people.")
    assert roles(e).get("iran", ("participant",))[0] != "target"


def test_a_designation_names_who_designated_whom() -> None:
    (e,) = events(
        "On June 24, 2009 the State Department designated Kataib Hezbollah as a Foreign "
        "Terrorist Organization."
    )
    r = roles(e)
    assert r["kataib-hezbollah"] == ("target", "direct_object")
    assert r["us-state-department"] == ("perpetrator", "subject_of_cue")
    assert (e.kind, e.title) == ("designation", "US State Department designates Kataib Hezbollah")


def test_withdrawals_handovers_votes_and_calls_are_events() -> None:
    found = events(
        "In 2009, the Government of Iraq assumed responsibility for the security of Camp "
        "Ashraf.\n\nThe United States completed its final withdrawal of troops from Iraq on "
        "December 16, 2011.\n\nThe Iraqi Council of Representatives voted to end the mission.\n\n"
        "Secretary of State Antony J. Blinken spoke today with Prime Minister Mohammed Shia "
        "al-Sudani."
    )
    assert [e.kind for e in found] == ["handover", "withdrawal", "vote", "meeting"]
    assert roles(found[1])["united-states"] == ("perpetrator", "subject_of_cue")
    assert set(roles(found[2])) == {"iraq-council-of-representatives"}  # not also Iraq
    assert found[2].title == "Council of Representatives of Iraq voted"


def test_a_bare_month_and_day_takes_the_one_year_of_its_paragraph_recorded_as_inferred() -> None:
    (e,) = events(
        "In 2015, Iraqi officials did not engage their American counterparts before they "
        "launched the offensive on Tikrit March 1."
    )
    assert e.date == PartialDate(2015, 3, 1)
    assert e.date_text == "March 1 (year inferred: 2015)"


def test_a_date_in_a_parenthesis_free_sentence_reaches_the_cue() -> None:
    (e,) = events(
        "On November 17, 2023, Kataib Hezbollah and its leader (also known as Abu Ala "
        "al-Walai) were designated as Specially Designated Global Terrorists."
    )
    assert e.date == PartialDate(2023, 11, 17)
    assert roles(e)["kataib-hezbollah"] == ("target", "passive_subject")


def test_earlier_in_the_day_and_days_later_are_anchored_on_the_last_date() -> None:
    first, second, third = events(
        "U.S. forces launched strikes against Kataib Hezbollah in Iraq on January 2, 2020.\n\n"
        "Earlier in the day, Kataib Hezbollah attacked coalition forces at Erbil.\n\n"
        "Days later, the Iraqi Council of Representatives voted to end the mission."
    )
    assert second.date == PartialDate(2020, 1, 2)
    assert third.date == PartialDate(2020, 1)


def test_groups_listed_after_including_keep_the_role_of_the_groups() -> None:
    (e,) = events(
        "U.S. aircraft struck facilities used by Iranian-backed militant groups, including "
        "Kataib Hezbollah."
    )
    assert roles(e)["kataib-hezbollah"] == ("target", "used_by")


def test_the_visitor_is_the_one_who_acts() -> None:
    (e,) = events(
        "Progress has been made since Prime Minister Maliki's first visit to Washington in 2006."
    )
    assert roles(e)["nouri-al-maliki"] == ("perpetrator", "visitor")
    assert e.place == "washington-dc" and e.date == PartialDate(2006)


def test_aid_under_a_prohibition_is_not_an_event() -> None:
    assert (
        events(
            "The law includes a prohibition against U.S. persons providing material support to KH."
        )
        == []
    )
