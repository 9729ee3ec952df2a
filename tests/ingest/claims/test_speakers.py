"""Claimants from transcripts' speaker labels, titles named earlier, appositives and pronouns."""

from __future__ import annotations

from kb.ingest.pipeline import extract
from kb.ingest.types import RawDocument
from tests.ingest.textkit import CATALOG

BRIEFING = """Jen Roe

Daily Press Briefing

MS. ROE: Hi, everyone. Happy Monday.

QUESTION: Can you tell us whether the embassy will stay open in Baghdad this week?

MS. ROE: Sure. We announced yesterday that we would be relocating some of our personnel from Baghdad to other posts.

The ability of the U.S. Embassy to provide consular services to U.S. citizens throughout Iraq is limited for now.

MAJOR GENERAL PAT RYDER: We do not seek conflict in the Middle East or anywhere else in the region.
"""


def claims(text: str):
    result = extract(RawDocument(text=text, origin="t.txt", format="text"), CATALOG)
    body = result.document.body
    return result, [(c.claimant_text, c.rule, body[c.start : c.end]) for c in result.claims]


def test_speaker_turns_give_claims_to_the_labelled_speaker():
    # dev: State Department and DoD briefing transcripts ("MS. PSAKI:", "MAJOR GENERAL PAT RYDER:")
    result, found = claims(BRIEFING)
    by_text = {text: (who, rule) for who, rule, text in found}
    assert by_text["we would be relocating some of our personnel from Baghdad to other posts"] == (
        "Jen Roe",
        "speaker_turn",
    )
    assert by_text[
        "The ability of the U.S. Embassy to provide consular services to U.S. citizens "
        "throughout Iraq is limited for now."
    ] == ("Jen Roe", "speaker_turn")
    assert by_text[
        "We do not seek conflict in the Middle East or anywhere else in the region."
    ] == ("Pat Ryder", "speaker_turn")
    # the question, the greeting and the label itself are nobody's claim
    assert not any("Can you tell us" in text or "Happy Monday" in text for _, _, text in found)
    speakers = {c.name: c.rule for c in result.candidates}
    assert speakers["Pat Ryder"] == "speaker_label"
    assert "MAJOR GENERAL PAT RYDER" not in speakers


def test_the_press_secretary_is_the_person_named_with_that_title():
    # dev: DoD News, "Pentagon Press Secretary John F. Kirby told reporters traveling with
    # Secretary of Defense Lloyd J. Austin" ... "According to the press secretary, ..."
    _, found = claims(
        "Pentagon Press Secretary John F. Kirby spoke to reporters traveling with Biden on "
        "Thursday evening.\n\n"
        "According to the press secretary, the strikes destroyed multiple facilities."
    )
    assert ("John F. Kirby", "title_antecedent", "the strikes destroyed multiple facilities") in (
        found
    )


def test_appositive_person_candidate_is_the_claimant_not_the_body_after_it():
    # dev: VOA, "Ambassador Daniel Fried, the U.S. State Department's special advisor ..., said"
    result, found = claims(
        "Ambassador Daniel Fried, the State Department's special advisor on the camp, said in "
        "a press briefing that the time has come for the residents to move."
    )
    [claim] = result.claims
    assert (claim.claimant, claim.claimant_text) == (None, "Daniel Fried")


def test_participle_clause_takes_the_sentence_subject_candidate():
    # dev: DoD News, "Army Gen. Mark A. Milley, the chairman of the Joint Chiefs of Staff,
    # provided more details saying the group launched about thirty 107 mm rockets"
    result, _ = claims(
        "Army Gen. Mark A. Milley, the chairman of the Joint Chiefs of Staff, provided more "
        "details saying the group launched about thirty rockets against the base."
    )
    assert [c.claimant_text for c in result.claims] == ["Mark A. Milley"]


def test_welcomes_and_urges_are_statements_of_their_subject():
    # dev: State Department press statement on Camp Ashraf
    result, found = claims(
        "The United States welcomes the Iraqi government's continued cooperation with the UN. "
        "The United States urges this voluntary movement to begin on schedule."
    )
    assert [(c.claimant, c.kind) for c in result.claims] == [
        ("united-states", "statement"),
        ("united-states", "statement"),
    ]


def test_he_never_reaches_into_a_quotation_or_an_earlier_paragraph():
    # issue 12: a quote of a spokeswoman attributed, through "he", to the prime minister
    # named a sentence earlier
    result, _ = claims(
        "Prime Minister Nouri al-Maliki met the delegation on Sunday.\n\n"
        "“We discussed the border,” he said afterwards."
    )
    assert [c.claimant for c in result.claims] == [None]
    result, _ = claims(
        "The spokeswoman recalled that “Nouri al-Maliki promised calm.” He said the talks "
        "would resume."
    )
    assert "nouri-al-maliki" not in [c.claimant for c in result.claims]


def test_abbreviations_never_cut_the_source_of_according_to():
    # issue 12: "According to the U.S. State Department" attributed with claimant text "the U"
    result, _ = claims(
        "According to the U.S. State Department, the militias fired rockets at the base. "
        "The convoy was hit, according to Gen. Joseph Votel."
    )
    assert [(c.claimant, c.claimant_text) for c in result.claims] == [
        ("us-state-department", "the U.S. State Department"),
        (None, "Joseph Votel"),
    ]


def test_a_fragment_is_never_a_claimant():
    # issue 12: claimants "A recent", "According to a recent"
    result, _ = claims(
        "According to a recent report by the U.N. mission, the militias fired rockets."
    )
    assert [c.claimant_text for c in result.claims] == ["a recent report by the U.N. mission"]


def test_said_today_cited_and_determined_attribute_their_clause():
    # dev: DoD News "…, DOD officials said today."; CRS "President Donald Trump cited U.S.
    # concerns …"; State "… the UNHCR … determined that the infrastructure …"
    result, found = claims(
        "Two soldiers were killed when militias attacked the base yesterday, US State "
        "Department officials said today.\n\n"
        "Biden cited U.S. concerns about the imminent threat of new attacks.\n\n"
        "The State Department determined that the camp meets humanitarian standards."
    )
    assert [(c.claimant, c.rule) for c in result.claims] == [
        ("us-state-department", "speech_verb"),
        ("joe-biden", "speech_verb"),
        ("us-state-department", "speech_verb"),
    ]
    assert found[0][2] == "Two soldiers were killed when militias attacked the base yesterday"


def test_statement_attributable_to_a_spokesman_gives_him_its_first_person_sentences():
    # dev: DoD release "(Attributable to Pentagon Press Secretary John Kirby)"
    result, found = claims(
        "(Attributable to Pentagon Press Secretary John Roe)\n\n"
        "The strikes destroyed several facilities used by the militias near the border. "
        "At the same time, we have acted in a deliberate manner that aims to de-escalate."
    )
    assert [(who, rule) for who, rule, _ in found] == [("John Roe", "speaker_turn")]
    assert found[0][2].startswith("At the same time, we have acted")
    assert [c.name for c in result.candidates] == ["John Roe"]
