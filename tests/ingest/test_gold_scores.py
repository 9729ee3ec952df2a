"""End-to-end scores of claims and events against hand-written gold annotations.

The whole pipeline runs (read → clean → match → claims → events) on the seed articles and
on articles written for this test in other formats (tests/ingest/unseen/). Figures are
printed (run with ``-s`` to see them); the thresholds are the acceptance targets.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from kb.core.edtf import PartialDate
from kb.ingest.catalog import Catalog, load_catalog_file
from kb.ingest.pipeline import Matchers, extract
from kb.ingest.read.files import read_path
from kb.ingest.text.sentences import split_sentences
from kb.ingest.types import EventProposal

from .scoring import Tally, date_matches, load_gold, locate, score_claims, score_events

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "seeds"
UNSEEN = Path(__file__).parent / "unseen"


@cache
def _catalog() -> tuple[Catalog, Matchers]:
    catalog = load_catalog_file(ROOT / "fixtures" / "reference.yaml")
    return catalog, Matchers.from_catalog(catalog)


@cache
def _score(gold_name: str, folder: Path) -> tuple[Tally, Tally]:
    catalog, matchers = _catalog()
    claims, events = Tally(), Tally()
    for name, gold in load_gold(gold_name).items():
        extraction = extract(read_path(folder / name), catalog, matchers=matchers)
        failed = [w for w in extraction.warnings if "step failed" in w]
        assert not failed, f"{name}: {failed}"
        doc = extraction.document
        want = gold.get("published")
        if (doc.published.edtf() if doc.published else None) != want:
            print(f"  note: {name}: publication date {doc.published} found, {want} stated")
        sentences = split_sentences(doc.body, doc.paragraphs)
        score_claims(doc.body, sentences, extraction.claims, gold["claims"], claims, name)
        score_events(doc.body, sentences, extraction.events, gold["events"], events, name)
    print(f"\n== {gold_name}")
    print(claims.summary("claims"))
    print(events.summary("events"))
    for line in claims.misses + events.misses:
        print("  missed:", line)
    for line in claims.extras + events.extras:
        print("  extra: ", line)
    for line in claims.wrong + events.wrong:
        print("  wrong: ", line)
    return claims, events


def test_every_gold_text_is_in_its_article() -> None:
    catalog, matchers = _catalog()
    for gold_name, folder in (("seeds.yaml", SEEDS), ("unseen.yaml", UNSEEN)):
        for name, gold in load_gold(gold_name).items():
            body = extract(read_path(folder / name), catalog, matchers=matchers).document.body
            for entry in gold["claims"] + gold["events"]:
                for text in [entry["text"], *entry.get("also", [])]:
                    locate(body, text)


def test_seed_claims_meet_targets() -> None:
    claims, _ = _score("seeds.yaml", SEEDS)
    assert claims.recall >= 0.85
    assert claims.precision >= 0.75
    assert claims.rate("claimant") >= 0.8
    assert claims.rate("author") >= 0.8


def test_seed_events_meet_targets() -> None:
    _, events = _score("seeds.yaml", SEEDS)
    assert events.recall >= 0.8
    assert events.precision >= 0.75
    assert events.rate("date") == 1.0  # every date the seed texts state
    assert events.rate("no_invented_date") >= 0.9


def test_unseen_claims_meet_looser_targets() -> None:
    claims, _ = _score("unseen.yaml", UNSEEN)
    assert claims.recall >= 0.6
    assert claims.precision >= 0.6
    assert claims.rate("claimant") >= 0.6


def test_unseen_events_meet_looser_targets() -> None:
    _, events = _score("unseen.yaml", UNSEEN)
    assert events.recall >= 0.6
    assert events.precision >= 0.6
    assert events.rate("date") >= 0.6


@pytest.mark.parametrize(
    ("gold", "want"),
    [("2024-01-15/2024-01-21", True), ("2024-01-15", False), (None, False)],
)
def test_date_matches_reads_edtf_intervals(gold: str | None, want: bool) -> None:
    p = EventProposal("t", "meeting", 0, 1, PartialDate(2024, 1, 15), PartialDate(2024, 1, 21))
    assert date_matches(p, gold) is want
