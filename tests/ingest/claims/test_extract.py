"""Claims: one test per attribution shape, claimant resolution and links between claims."""

from __future__ import annotations

from kb.ingest.claims.extract import extract_claims
from tests.ingest.textkit import CATALOG, make_doc, quote


def claims_of(text: str):
    doc, sentences, mentions = make_doc(text)
    return doc.body, extract_claims(doc, sentences, mentions, CATALOG)


def only(text: str):
    body, claims = claims_of(text)
    assert len(claims) == 1, [(c.kind, c.claimant, quote(body, c)) for c in claims]
    return body, claims[0]


# ---------------------------------------------------------------- attribution shapes
def test_said_that_gives_a_statement_with_the_that_clause_as_quote() -> None:
    body, c = only("Iran said that the border would stay closed until further notice.")
    assert (c.kind, c.claimant, c.claimant_text, c.cue) == ("statement", "iran", "Iran", "said")
    assert quote(body, c) == "the border would stay closed until further notice"


def test_according_to_at_the_end_attributes_the_main_clause() -> None:
    body, c = only("The convoy was hit near the border, according to the State Department.")
    assert (c.claimant, c.cue) == ("us-state-department", "according to")
    assert quote(body, c) == "The convoy was hit near the border"


def test_according_to_at_the_start_attributes_what_follows_the_comma() -> None:
    body, c = only("According to Reuters, the talks collapsed after an hour.")
    assert (c.kind, c.claimant) == ("report", "reuters")
    assert quote(body, c) == "the talks collapsed after an hour"


def test_quote_before_the_speaker_is_the_content() -> None:
    body, c = only("“We will not leave our positions,” the commander said.")
    assert quote(body, c) == "We will not leave our positions,"
    assert (c.claimant, c.claimant_text) == (None, "the commander")


def test_quote_after_the_speaker_is_the_content() -> None:
    body, c = only("Zarif said, “Our response was proportionate and it is over.”")
    assert c.claimant == "javad-zarif"
    assert quote(body, c) == "Our response was proportionate and it is over."


def test_said_after_the_quote_with_the_speaker_after_it() -> None:
    body, c = only("“The base was hit twice,” said an official at the State Department.")
    assert (c.claimant, c.claimant_text) == (
        "us-state-department",
        "an official at the State Department",
    )


def test_told_someone_that() -> None:
    body, c = only("U.S. officials told Reuters that the raid had killed two commanders.")
    assert (c.claimant, c.claimant_text) == ("united-states", "U.S. officials")
    assert quote(body, c) == "the raid had killed two commanders"


def test_told_someone_without_that() -> None:
    body, c = only("A Kataib Hezbollah commander told Reuters it had no part in the attack.")
    assert c.claimant == "kataib-hezbollah"
    assert quote(body, c) == "it had no part in the attack"


def test_attribution_at_the_end_of_a_sentence_without_quotes() -> None:
    body, c = only("Two rockets landed inside the compound, the Pentagon said.")
    assert c.claimant == "us-department-of-defense"
    assert quote(body, c) == "Two rockets landed inside the compound"


def test_impersonal_report_has_no_claimant() -> None:
    body, c = only("It is reported that the militia withdrew from the town overnight.")
    assert (c.kind, c.claimant) == ("report", None)
    assert quote(body, c) == "the militia withdrew from the town overnight"


def test_reportedly_marks_an_unattributed_report() -> None:
    _, c = only("The shipments reportedly continued through the winter.")
    assert (c.kind, c.claimant, c.cue) == ("report", None, "reportedly")


def test_reports_suggest_is_a_report_without_claimant() -> None:
    _, c = only("Reports suggest that the convoy carried missiles.")
    assert (c.kind, c.claimant, c.claimant_text) == ("report", None, "Reports")


def test_authors_framing_is_an_assessment_without_claimant() -> None:
    body, c = only("It is well known that the two governments coordinate closely.")
    assert (c.kind, c.claimant, c.claimant_text) == ("assessment", None, "")
    assert quote(body, c) == "the two governments coordinate closely"


def test_hedge_words_make_an_assessment() -> None:
    _, c = only("It seems far more likely that Baghdad chose not to act.")
    assert (c.kind, c.claimant) == ("assessment", None)


def test_plain_narrative_is_not_a_claim() -> None:
    assert claims_of("The delegation arrived in Baghdad on a rainy morning.")[1] == []


def test_infinitives_passives_and_free_relatives_are_not_claims() -> None:
    text = "He declined to comment. They were told to leave. Despite what the general said the plan went ahead."
    assert claims_of(text)[1] == []


