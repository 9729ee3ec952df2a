"""Issue 13, reproduction 5: a paragraph without sentence breaks cannot stall ingest.

A 40 KB paragraph of claims took 66 s and 1 MB never finished (claim attribution, claim
linking and event facts each scan the sentence once per cue). The splitter now cuts any
"sentence" longer than MAX_SENTENCE at clause marks, so every later step is bounded and
the whole pipeline grows linearly with the article.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from kb.ingest.catalog import DEFAULT_CATALOG, load_catalog_file
from kb.ingest.pipeline import extract
from kb.ingest.text.sentences import MAX_SENTENCE, split_sentences
from kb.ingest.types import RawDocument

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"
#: The shape of the paragraph that stalled ingest: claims and events back to back, no full stop.
CLAUSE = (
    "Iran said the attack on the base was planned by the IRGC, while Iraq denied the attack, "
    "and the United States accused Kataib Hezbollah of the strike on 3 January 2020, "
)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog_file(DEFAULT_CATALOG)


def one_line(size: int, *, every: int | None = None) -> str:
    """``size`` characters on one line: the seeds' prose with every full stop made a comma,
    the clause above every ``every`` characters (or nothing but the clause)."""
    if every is None:
        return (CLAUSE * (size // len(CLAUSE) + 1))[:size]
    prose = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    prose = re.sub(r"[.!?]\s+", ", ", re.sub(r"\s+", " ", prose))
    prose = CLAUSE.join(prose[i : i + every] for i in range(0, len(prose), every))
    return (prose * (size // len(prose) + 1))[:size]


def run(text: str, catalog):
    started = time.perf_counter()
    result = extract(RawDocument(text=text, origin="long.txt", format="text"), catalog)
    return result, time.perf_counter() - started


def test_no_sentence_span_is_longer_than_the_bound_and_none_is_lost():
    text = one_line(50_000)
    spans = split_sentences(text, [(0, len(text))])
    assert max(e - s for s, e in spans) <= MAX_SENTENCE
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start and not text[end:start].strip()  # only spaces between pieces
    assert all(text[e - 1] in ",;:—" for _, e in spans[:-1])  # cut at clause marks


def test_real_sentences_are_never_cut():
    text = "Iran said the talks would resume, " * 20 + "officials said."
    assert split_sentences(text, [(0, len(text))]) == [(0, len(text))]


def test_an_80kb_paragraph_of_claims_extracts_in_seconds(catalog):
    result, seconds = run(one_line(80_000), catalog)
    assert seconds < 20, f"{seconds:.1f} s"  # minutes without the bound, ~3 s with it
    assert len(result.claims) > 1000 and result.claims[-1].start > 79_000


def test_a_1mb_single_line_article_extracts_in_seconds(catalog):
    text = one_line(1_000_000, every=1000)
    result, seconds = run(text, catalog)
    assert seconds < 60, f"{seconds:.1f} s"  # ~6–9 s on a loaded 2-core machine
    # claims and mentions are found to the end of the line, not only at its start
    assert result.claims[-1].start > 990_000 and result.mentions[-1].start > 990_000
