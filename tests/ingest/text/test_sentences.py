"""Sentence splitting inside paragraphs."""

import time
from pathlib import Path

from kb.ingest.text.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"


def sentences(text: str, paragraphs=None) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, paragraphs or [])]


def test_splits_plain_sentences():
    assert sentences("Iran fired. Iraq protested! Why? Nobody knows.") == [
        "Iran fired.",
        "Iraq protested!",
        "Why?",
        "Nobody knows.",
    ]


def test_does_not_split_after_titles():
    assert sentences("Gen. Qassem Soleimani met Mr. Smith and Dr. Ali in St. Louis.") == [
        "Gen. Qassem Soleimani met Mr. Smith and Dr. Ali in St. Louis."
    ]


def test_does_not_split_inside_us_before_a_name():
    assert len(sentences("The U.S. Central Command said so.")) == 1


def test_splits_after_us_when_a_new_sentence_starts():
    assert sentences("Troops stayed in the U.S. The response was swift.") == [
        "Troops stayed in the U.S.",
        "The response was swift.",
    ]


def test_does_not_split_after_a_m_before_a_weekday():
    assert len(sentences("It began at 9 a.m. Tuesday in Baghdad.")) == 1


def test_does_not_split_after_number_abbreviation():
    assert len(sentences("Resolution No. 2231 was cited.")) == 1


def test_does_not_split_after_an_initial():
    assert len(sentences("Analyst J. Smith disagreed.")) == 1


def test_does_not_split_decimals():
    assert len(sentences("Aid rose to $3.5 billion in 2019.")) == 1


def test_quote_ending_with_period_inside_closes_the_sentence():
    assert sentences("He said, “We will respond.” Then he left.") == [
        "He said, “We will respond.”",
        "Then he left.",
    ]


def test_question_inside_quote_before_lowercase_does_not_split():
    assert len(sentences("“Why now?” she asked.")) == 1


def test_paragraph_end_always_ends_a_sentence():
    body = "A headline without a stop\n\nThe body starts here."
    assert sentences(body, [(0, 25), (27, len(body))]) == [
        "A headline without a stop",
        "The body starts here.",
    ]


def test_spans_are_trimmed_of_whitespace():
    body = "  One.   Two.  "
    assert sentences(body) == ["One.", "Two."]


def test_splits_a_seed_article_in_a_few_milliseconds():
    body = (SEEDS / "004_66be381d1d8600b7.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    for _ in range(20):
        spans = split_sentences(body, [])
    assert (time.perf_counter() - start) / 20 < 0.005
    assert len(spans) > 25


def test_no_at_a_sentence_end_still_splits():
    assert sentences("The answer was no. Then he left.") == ["The answer was no.", "Then he left."]
