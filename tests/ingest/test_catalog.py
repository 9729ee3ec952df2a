"""The reference catalog: one YAML loader into dataclasses, errors that name the bad entry."""

import pytest

from kb.ingest.catalog import DEFAULT_CATALOG, catalog_from_data, load_catalog_file
from kb.ingest.types import IngestError

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
        (lambda d: d["places"][0].update(wikidata="Baghdad"), "place baghdad: wikidata must be"),
        (lambda d: d["actors"][1].update(wikidata="q30"), "actor dod: wikidata must be"),
        (
            lambda d: d["actors"][1].update(wikidata="Q30"),
            "actors 'us' and 'dod' share wikidata Q30",
        ),
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