# ---------------------------------------------------------------- kinds
def test_kinds_follow_the_reporting_verb() -> None:
    text = (
        "Iran accused Israel of sabotage. Israel denied the accusation. "
        "The IRGC warned that it would respond. Kataib Hezbollah claimed responsibility for the attack. "
        "Reuters revealed that the talks had failed."
    )
    _, claims = claims_of(text)
    assert [(c.kind, c.claimant) for c in claims] == [
        ("accusation", "iran"),
        ("denial", "israel"),
        ("threat", "irgc"),
        ("responsibility", "kataib-hezbollah"),
        ("report", "reuters"),
    ]


# ---------------------------------------------------------------- claimants
def test_officials_of_an_institution_speak_for_it() -> None:
    _, c = only("One State Department official pointed out that the sanctions remain in force.")
    assert (c.claimant, c.claimant_text) == ("us-state-department", "One State Department official")


def test_demonym_officials_speak_for_the_country() -> None:
    _, c = only("Iraqi officials insisted that no foreign troops took part.")
    assert c.claimant == "iraq"


def test_a_metonym_speaks_for_its_actor() -> None:
    _, c = only("Tehran has denied that it armed the militia.")
    assert c.claimant == "iran"


def test_he_refers_back_to_the_last_person_like_claimant() -> None:
    _, claims = claims_of(
        "One State Department official said that the photographs were authentic. "
        "He added that an inquiry would follow."
    )
    assert [(c.claimant, c.claimant_text) for c in claims] == [
        ("us-state-department", "One State Department official"),
        ("us-state-department", "He"),
    ]


def test_it_refers_back_to_the_organisation_in_the_same_sentence() -> None:
    _, claims = claims_of(
        "While the Maliki government acknowledged the flights, it claimed that it could not stop them."
    )
    assert [c.claimant for c in claims] == ["iraqi-government", "iraqi-government"]


def test_the_administration_of_a_leader_is_the_government_he_leads() -> None:
    _, c = only(
        "The administration of Prime Minister Nouri al-Maliki insisted that the camp was safe."
    )
    assert c.claimant == "iraqi-government"


def test_the_group_is_the_group_named_before() -> None:
    _, claims = claims_of(
        "Kataib Hezbollah rejected the charge. “We had nothing to do with it,” the group said."
    )
    assert [c.claimant for c in claims] == ["kataib-hezbollah", "kataib-hezbollah"]


def test_unknown_speakers_keep_their_words_without_a_key() -> None:
    _, c = only("Local health officials said that nine people died.")
    assert (c.claimant, c.claimant_text) == (None, "Local health officials")


def test_subjects_are_the_actors_in_the_content_other_than_the_claimant() -> None:
    _, c = only("Iran said that Israel and the United States planned the attack.")
    assert c.subjects == ["israel", "united-states"]


# ---------------------------------------------------------------- links
def test_a_relative_denial_contradicts_the_accusation_it_answers() -> None:
    body, claims = claims_of(
        "Iran accuses the MEK of inciting unrest, claims which the MEK denies."
    )
    accusation, denial = claims
    assert (accusation.kind, denial.kind, denial.claimant) == ("accusation", "denial", "mek")
    assert denial.links == [(0, "contradicts")]
    assert quote(body, denial) == quote(body, accusation)


def test_denying_reports_contradicts_the_reports() -> None:
    _, claims = claims_of(
        "Iraqi officials denied reports that Iranian troops were fighting near Tikrit."
    )
    kinds = [(c.kind, c.claimant) for c in claims]
    assert kinds == [("denial", "iraq"), ("report", None)]
    assert claims[0].links == [(1, "contradicts")]


def test_a_later_acknowledgement_supports_the_earlier_report() -> None:
    _, claims = claims_of(
        "Reports suggest that Iranian advisers were operating in Iraq. "
        "U.S. officials later acknowledged that Iranian advisers were operating in Iraq."
    )
    assert claims[1].links == [(0, "supports")]


def test_everyone_knows_after_a_pretence_contradicts_it() -> None:
    _, claims = claims_of(
        "Tehran pretends that the militias are independent, while everyone knows that they take orders."
    )
    assert [c.claimant for c in claims] == ["iran", None]
    assert claims[1].links == [(0, "contradicts")]


def test_a_quotation_continued_in_the_next_sentence_keeps_its_speaker() -> None:
    _, claims = claims_of(
        "“The militias are divided,” Reuters reported. “Some of them have stopped listening to Tehran.”"
    )
    assert [(c.claimant, c.cue) for c in claims] == [("reuters", "reported"), ("reuters", "quote")]
