"""The pure pipeline, one document: matchers shared by a batch, steps wired in order."""

from pathlib import Path

import pytest

from kb.ingest import pipeline
from kb.ingest.catalog import (
    DEFAULT_CATALOG,
    Catalog,
    CatalogActor,
    CatalogPlace,
    load_catalog_file,
)
from kb.ingest.pipeline import Matchers, extract, prose_sentences
from kb.ingest.read.files import iter_article_paths, read_path
from kb.ingest.types import RawDocument

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"

NOTE = """Iran's Leverage in Iraq

Published 2020-04-02

Tehran has used its allies in parliament to shape the government's response, officials said. Iraq did not object.

Notes

1. Smith, John, “How Tehran Votes,” Gulf Review, 3/4/20
"""


def small_catalog() -> Catalog:
    return Catalog(
        actors=[
            CatalogActor("iran", "Iran", "state", metonyms=("Tehran",)),
            CatalogActor("iraq", "Iraq", "state", metonyms=("Baghdad",)),
        ],
        places=[CatalogPlace("tehran", "Tehran"), CatalogPlace("baghdad", "Baghdad")],
    )


def raw(text: str) -> RawDocument:
    return RawDocument(text=text, origin="note.txt", format="text")


# --- extraction -------------------------------------------------------------------------


def test_extract_fills_document_mentions_and_places():
    result = extract(raw(NOTE), small_catalog())
    doc = result.document
    assert (doc.title, str(doc.published)) == ("Iran's Leverage in Iraq", "2020-04-02")
    assert {(m.actor, m.text) for m in result.mentions} >= {("iran", "Tehran"), ("iraq", "Iraq")}
    assert all(doc.body[m.start : m.end] == m.text for m in result.mentions)


def test_metonym_linked_to_an_actor_is_not_also_a_place():
    result = extract(
        raw("Tehran has denied it. The envoy flew to Tehran on Monday."), small_catalog()
    )
    assert [m.text for m in result.mentions] == ["Tehran"]
    assert [(p.place, p.start) for p in result.places] == [("tehran", 40)]


def test_sentences_in_notes_are_not_given_to_claims_and_events(monkeypatch):
    seen: dict[str, list] = {}

    def recording(step):
        return lambda doc, sentences, *rest: seen.setdefault(step, sentences) and []

    monkeypatch.setattr(pipeline, "extract_claims", recording("claims"))
    monkeypatch.setattr(pipeline, "extract_events", recording("events"))
    result = extract(raw(NOTE), small_catalog())
    notes_start = result.document.notes[0][0]
    assert seen["claims"] and seen["events"]
    assert all(end <= notes_start for _, end in seen["claims"] + seen["events"])


@pytest.mark.parametrize("step", ["extract_claims", "extract_events"])
def test_failing_step_fails_the_extraction(monkeypatch, step):
    # A step's bug must not be swallowed into a half-empty article: the caller reports the
    # file as an error and stores nothing of it (tests/commands/test_ingest_command.py).
    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, step, broken)
    with pytest.raises(RuntimeError, match="boom"):
        extract(raw(NOTE), small_catalog())


def test_empty_body_after_cleaning_is_a_warning():
    result = extract(raw("Subscribe\n\nShare this article"), small_catalog())
    assert result.warnings == ["no article text left after cleaning"]


def test_missing_title_and_date_are_warnings():
    result = extract(
        raw("Iraq and Iran talked for a long time about the border and the militias."),
        small_catalog(),
    )
    assert {"no title found", "no publication date found"} <= set(result.warnings)


def test_candidates_skip_the_notes():
    text = NOTE.replace("Iraq did not object.", "Iraq did not object, said Gen. Joseph Votel.")
    result = extract(
        raw(text + "\n2. Doe, Jane, “Gen. Ali Hassan Speaks,” CBS News, 2020\n"), small_catalog()
    )
    assert [c.name for c in result.candidates] == ["Joseph Votel"]


def test_prose_sentences_drop_sentences_inside_notes():
    result = extract(raw(NOTE), small_catalog())
    doc = result.document
    assert prose_sentences(doc, [(0, 5), (doc.notes[0][0], doc.notes[0][1])]) == [(0, 5)]


def test_matchers_built_once_are_reused(monkeypatch):
    matchers = Matchers.from_catalog(small_catalog())
    monkeypatch.setattr(
        Matchers, "from_catalog", classmethod(lambda cls, c: pytest.fail("rebuilt"))
    )
    assert extract(raw(NOTE), small_catalog(), matchers=matchers).mentions


@pytest.mark.skipif(not DEFAULT_CATALOG.exists(), reason="reference catalog not written yet")
def test_seeds_extract_with_exact_offsets():
    catalog = load_catalog_file()
    matchers = Matchers.from_catalog(catalog)
    for path in iter_article_paths([SEEDS]):
        result = extract(read_path(path), catalog, matchers=matchers)
        body = result.document.body
        assert result.mentions, path.name
        for item in [*result.mentions, *result.places]:
            assert body[item.start : item.end] == item.text
