"""Speed helpers must not change results: regex gates, span indexes, date triggers, scaling."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from kb.ingest import dates, regexgate
from kb.ingest.claimcues import ACCORDING, FRAMING, MARKERS, NOUN_RE, REPORT_MARKERS
from kb.ingest.clean import clean
from kb.ingest.eventcues import CUES
from kb.ingest.eventfacts import _CUE_GATES
from kb.ingest.read import read_path
from kb.ingest.sentences import split_sentences
from kb.ingest.spanindex import covering, pairs_overlapping, starting_in, within
from kb.ingest.types import MentionProposal, RawDocument

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "data" / "seeds").glob("*.txt")) + sorted(
    p for p in (ROOT / "tests" / "ingest" / "unseen").iterdir() if p.suffix != ".json"
)


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    out = []
    for path in ARTICLES:
        doc = clean(read_path(path))
        out += [doc.body[s:e] for s, e in split_sentences(doc.body, doc.paragraphs)]
    out += [
        "Iran has fallen to the militias, and Mosul fell to ISIS.",
        "They went to the polls; the IRGC was elected nowhere. It seems clear that ſome said so.",
        "SEIZED tankers were RePortedly impounded; APPARENTLY nobody noticed.",
        "The counteroffensive began on 3/4/20, three days ago, in the spring of 2014.",
    ]
    return out


def test_gates_never_reject_a_match(sentences: list[str]) -> None:
    for pattern in (ACCORDING, NOUN_RE):
        prefixes = regexgate.gate(pattern)
        assert prefixes is not None
        for text in sentences:
            if pattern.search(text):
                assert regexgate.may_match(prefixes, text), text
    for i, cue in enumerate(CUES):
        prefixes = regexgate.gate(cue.pattern)
        for text in sentences:
            if cue.pattern.search(text):
                assert regexgate.may_match(prefixes, text), (cue.pattern.pattern, text)
                assert prefixes is None or not _CUE_GATES.present(text).isdisjoint(prefixes)
                assert i in _CUE_GATES.passing(text)
    for pattern in [p for p, _, _ in FRAMING] + [MARKERS, REPORT_MARKERS]:
        prefixes = regexgate.gate_folded(pattern)
        assert prefixes is not None
        for text in sentences:
            if pattern.search(text):
                assert any(p in regexgate.fold_case(text) for p in prefixes), text


def test_gate_reads_alternatives_and_optional_parts() -> None:
    assert set(regexgate.gate(re.compile(r"\b(?:counter-?)?offensive\b"))) == {
        "counter",
        "offensiv",
    }
    assert regexgate.gate(re.compile(r"\w+ said")) is None
    assert regexgate.gate(re.compile(r"said", re.I)) is None
    assert regexgate.gate_folded(re.compile(r"said", re.I)) == ("said",)


def test_gates_present_matches_a_plain_scan() -> None:
    rnd = random.Random(3)
    words = list(_CUE_GATES.prefixes)
    for _ in range(500):
        text = " ".join(rnd.choice(words) + rnd.choice(["", "s", "ed ", "-"]) for _ in range(6))
        text = text[rnd.randrange(4) :]
        assert _CUE_GATES.present(text) == {p for p in words if p in text}


def test_span_index_matches_brute_force() -> None:
    rnd = random.Random(7)
    for _ in range(50):
        spans = []
        for _ in range(rnd.randrange(0, 40)):
            a = rnd.randrange(0, 500)
            spans.append(MentionProposal("x", a, a + rnd.randrange(1, 30), "x"))
        spans.sort(key=lambda m: m.start)
        for _ in range(20):
            a = rnd.randrange(0, 520)
            b = a + rnd.randrange(0, 120)
            assert within(spans, a, b) == [m for m in spans if m.start >= a and m.end <= b]
            assert starting_in(spans, a, b) == [m for m in spans if a <= m.start < b]
            assert covering(spans, a) == [m for m in spans if m.start <= a < m.end]
        pairs, pos = [], 0
        for _ in range(rnd.randrange(0, 10)):
            pos += rnd.randrange(1, 50)
            end = pos + rnd.randrange(1, 40)
            pairs.append((pos, end))
            pos = end
        for _ in range(20):
            a = rnd.randrange(0, 400)
            b = a + rnd.randrange(1, 80)
            assert pairs_overlapping(pairs, a, b) == [(x, y) for x, y in pairs if x < b and y > a]
    unsorted = [MentionProposal("x", 9, 12, "x"), MentionProposal("x", 1, 4, "x")]
    assert within(unsorted, 0, 20) == unsorted


def test_date_triggers_change_nothing(
    sentences: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base = dates.PartialDate(2020, 3, 10)
    fast = [[(t.start, t.end, t.date, t.date_end) for t in dates._find(s, base)] for s in sentences]
    monkeypatch.setattr(dates, "_TRIGGERS", [()] * len(dates.PATTERNS))
    slow = [[(t.start, t.end, t.date, t.date_end) for t in dates._find(s, base)] for s in sentences]
    assert fast == slow


def test_cached_dates_are_fresh_copies() -> None:
    first = dates.find_temporal_expressions("It began on March 3, 2020.", None)
    first[0].start = 99
    again = dates.find_temporal_expressions("It began on March 3, 2020.", None)
    assert again[0].start != 99


def _long_article(size: int) -> RawDocument:
    paragraphs = []
    for path in ARTICLES[:5]:
        doc = clean(read_path(path))
        paragraphs += [p for p in doc.body.split("\n\n") if len(p) > 120]
    rnd = random.Random(1)
    out, n, k = ["A long compilation on Iran and Iraq", ""], 0, 0
    while n < size:
        rnd.shuffle(paragraphs)
        k += 1
        for p in paragraphs:
            out += [f"{p} This was noted in section {k}.", ""]
            n += len(p) + 40
            if n >= size:
                break
    return RawDocument(text="\n".join(out), origin="long.txt", format="text")
