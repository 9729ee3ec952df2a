"""Candidate actors: unknown names with a strong sign of being actors, and nothing else."""

from kb.ingest.link.candidates import find_candidates
from kb.ingest.types import MentionProposal, PlaceMention


def candidates(text: str, mentions=(), places=(), **kwargs) -> list[tuple[str, str]]:
    return [(c.name, c.kind) for c in find_candidates(text, list(mentions), list(places), **kwargs)]


def mention(text: str, words: str, key: str = "known") -> MentionProposal:
    start = text.index(words)
    return MentionProposal(key, start, start + len(words), words)


def test_titled_person_is_a_person_candidate():
    assert candidates("Gen. Joseph Votel testified to lawmakers.") == [("Joseph Votel", "person")]


def test_multiword_title_and_demonym_are_stripped():
    text = "Iraqi Prime Minister Nouri al-Maliki said it was unable to act."
    assert candidates(text) == [("Nouri al-Maliki", "person")]


def test_name_with_arabic_particle_is_a_person_without_title():
    assert candidates("The deal was signed by Qasim al-Araji in Baghdad.") == [
        ("Qasim al-Araji", "person")
    ]


def test_later_surname_mentions_join_the_person():
    text = "Gen. Joseph Votel spoke. Later Votel left."
    [found] = find_candidates(text, [], [])
    assert [text[s:e] for s, e in found.spans] == ["Joseph Votel", "Votel"]


def test_organisation_head_word_gives_armed_group():
    assert candidates("The Popular Mobilization Forces grew.") == [
        ("Popular Mobilization Forces", "armed_group")
    ]


def test_state_forces_are_a_government_body():
    assert candidates("The Iraqi Security Forces advanced.") == [
        ("Iraqi Security Forces", "government_body")
    ]


def test_head_word_first_organisation_keeps_its_and():
    text = "A scholar at the Center for Strategic and International Studies said so."
    assert candidates(text) == [("Center for Strategic and International Studies", "other")]


def test_ministry_is_a_government_body():
    assert candidates("The Ministry of Oil denied it.") == [("Ministry of Oil", "government_body")]


def test_party_is_a_political_party():
    assert candidates("The Kurdistan Democratic Party objected.") == [
        ("Kurdistan Democratic Party", "political_party")
    ]


def test_arabic_group_word_gives_armed_group():
    assert candidates("Fighters of Harakat al-Nujaba moved north.") == [
        ("Harakat al-Nujaba", "armed_group")
    ]


def test_media_outlet_is_media():
    assert candidates("He told CBS News that he would stay.") == [("CBS News", "media")]


def test_acronym_is_a_candidate():
    assert candidates("Officials blamed the MEK for the attack.") == [("MEK", "other")]


def test_acronym_joins_its_expansion():
    text = "The Popular Mobilization Forces (PMF) is an umbrella group. The PMF grew."
    [found] = find_candidates(text, [], [])
    assert found.name == "Popular Mobilization Forces"
    assert [text[s:e] for s, e in found.spans] == ["Popular Mobilization Forces", "PMF", "PMF"]


def test_acronym_inside_a_candidate_name_is_not_separate():
    assert candidates("He told CBS News so.") == [("CBS News", "media")]


def test_common_acronyms_and_shouted_headlines_are_ignored():
    assert candidates("The GDP fell. BREAKING NEWS FROM IRAQ today. The US and UK met on TV.") == []


def test_known_mention_is_not_a_candidate():
    text = "Gen. Joseph Votel testified."
    assert candidates(text, [mention(text, "Joseph Votel")]) == []


def test_known_place_is_not_a_candidate():
    text = "Officials in the KRG objected."
    start = text.index("KRG")
    assert candidates(text, places=[PlaceMention("krg", start, start + 3, "KRG")]) == []


def test_titled_name_running_into_a_known_actor_is_not_a_candidate():
    text = "Gen. Qassem Soleimani was there."
    assert candidates(text, [mention(text, "Soleimani")]) == []


def test_organisation_after_known_possessor_is_proposed_alone():
    text = "The Secretary of Iran’s Supreme National Security Council arrived."
    assert candidates(text, [mention(text, "Iran")]) == [
        ("Supreme National Security Council", "government_body")
    ]


def test_organisation_named_after_a_known_actor_keeps_the_name():
    text = "Members of the People’s Mujahedin of Iran were attacked."
    assert candidates(text, [mention(text, "Iran")]) == [
        ("People’s Mujahedin of Iran", "armed_group")
    ]


def test_sentence_initial_words_months_weekdays_and_demonyms_are_not_candidates():
    text = "On Tuesday the Iranian and American officials met. In March they met again. The Shiite groups left."
    assert candidates(text) == []


def test_plain_capitalised_phrases_are_not_candidates():
    text = "Throughout the Syrian Civil War the Middle East changed. Supreme Leader said nothing."
    assert candidates(text) == []


def test_candidates_in_skipped_spans_are_ignored():
    text = "Body text here. Notes: Smith, John, CBS News, 2019."
    assert candidates(text, skip=[(16, len(text))]) == []
