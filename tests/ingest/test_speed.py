"""Speed helpers must not change results: regex gates, span indexes, date triggers, scaling."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from actors.names import fold
from kb.ingest.catalog import DEFAULT_CATALOG, load_catalog_file
from kb.ingest.claims.cues import (
    ACCORDING,
    FRAMING,
    MARKERS,
    NOUN_RE,
    REPORT_MARKERS,
    VERB_RE,
    VERBS,
)
from kb.ingest.clean.document import clean
from kb.ingest.events.cues import _IRREALIS_WORDS, CUES, IRREALIS
from kb.ingest.events.facts import _CUE_GATES
from kb.ingest.link import candidates, coref
from kb.ingest.pipeline import Matchers, extract
from kb.ingest.read.files import read_path
from kb.ingest.text import dateparse, dates, prefilter
from kb.ingest.text.alternation import by_first_letter
from kb.ingest.text.sentences import split_sentences
from kb.ingest.text.spans import covering, pairs_overlapping, starting_in, within
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
        "Yesterday and the day before yesterday, not today; Tonight, tomorrow or This evening.",
    ]
    return out


def test_gates_never_reject_a_match(sentences: list[str]) -> None:
    for pattern in (ACCORDING, NOUN_RE):
        prefixes = prefilter.gate(pattern)
        assert prefixes is not None
        for text in sentences:
            if pattern.search(text):
                assert prefilter.may_match(prefixes, text), text
    for i, cue in enumerate(CUES):
        prefixes = prefilter.gate(cue.pattern)
        for text in sentences:
            if cue.pattern.search(text):
                assert prefilter.may_match(prefixes, text), (cue.pattern.pattern, text)
                assert prefixes is None or not _CUE_GATES.present(text).isdisjoint(prefixes)
                assert i in _CUE_GATES.passing(text)
    for pattern in [p for p, _, _ in FRAMING] + [MARKERS, REPORT_MARKERS]:
        prefixes = prefilter.gate_folded(pattern)
        assert prefixes is not None
        for text in sentences:
            if pattern.search(text):
                assert any(p in prefilter.fold_case(text) for p in prefixes), text


def test_gate_reads_alternatives_and_optional_parts() -> None:
    assert set(prefilter.gate(re.compile(r"\b(?:counter-?)?offensive\b"))) == {
        "counter",
        "offensiv",
    }
    assert prefilter.gate(re.compile(r"\w+ said")) is None
    assert prefilter.gate(re.compile(r"said", re.I)) is None
    assert prefilter.gate_folded(re.compile(r"said", re.I)) == ("said",)


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


def test_prepositions_found_before_a_date_are_those_of_an_optional_group(
    sentences: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = sentences + [
        "Lebanon 2014, in  \n 2014, since since March 3, 2014 and from   the spring of 2014.",
        "It was 2013 in 2014; Starting Monday, of of May 5 and Till 3/4/20 (sinceMarch 2014).",
        "On Tuesday, March 3, 2020 until Friday; in the 1990s, between 2001 and 2005.",
        "Until last Friday morning, by 2014-05-06, through mid-2019 and during 5 May.",
    ]
    base = dates.PartialDate(2020, 3, 10)

    def found() -> list[list[tuple]]:
        return [
            [(t.start, t.end, t.text, t.date, t.date_end, t.relation) for t in dates._find(s, base)]
            for s in texts
        ]

    fast = found()
    prep = (
        "(?:(?P<prep>"
        + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in dates.PREPOSITIONS)
        + r")\s+)?"
    )
    plain = [
        dates.DatePattern(re.compile(prep + p.regex.pattern), p.handler)
        if p.after_preposition
        else p
        for p in dates.PATTERNS
    ]
    monkeypatch.setattr(dates, "PATTERNS", plain)
    assert fast == found()


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


def test_end_gates_never_reject_a_match(sentences: list[str]) -> None:
    for cue in CUES:
        suffixes = prefilter.gate(cue.pattern, ends=True)
        for text in sentences:
            if cue.pattern.search(text):
                assert prefilter.may_match(suffixes, text), (cue.pattern.pattern, text)
    for pattern in [p for p, _, _ in FRAMING] + [MARKERS, REPORT_MARKERS]:
        suffixes = prefilter.gate_folded(pattern, ends=True)
        for text in sentences:
            if pattern.search(text):
                assert prefilter.may_match(suffixes, prefilter.fold_case(text)), text
    suffixes = prefilter.gate(NOUN_RE, ends=True)
    assert suffixes == ("that",)
    for text in sentences:
        if NOUN_RE.search(text):
            assert prefilter.may_match(suffixes, text), text


def test_end_gate_reads_alternatives_and_optional_parts() -> None:
    assert prefilter.gate(re.compile(r"\b(?:counter-?)?offensive\b"), ends=True) == ("ffensive",)
    assert set(prefilter.gate(re.compile(r"ab(?:cd|e)?"), ends=True)) == {"ab", "cd", "e"}
    assert prefilter.gate(re.compile(r"said\s+\w+"), ends=True) is None
    assert prefilter.gate_folded(re.compile(r"it\s+is\s+THAT\b", re.I), ends=True) == ("that",)


def test_spans_passing_matches_a_test_per_span() -> None:
    rnd = random.Random(5)
    words = ["it", "that", "said", "in", "all", "reportedly"]
    for _ in range(200):
        text = " ".join(rnd.choice(words + ["x", "y"]) for _ in range(rnd.randrange(1, 30)))
        cuts = sorted({0, len(text), *(rnd.randrange(len(text) + 1) for _ in range(5))})
        spans = list(zip(cuts, cuts[1:], strict=False))
        prefixes = tuple(rnd.sample(words, 2))
        want = {i for i, (s, e) in enumerate(spans) if prefilter.may_match(prefixes, text[s:e])}
        assert prefilter.spans_passing(text, spans, prefixes) == want
        assert prefilter.spans_passing(text, spans[::-1], prefixes) == {
            i for i, (s, e) in enumerate(spans[::-1]) if prefilter.may_match(prefixes, text[s:e])
        }
        assert prefilter.spans_passing(text, spans, None) is None


def test_gates_passing_spans_matches_passing() -> None:
    rnd = random.Random(9)
    words = list(_CUE_GATES.prefixes)
    for _ in range(200):
        text = " ".join(rnd.choice(words) + rnd.choice(["", "s", "ed", "-"]) for _ in range(12))
        cuts = sorted({0, len(text), *(rnd.randrange(len(text) + 1) for _ in range(6))})
        spans = list(zip(cuts, cuts[1:], strict=False))
        want = [_CUE_GATES.passing(text[s:e]) for s, e in spans]
        assert _CUE_GATES.passing_spans(text, spans) == want
        assert _CUE_GATES.passing_spans(text, spans[::-1]) == want[::-1]


def test_alternatives_grouped_by_first_letter_match_the_same(sentences: list[str]) -> None:
    forms = [form for forms, _, _ in VERBS for form in forms.split("|")]
    plain = re.compile(r"(?<![\w'’-])(" + "|".join(forms) + r")(?![\w'’-])")
    texts = sentences + ["He claimed responsibility, claims credit; she read, reads, rEad."]
    for text in texts:
        assert [m.span(1) for m in VERB_RE.finditer(text)] == [
            m.span(1) for m in plain.finditer(text)
        ]
    plain = re.compile(r"\b(?:" + "|".join(_IRREALIS_WORDS) + r")\b", re.I)
    for text in texts + ["IF NOT, they Would-Be ſhould never; İf it needs"]:
        assert [m.span() for m in IRREALIS.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
    with pytest.raises(ValueError):
        by_first_letter(["said", "Says"])
    with pytest.raises(ValueError):
        by_first_letter(["s?aid"])


def test_fold_case_fast_path_is_the_same() -> None:
    for text in ["Plain ASCII Text", "“Curly” quotes — and ümlauts", "İSTANBUL ſoon KELVIN K ı"]:
        assert prefilter.fold_case(text) == text.translate(prefilter._FOLD).lower()
        assert len(prefilter.fold_case(text)) == len(text)


def test_skipping_covered_runs_changes_no_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = load_catalog_file(DEFAULT_CATALOG)
    matchers = Matchers.from_catalog(catalog)
    docs = [clean(read_path(path)) for path in ARTICLES]

    def all_candidates() -> list:
        out = []
        for doc in docs:
            folded = fold(doc.body)
            mentions = matchers.actors.find(doc.body, folded)
            metonyms = [(m.start, m.end) for m in mentions if m.metonym]
            places = matchers.places.find(doc.body, folded, exclude=metonyms)
            out.append(candidates.find_candidates(doc.body, mentions, places, skip=doc.notes))
        return out

    skipped = []
    full = candidates._Mask.full
    monkeypatch.setattr(
        candidates._Mask, "full", lambda self, a, b: skipped.append(full(self, a, b)) or skipped[-1]
    )
    fast = all_candidates()
    assert any(skipped)
    monkeypatch.setattr(candidates._Mask, "full", lambda self, a, b: False)
    assert all_candidates() == fast


def test_head_word_test_changes_nothing() -> None:
    text = (
        "Opposition groups rallied. Two armed GROUPS and subgroups met; the groups said so. "
        "Officials of ministries spoke, and the officials left."
    )
    for head in ["groups", "group", "officials", "ministries", "militias"]:
        pattern = coref._head_pattern(head)
        for floor in range(0, len(text), 7):
            for pos in range(floor, len(text) + 1, 5):
                best = None
                for m in pattern.finditer(text, floor, pos):
                    words = m.group(1).lower().split()
                    if not (words and words[-1] in ("the", "these", "those", "this", "that")):
                        best = m.span()
                assert coref.same_head_before(text, pos, head, floor) == best


def test_month_day_year_shortcut_reads_dates_as_dateutil_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    values = [
        f"{month} {day}, {year}"
        for month in ("March", "march", "MAY", "February", "April", "Sept", "Marc")
        for day in ("0", "00", "1", "09", "29", "30", "31", "32", "45")
        for year in ("0000", "0999", "1000", "1900", "2024", "9999")
    ]
    fast = [dateparse._parse_words(v) for v in values]
    monkeypatch.setattr(dateparse, "_MONTH_DAY_YEAR", re.compile(r"(?!)"))
    assert fast == [dateparse._parse_words(v) for v in values]


def test_run_and_acronym_patterns_match_the_plain_ones(sentences: list[str]) -> None:
    plain = re.compile(
        rf"(?<![\w'’\-]){candidates._CAP}(?:\.? (?:(?:{candidates._CONN}) )*{candidates._CAP})+"
    )
    texts = sentences + [
        "U.S.Army Forces met al-Sadr Movement and Al-Qaeda in Iraq, el-Sisi Group, ash-Sham "
        "Front; as-Sahab Media, ul-Haq Party, xal-Sadr Party, Émile Zola Institute (ÉZI).",
        "Gen. Joseph Votel of the U.S. Central Command and Abu Mahdi al-Muhandis’ Kataib Hezbollah",
    ]
    acronym = re.compile(r"(?<![\w.])[A-Z]{2,6}(?![\w])")
    texts += ["NATO, IRGC.PMF (PMF) KATAIBHEZB ABCDEFG AB-CD xAB _AB A.BC Ab IQ"]
    for text in texts:
        assert [m.span() for m in candidates._RUN.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text
        assert [m.span() for m in candidates._ACRONYM.finditer(text)] == [
            m.span() for m in acronym.finditer(text)
        ], text


def test_switching_the_pre_tests_off_changes_no_extraction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    catalog = load_catalog_file(DEFAULT_CATALOG)
    matchers = Matchers.from_catalog(catalog)
    heldout = sorted((ROOT / "data" / "eval" / "heldout").glob("*.txt"))
    raws = [read_path(path) for path in ARTICLES + heldout]

    def extract_all() -> list:
        dates._find_cached.cache_clear()  # dates found with the other setting
        return [extract(raw, catalog, matchers=matchers) for raw in raws]

    fast = extract_all()
    monkeypatch.setattr(prefilter, "ENABLED", False)
    assert extract_all() == fast
    assert sum(len(x.claims) + len(x.events) for x in fast) > 100


def test_the_switch_opens_every_pre_test(monkeypatch: pytest.MonkeyPatch) -> None:
    gates = prefilter.Gates([("said",), ("denied",), None])
    spans = [(0, 9), (10, 23)]
    text = "they said it was not so"
    sentence = "It began on March 3, 2020."
    monkeypatch.setattr(dates, "_TRIGGERS", [("never-present",)] * len(dates.PATTERNS))
    heads: list[str] = []
    head_pattern = coref._head_pattern
    monkeypatch.setattr(coref, "_head_pattern", lambda h: heads.append(h) or head_pattern(h))

    assert not prefilter.may_match(("zzz",), text)
    assert prefilter.spans_passing(text, spans, ("zzz",)) == set()
    assert gates.passing(text) == {0, 2}
    assert gates.passing_spans(text, spans) == [{0, 2}, {2}]
    assert dates._candidates(sentence, None) == []  # the trigger words are missing
    assert coref.same_head_before("Two groups met.", 15, "militias", 0) is None
    assert heads == []  # the head word is missing: its pattern never ran

    monkeypatch.setattr(prefilter, "ENABLED", False)
    assert prefilter.may_match(("zzz",), text)
    assert prefilter.spans_passing(text, spans, ("zzz",)) is None
    assert gates.passing(text) == {0, 1, 2}
    assert gates.passing_spans(text, spans) == [{0, 1, 2}, {0, 1, 2}]
    assert [e.text for e in dates._find(sentence, None)] == ["on March 3, 2020"]
    assert coref.same_head_before("Two groups met.", 15, "militias", 0) is None
    assert heads == ["militias"]
