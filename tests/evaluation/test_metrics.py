"""Each metric's definition, pinned on a tiny hand-made article (numbers chosen so that a
changed formula — precision for recall, optional entries counted, missed events left out
of fact accuracy — gives a different figure)."""

from __future__ import annotations

from kb.core.edtf import PartialDate
from kb.evaluation.gold import GoldClaim, GoldEvent, Ref
from kb.evaluation.matching import date_matches
from kb.evaluation.metrics import Score, score_article
from kb.evaluation.pipeline import CandidateProposal, RoleProposal

from .factories import article, claim, event, extraction, mention, small_catalog


def _ratio(score: Score, name: str) -> tuple[int, int]:
    r = getattr(score, name)
    return r.right, r.total


def test_actor_precision_counts_predicted_keys_and_candidates_recall_counts_gold() -> None:
    gold = article(
        actors=(Ref("alpha"), Ref("gamma"), Ref(new="Beta Group"), Ref("delta")),
        not_actors=("Share",),
    )
    found = extraction(
        mentions=[
            mention("alpha", "Alpha Brigade"),
            mention("gamma", "Gamma"),
            mention("omega", "Camp Zed"),
        ],
        candidates=[CandidateProposal("Beta  group", "other"), CandidateProposal("Share", "other")],
    )
    score = score_article(gold, found, small_catalog())
    assert _ratio(score, "actor_precision") == (3, 5)  # omega and 'Share' are not gold
    assert _ratio(score, "actor_recall") == (3, 4)  # delta was missed
    assert _ratio(score, "not_actors") == (1, 1)
    assert ("actor missed", "delta") in score.details


def test_new_actor_matches_a_catalog_actor_by_alias() -> None:
    gold = article(actors=(Ref(new="Gamma Republic"),))
    score = score_article(gold, extraction(mentions=[mention("gamma", "Gamma")]), small_catalog())
    assert _ratio(score, "actor_precision") == (1, 1)
    assert _ratio(score, "actor_recall") == (1, 1)


def test_optional_actors_are_neither_missed_nor_extra() -> None:
    gold = article(
        actors=(Ref("alpha"), Ref(new="Gamma", optional=True), Ref(new="Kilo", optional=True))
    )
    found = extraction(
        mentions=[mention("alpha", "Alpha Brigade"), mention("gamma", "Gamma")],
        candidates=[CandidateProposal("Share", "other")],
    )
    score = score_article(gold, found, small_catalog())
    assert _ratio(score, "actor_precision") == (1, 2)  # gamma is neutral, 'Share' is wrong
    assert _ratio(score, "actor_recall") == (1, 1)  # Kilo, optional, is not missed


def test_claims_are_matched_one_to_one_and_optional_ones_are_neutral() -> None:
    gold = article(
        claims=[
            GoldClaim("Gamma officials said the attack", (Ref("gamma"),), frozenset({"statement"})),
            GoldClaim("Delta denied any role", (Ref("delta"),), frozenset({"denial"})),
            GoldClaim(
                "The Council designated", (Ref("council"),), frozenset({"statement"}), optional=True
            ),
            GoldClaim("Alpha Brigade fired rockets", (None,), frozenset({"report"})),
        ]
    )
    predictions = [
        claim("the attack was planned", claimant="gamma"),
        claim("denied any role", kind="denial", claimant=None),
        claim("The Council designated", claimant="council"),
        claim("Gamma officials said", claimant="gamma"),  # a second one on the same sentence
    ]
    score = score_article(gold, extraction(claims=predictions), small_catalog())
    assert _ratio(score, "claim_precision") == (2, 3)  # the optional match is not counted
    assert _ratio(score, "claim_recall") == (2, 3)  # the optional gold claim is not counted
    assert _ratio(score, "claimant") == (1, 2)  # Delta's denial went to nobody
    assert _ratio(score, "claim_kind") == (2, 2)


def test_claimant_answers_null_lists_and_new_names() -> None:
    gold = article(
        claims=[
            GoldClaim("Alpha Brigade fired rockets", (None,), frozenset({"report"})),
            GoldClaim(
                "Gamma officials said", (Ref("delta"), Ref("gamma")), frozenset({"statement"})
            ),
            GoldClaim(
                "Delta denied any role", (Ref(new="Delta Spokesman"),), frozenset({"denial"})
            ),
            GoldClaim("The Council designated", (Ref(new="Kilo"),), frozenset({"statement"})),
        ]
    )
    predictions = [
        claim("fired rockets", kind="report"),
        claim("officials said", claimant="gamma"),
        claim("denied any role", kind="denial", claimant_text="the Delta spokesman"),
        claim("The Council designated", claimant_text="Kilometres"),  # not the whole word
    ]
    score = score_article(gold, extraction(claims=predictions), small_catalog())
    assert _ratio(score, "claimant") == (3, 4)


