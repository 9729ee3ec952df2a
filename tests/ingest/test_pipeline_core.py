"""The pure pipeline: catalog loading, matchers shared by a batch, extraction wiring."""

from pathlib import Path

import pytest

from kb.ingest import pipeline
from kb.ingest.catalog import DEFAULT_CATALOG, catalog_from_data, load_catalog_file
from kb.ingest.pipeline import Matchers, extract, prose_sentences
from kb.ingest.read import iter_article_paths, read_path
from kb.ingest.types import Catalog, CatalogActor, CatalogPlace, IngestError, RawDocument

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


# --- catalog ----------------------------------------------------------------------------


CATALOG_DATA = {
    "actors": [
        {"key": "us", "name": "United States", "kind": "state", "aliases": ["U.S.", "America"], "case_sensitive_aliases": ["US"], "metonyms": ["Washington"], "wikidata": "Q30"},
        {"key": "dod", "name": "Department of Defense", "kind": "government_body", "parent": "us"},
    ],
    "places": [{"key": "baghdad", "name": "Baghdad", "kind": "city", "country": "IQ", "latitude": 33.3, "longitude": 44.4, "aliases": ["Bagdad"]}],
    "relationships": [{"source": "dod", "target": "us", "kind": "part_of", "start": 1947}],
}  # fmt: skip


def test_catalog_from_data_reads_every_field():
    catalog = catalog_from_data(CATALOG_DATA)
    us = catalog.actor("us")
    assert (us.aliases, us.case_sensitive, us.metonyms, us.wikidata) == (
        ("U.S.", "America"),
        ("US",),
        ("Washington",),
        "Q30",
    )
    assert catalog.actor("dod").parent == "us"
    assert (catalog.places[0].latitude, catalog.places[0].aliases) == (33.3, ("Bagdad",))
    assert (catalog.relationships[0].kind, catalog.relationships[0].start) == ("part_of", "1947")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["actors"].append({"key": "us", "name": "Again"}), "duplicate actor key 'us'"),
        (lambda d: d["actors"][1].update(parent="nobody"), "unknown parent 'nobody'"),
        (lambda d: d["actors"][0].pop("name"), "actor us: missing name"),
        (lambda d: d["places"][0].update(latitude=123), "latitude out of range"),
        (
            lambda d: d["relationships"].append({"source": "us", "target": "x", "kind": "leads"}),
            "unknown actor 'x'",
        ),
        (lambda d: d["actors"][0].update(aliases={"a": 1}), "aliases must be a list of strings"),
    ],
)
def test_catalog_errors_name_the_bad_entry(change, message):
    data = {k: [dict(item) for item in v] for k, v in CATALOG_DATA.items()}
    change(data)
    with pytest.raises(ValueError, match=message):
        catalog_from_data(data)


def test_load_catalog_file_reports_invalid_yaml_in_one_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("actors: [\n", encoding="utf-8")
    with pytest.raises(IngestError, match="not valid YAML"):
        load_catalog_file(path)


@pytest.mark.skipif(not DEFAULT_CATALOG.exists(), reason="reference catalog not written yet")
def test_reference_catalog_loads():
    catalog = load_catalog_file()
    assert catalog.actor("iran") is not None and catalog.places


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

    def fake_step(module, name):
        return lambda doc, sentences, *rest: seen.setdefault(module, sentences) and []

    monkeypatch.setattr(pipeline, "_optional_step", fake_step)
    result = extract(raw(NOTE), small_catalog())
    notes_start = result.document.notes[0][0]
    assert seen["claims"] and seen["events"]
    assert all(end <= notes_start for _, end in seen["claims"] + seen["events"])


def test_missing_claims_module_gives_no_claims():
    assert pipeline._optional_step("no_such_step_module", "extract") is None


def test_failing_step_becomes_a_warning(monkeypatch):
    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "_optional_step", lambda module, name: broken)
    result = extract(raw(NOTE), small_catalog())
    assert (result.claims, result.events) == ([], [])
    assert "claims step failed: RuntimeError: boom" in result.warnings


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
