"""actor_duplicate_suggestions proposes likely duplicates and never merges them."""

import pytest

from actors.models import Actor
from actors.services import actor_duplicate_suggestions
from tests.factories import make_actor

pytestmark = pytest.mark.django_db


def pairs(suggestions) -> set[frozenset[str]]:
    return {frozenset((s.actor.name, s.other.name)) for s in suggestions}


def test_spelling_variants_are_suggested():
    make_actor("Qasem Soleimani", kind="person", aliases=("Soleimani", "Qassem Suleimani"))
    make_actor("Suleiman", kind="person", status="proposed", origin="ingest")
    found = actor_duplicate_suggestions()
    assert frozenset(("Qasem Soleimani", "Suleiman")) in pairs(found)
    best = next(s for s in found if {s.actor.name, s.other.name} == {"Qasem Soleimani", "Suleiman"})
    assert best.score >= 80 and "suleiman" in best.reason


def test_a_shared_alias_is_the_strongest_signal():
    make_actor(
        "Popular Mobilization Forces", kind="armed_group", aliases=("PMF", "Hashd al-Shaabi")
    )
    make_actor("Hashd", kind="armed_group", aliases=("Hashd al-Shaabi",), status="proposed")
    [suggestion] = actor_duplicate_suggestions()
    assert suggestion.score == 100
    assert "hashd al shaabi" in suggestion.reason


def test_similar_but_different_names_are_not_suggested():
    make_actor("Iran", kind="state")
    make_actor("Iraq", kind="state")
    make_actor("Oman", kind="state")
    assert actor_duplicate_suggestions() == []


def test_actors_of_different_kinds_are_not_paired():
    make_actor("Hezbollah", kind="armed_group")
    make_actor("Hezbollah", kind="person")
    assert actor_duplicate_suggestions() == []


def test_rejected_actors_are_left_out():
    make_actor("Kataib Hezbollah", kind="armed_group")
    make_actor("Kata'ib Hizballah", kind="armed_group", status="rejected")
    assert actor_duplicate_suggestions() == []


def test_suggesting_changes_nothing():
    make_actor("Kataib Hezbollah", kind="armed_group")
    make_actor("Kata'ib Hizballah", kind="armed_group", status="proposed")
    before = list(Actor.objects.values_list("pk", "version"))
    assert pairs(actor_duplicate_suggestions()) == {
        frozenset(("Kataib Hezbollah", "Kata'ib Hizballah"))
    }
    assert list(Actor.objects.values_list("pk", "version")) == before


def test_best_pairs_come_first_and_limit_applies():
    make_actor("Kataib Hezbollah", kind="armed_group", aliases=("KH",))
    make_actor("KH", kind="armed_group")
    make_actor("Asaib Ahl al-Haq", kind="armed_group")
    make_actor("Asa'ib Ahl al-Haqq", kind="armed_group")
    found = actor_duplicate_suggestions()
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert len(actor_duplicate_suggestions(limit=1)) == 1


def test_the_same_wikidata_qid_is_suggested_whatever_the_names():
    make_actor("Islamic Revolutionary Guard Corps", kind="armed_group", wikidata_id="Q271110")
    make_actor("Sepah-e Pasdaran", kind="armed_group", status="proposed", wikidata_id="Q271110")
    [suggestion] = actor_duplicate_suggestions()
    assert suggestion.score == 100 and "Q271110" in suggestion.reason


def test_different_wikidata_qids_are_never_paired():
    make_actor("Abu Mahdi al-Muhandis", kind="person", wikidata_id="Q1000001")
    make_actor("Abu Mahdi al-Muhandes", kind="person", status="proposed", wikidata_id="Q1000002")
    make_actor("Abu Mahdi al-Mohandes", kind="person", status="proposed")
    found = pairs(actor_duplicate_suggestions())
    assert frozenset(("Abu Mahdi al-Muhandis", "Abu Mahdi al-Muhandes")) not in found
    # Without a QID on one side, spelling still decides.
    assert frozenset(("Abu Mahdi al-Muhandis", "Abu Mahdi al-Mohandes")) in found