def test_event_figures_roles_places_dates_and_fact_accuracy() -> None:
    gold = article(
        events=[
            GoldEvent(
                "Alpha Brigade fired rockets at Camp Zed",
                frozenset({"attack"}),
                date="2024-03-03",
                perpetrators=(Ref("alpha"),),
                place=Ref("camp-zed"),
            ),
            GoldEvent(
                "The Council designated Alpha Brigade",
                frozenset({"designation"}),
                date="2024-03-05",
                perpetrators=(Ref("council"),),
                targets=(Ref("alpha"),),
            ),
            GoldEvent("Gamma officials said", frozenset({"meeting"})),  # missed
            GoldEvent("Delta denied", frozenset({"other"}), optional=True),
        ]
    )
    predictions = [
        event(
            "Alpha Brigade fired",
            "attack",
            [("alpha", "perpetrator"), ("delta", "target")],
            date=PartialDate(2024, 3, 3),
            place="camp-zed",
        ),
        event(
            "The Council designated",
            "other",
            [("council", "perpetrator"), ("alpha", "target"), ("gamma", "participant")],
            date=PartialDate(2024, 3, 5),
        ),
        event("Share this page", "attack"),
        event("Delta denied", "statement"),  # matches the optional event: neutral
    ]
    score = score_article(gold, extraction(events=predictions), small_catalog())
    assert _ratio(score, "event_precision") == (2, 3)
    assert _ratio(score, "event_recall") == (2, 3)
    assert _ratio(score, "event_date") == (2, 2)
    assert _ratio(score, "event_place") == (2, 2)
    assert _ratio(score, "event_kind") == (1, 2)  # 'other' is not 'designation'
    # delta (target of nothing in gold) and gamma (absent from gold) are wrong roles
    assert _ratio(score, "event_roles") == (3, 5)
    # the attack has a wrong target set; the missed event counts as a failure
    assert _ratio(score, "event_fact") == (1, 3)


def test_event_date_and_place_must_agree_including_none() -> None:
    gold = article(
        events=[
            GoldEvent("Alpha Brigade fired", frozenset({"attack"}), date=None, place=None),
            GoldEvent("The Council designated", frozenset({"designation"}), date="2024-03-05"),
        ]
    )
    predictions = [
        event("Alpha Brigade fired", "attack", date=PartialDate(2024, 3, 3), place="camp-zed"),
        event("The Council designated", "designation", date=None),
    ]
    score = score_article(gold, extraction(events=predictions), small_catalog())
    assert _ratio(score, "event_date") == (0, 2)
    assert _ratio(score, "event_place") == (1, 2)
    assert _ratio(score, "event_fact") == (0, 2)


def test_date_matches_reads_edtf_dates_and_intervals() -> None:
    day = PartialDate(2024, 1, 15)
    assert date_matches(day, PartialDate(2024, 1, 21), "2024-01-15/2024-01-21")
    assert not date_matches(day, None, "2024-01-15/2024-01-21")
    assert date_matches(day, None, "2024-01-15")
    assert not date_matches(PartialDate(2024, 1), None, "2024-01-15")
    assert date_matches(None, None, None)
    assert not date_matches(day, None, None)


def test_boilerplate_text_lost_and_publication_date() -> None:
    gold = article(
        published="2024-03-06",
        boilerplate=("Share this page", "Print"),
        claims=[GoldClaim("Zulu said nothing", (None,), frozenset({"statement"}))],
    )
    found = extraction(published=PartialDate(2024, 3, 6))
    score = score_article(gold, found, small_catalog())
    assert _ratio(score, "boilerplate_removed") == (1, 2)  # 'Share this page' is still there
    assert _ratio(score, "text_kept") == (0, 1)
    assert _ratio(score, "claim_recall") == (0, 1)
    assert _ratio(score, "published") == (1, 1)
    assert _ratio(score_article(article(), found, small_catalog()), "published") == (0, 1)


def test_scores_add_up_counts_not_averages() -> None:
    a, b = Score(), Score()
    a.claimant.add(True)
    b.claimant.add(False)
    b.claimant.add(False)
    b.claimant.add(False)
    total = a + b
    assert (total.claimant.right, total.claimant.total) == (1, 4)
    assert total.claimant.value == 0.25


def test_each_rule_is_tallied_and_tallies_add_up() -> None:
    gold = article(
        events=[
            GoldEvent(
                "Alpha Brigade fired rockets at Camp Zed",
                frozenset({"attack"}),
                perpetrators=(Ref("alpha"),),
            )
        ]
    )
    fired = event("Alpha Brigade fired", "attack")
    fired.rule = "verb_cue"
    fired.participants = [
        RoleProposal("alpha", "perpetrator", rule="before_cue"),
        RoleProposal("gamma", "target", rule="after_cue"),
    ]
    extra = event("Share this page", "attack")
    extra.rule = "noun_cue"
    score = score_article(gold, extraction(events=[fired, extra]), small_catalog())
    tallies = {name: (r.right, r.total) for name, r in score.rules.items()}
    assert tallies == {
        "event verb_cue": (1, 1),
        "event noun_cue": (0, 1),
        "role before_cue": (1, 1),
        "role after_cue": (0, 1),
    }
    total = score + score
    assert (total.rules["role after_cue"].right, total.rules["role after_cue"].total) == (0, 2)
