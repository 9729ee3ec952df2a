"""Actors in other words: spelling variants, longest match, "also known as", acronyms of terms."""

from kb.ingest.catalog import Catalog, CatalogActor
from kb.ingest.clean.chrome import split_glued_label
from kb.ingest.link.mentions import Matchers, link_mentions
from kb.ingest.types import CleanDocument

CATALOG = Catalog(
    actors=[
        CatalogActor("hezbollah", "Hezbollah", "armed_group"),
        CatalogActor("kataib-hezbollah", "Kataib Hezbollah", "armed_group", aliases=("KH",)),
        CatalogActor(
            "kss", "Kataib Sayyid al-Shuhada", "armed_group", aliases=("Kata'ib Sayyid al-Shuhada",)
        ),
        CatalogActor("pmf", "Popular Mobilization Forces", "armed_group", aliases=("PMF",)),
        CatalogActor("walai", "Abu Alaa al-Walai", "person", aliases=("Abu Ala al-Walai",)),
        CatalogActor("blinken", "Antony Blinken", "person", aliases=("Antony J. Blinken",)),
        CatalogActor("un", "United Nations", "international_body", aliases=("UN",)),
        CatalogActor("cor", "Council of Representatives", "government_body"),
        CatalogActor("united-states", "United States", "state"),
    ]
)
MATCHERS = Matchers.from_catalog(CATALOG)


def links(text: str):
    found = link_mentions(CleanDocument(body=text, paragraphs=[(0, len(text))]), MATCHERS)
    mentions = [(m.actor, m.text, m.rule) for m in found.mentions]
    return mentions, [c.name for c in found.candidates]


def test_misspelt_name_is_the_catalog_actor_not_the_alias_inside_it():
    # dev: DoD release, "Kait’ib Hezbollah (KH) and Kait’ib Sayyid al-Shuhada (KSS)"
    mentions, candidates = links(
        "The strikes destroyed facilities used by groups including Kait’ib Hezbollah and "
        "Kait’ib Sayyid al-Shuhada."
    )
    assert ("kataib-hezbollah", "Kait’ib Hezbollah", "spelling_variant") in mentions
    assert ("kss", "Kait’ib Sayyid al-Shuhada", "spelling_variant") in mentions
    assert "hezbollah" not in [m[0] for m in mentions]
    assert candidates == []


def test_alias_inside_an_unknown_longer_name_is_not_a_mention():
    mentions, _ = links("The fighters belonged to Zulfiqar Hezbollah, a small group.")
    assert mentions == []


def test_demonym_or_title_before_an_alias_keeps_it():
    mentions, _ = links("Officials said Lebanese Hezbollah and Secretary Antony J. Blinken met.")
    assert [m[0] for m in mentions] == ["hezbollah", "blinken"]


def test_also_known_as_maps_the_other_name_to_the_actor():
    # dev: Wikipedia, "The Popular Mobilization Forces (PMF), also known as the People's ..."
    mentions, candidates = links(
        "The Popular Mobilization Forces (PMF), also known as the People's Mobilization "
        "Committee, is an umbrella organization. Its leader Hashim Finyan Rahim al-Saraji "
        "(also known as Abu Ala al-Walai) was designated."
    )
    assert ("pmf", "People's Mobilization Committee", "also_known_as") in mentions
    assert ("walai", "Hashim Finyan Rahim al-Saraji", "also_known_as") in mentions
    assert candidates == []


def test_acronyms_of_terms_and_the_terms_are_not_candidates():
    # dev: State Department designation and Wikipedia leads
    _, candidates = links(
        "The group was designated as a Foreign Terrorist Organization (FTO) under the "
        "Immigration and Nationality Act, as amended (INA), and as Specially Designated Global "
        "Terrorists (SDGT); the Memorandum of Understanding (MOU) and the status of forces "
        "agreement (SOFA) stand. The Council of Representatives (COR) voted. The Harakat "
        "Rijal al-Karama (HRK) fought."
    )
    assert candidates == ["Harakat Rijal al-Karama"]


def test_truncated_organisation_name_runs_through_the_known_actor():
    # dev: "the Office of the United Nations High Commissioner for Refugees (UNHCR)"
    _, candidates = links(
        "Then the Office of the United Nations High Commissioner for Refugees can begin."
    )
    assert candidates == ["Office of the United Nations High Commissioner for Refugees"]


def test_battles_phrases_with_pronouns_and_glued_words_are_not_candidates():
    _, candidates = links(
        "It engaged in the Battle of Al-Shaykh Maskin in 2014. The Organization of Their "
        "Activities was agreed. LeadersAbu Mustafa al-Sheibani"
    )
    assert candidates == []


def test_dateline_place_is_not_a_candidate():
    text = "TAMPA, Fla. – U.S. forces struck targets."
    doc = CleanDocument(body=text, paragraphs=[(0, len(text))], dateline="TAMPA, Fla. –")
    assert link_mentions(doc, MATCHERS).candidates == []


def test_glued_infobox_label_is_split_from_its_value():
    assert split_glued_label("LeadersAbu Ala al-Walai") == "Leaders: Abu Ala al-Walai"
    assert split_glued_label("Part ofPopular Mobilization Forces") == (
        "Part of: Popular Mobilization Forces"
    )
    assert split_glued_label("Leaders met in Baghdad.") == "Leaders met in Baghdad."


def test_capitalised_word_before_a_state_in_a_headline_keeps_the_state():
    # seed: a reference titled "Trump: I’m Keeping Troops in Iraq So I Can ‘Watch Iran’"
    mentions, _ = links("“Trump: I’m Keeping Troops So I Can ‘Watch United States’,” 2019")
    assert [m[0] for m in mentions] == ["united-states"]
