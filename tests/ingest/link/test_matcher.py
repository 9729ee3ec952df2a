"""Alias matching: one automaton, word-bounded, longest match, exact offsets, metonyms."""

import pytest

from kb.ingest.catalog import Catalog, CatalogActor, CatalogPlace
from kb.ingest.link.matcher import ActorMatcher, AliasMatcher, PlaceMatcher, is_agentive


def make_catalog() -> Catalog:
    """A small catalog with the spelling variants the matcher has to cope with."""
    return Catalog(
        actors=[
            CatalogActor("iran", "Iran", "state", aliases=("Islamic Republic of Iran",), metonyms=("Tehran",)),
            CatalogActor("united-states", "United States", "state", aliases=("U.S.", "America"), case_sensitive=("US",), metonyms=("Washington",)),
            CatalogActor("dod", "US Department of Defense", "government_body", metonyms=("the Pentagon",)),
            CatalogActor("irgc", "Islamic Revolutionary Guard Corps", "armed_group", aliases=("IRGC",)),
            CatalogActor("quds-force", "IRGC Quds Force", "armed_group", aliases=("Quds Force",)),
            CatalogActor("islamic-state", "Islamic State", "armed_group", aliases=("ISIS", "ISIL"), case_sensitive=("IS",)),
            CatalogActor("kataib-hezbollah", "Kataib Hezbollah", "armed_group", aliases=("Kata'ib Hizballah", "Kataib Hizballah"), case_sensitive=("KH",)),
            CatalogActor("soleimani", "Qassem Soleimani", "person", aliases=("Qassim Soleimani", "Qasem Suleimani", "Qassem Suleiman", "Soleimani", "Suleimani")),
            CatalogActor("sadr", "Muqtada al-Sadr", "person", aliases=("Moqtada al-Sadr",)),
        ],
        places=[
            CatalogPlace("tehran", "Tehran", country="IR", kind="city"),
            CatalogPlace("washington-dc", "Washington", aliases=("Washington, D.C.",), country="US"),
            CatalogPlace("baghdad", "Baghdad", country="IQ", kind="city"),
        ],
    )  # fmt: skip


@pytest.fixture(scope="module")
def actors() -> ActorMatcher:
    return ActorMatcher.from_catalog(make_catalog())


@pytest.fixture(scope="module")
def places() -> PlaceMatcher:
    return PlaceMatcher.from_catalog(make_catalog())


def found(matcher: ActorMatcher, text: str) -> list[tuple[str, str]]:
    return [(m.actor, m.text) for m in matcher.find(text)]


@pytest.mark.parametrize(
    "spelling",
    ["Qassem Soleimani", "Qassim Soleimani", "Qasem Suleimani", "Qassem Suleiman", "Suleimani"],
)
def test_spelling_variants_link_to_one_key(actors, spelling):
    assert found(actors, f"Gen. {spelling} arrived.") == [("soleimani", spelling)]


@pytest.mark.parametrize(
    "written", ["Kata'ib Hizballah", "Kata’ib Hizballah", "Kataib Hizballah", "KATAIB HEZBOLLAH"]
)
def test_kataib_hizballah_matches_with_or_without_apostrophe(actors, written):
    assert found(actors, f"Fighters of {written} fired.") == [("kataib-hezbollah", written)]


@pytest.mark.parametrize("text", ["Iran's", "Iran’s"])
def test_possessive_matches_the_name_without_its_s(actors, text):
    assert found(actors, f"{text} leaders met.") == [("iran", "Iran")]


def test_diacritics_are_folded(actors):
    assert found(actors, "Muqtadā al-Ṣadr spoke.") == [("sadr", "Muqtadā al-Ṣadr")]


def test_demonym_does_not_match_the_country(actors):
    assert found(actors, "Iranian weapons reached Iraq.") == []


def test_hyphenated_backed_mentions_the_actor(actors):
    assert found(actors, "Iran-backed militias attacked.") == [("iran", "Iran")]


def test_acronym_does_not_match_inside_a_word(actors):
    assert found(actors, "The crisis deepened.") == []


def test_longest_match_wins(actors):
    assert found(actors, "The IRGC Quds Force and the IRGC.") == [
        ("quds-force", "IRGC Quds Force"),
        ("irgc", "IRGC"),
    ]


def test_matches_do_not_overlap_and_run_left_to_right():
    matcher = AliasMatcher([("a", "Islamic State"), ("b", "State of Iraq"), ("c", "Iraq")])
    result = [(m.key, m.text) for m in matcher.find("the Islamic State of Iraq")]
    assert result == [("a", "Islamic State"), ("c", "Iraq")]


def test_case_sensitive_acronym_matches_only_in_capitals(actors):
    assert found(actors, "IS fighters told us this is the US plan.") == [
        ("islamic-state", "IS"),
        ("united-states", "US"),
    ]


def test_short_all_caps_alias_is_case_sensitive_by_default():
    matcher = AliasMatcher([("kh", "KH")])
    assert [m.text for m in matcher.find("kh KH Kh")] == ["KH"]


def test_dotted_acronym_matches_and_keeps_its_final_dot(actors):
    assert found(actors, "The U.S. said no.") == [("united-states", "U.S.")]


def test_offsets_are_exact(actors):
    text = "“Kata’ib Hizballah,” said Muqtadā al-Ṣadr’s aide, as Iran’s IRGC Quds Force and the U.S. watched."
    mentions = actors.find(text)
    assert mentions
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_same_alias_for_two_keys_is_not_linked():
    matcher = AliasMatcher([("a", "Hezbollah"), ("b", "Hezbollah")])
    assert matcher.find("Hezbollah said") == []


def test_empty_matcher_finds_nothing():
    assert AliasMatcher([]).find("Iran") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Their leaders in Tehran recently ordered calm.",
        "Shiite militias loyal to Tehran advanced.",
        "Groups backed by Tehran fired rockets.",
        "Tehran has denied the report.",
        "Tehran’s decision surprised many.",
        "Officials said that Tehran provides weapons.",
        "At the time, Tehran was supplying money.",
        "Talks between Washington and Tehran stalled.",
    ],
)
def test_metonym_used_as_agent_links_to_the_actor(actors, sentence):
    assert [m.actor for m in actors.find(sentence) if m.metonym] == (
        ["united-states", "iran"] if "Washington" in sentence else ["iran"]
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "He was in Tehran on Monday.",
        "The envoy flew to Tehran.",
        "Protests spread across Tehran streets.",
    ],
)
def test_metonym_used_as_a_location_is_not_an_actor(actors, sentence):
    assert actors.find(sentence) == []


def test_metonym_of_a_location_is_a_place_mention(actors, places):
    text = "The envoy flew to Tehran, while leaders in Tehran ordered calm."
    linked = [(m.start, m.end) for m in actors.find(text) if m.metonym]
    assert [(p.place, p.start) for p in places.find(text, exclude=linked)] == [("tehran", 18)]


def test_pentagon_metonym_links_when_it_speaks(actors):
    assert found(actors, "The Pentagon said Tuesday that it agreed.") == [("dod", "The Pentagon")]


def test_is_agentive_treats_officials_in_city_as_agents():
    text = "a problem for officials in Tehran"
    assert is_agentive(text, text.index("Tehran"), len(text))


def test_place_matcher_finds_places_with_offsets(places):
    text = "Rockets hit Baghdad."
    assert [(p.place, text[p.start : p.end]) for p in places.find(text)] == [("baghdad", "Baghdad")]
