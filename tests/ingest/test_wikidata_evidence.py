"""Every Wikidata QID in the reference catalog has its evidence row in data/wikidata_evidence.md."""

import re
from pathlib import Path

from kb.ingest.catalog import load_catalog_file

EVIDENCE = Path(__file__).resolve().parents[2] / "data" / "wikidata_evidence.md"
ROW = re.compile(r"^\| (actor|place) \| ([a-z0-9-]+) \| (Q[1-9][0-9]*) \|", re.M)


def _rows() -> dict[tuple[str, str], str]:
    rows: dict[tuple[str, str], str] = {}
    for kind, key, qid in ROW.findall(EVIDENCE.read_text(encoding="utf-8")):
        assert (kind, key) not in rows, f"two evidence rows for {kind} {key}"
        rows[(kind, key)] = qid
    return rows


def _catalog_qids() -> dict[tuple[str, str], str]:
    catalog = load_catalog_file()
    qids = {("actor", a.key): a.wikidata for a in catalog.actors if a.wikidata}
    qids.update({("place", p.key): p.wikidata for p in catalog.places if p.wikidata})
    return qids


def test_every_catalog_qid_has_its_evidence_row():
    rows = _rows()
    missing = {k: q for k, q in _catalog_qids().items() if rows.get(k) != q}
    assert not missing, f"catalog QIDs without a matching row in {EVIDENCE.name}: {missing}"


def test_every_evidence_row_is_a_catalog_qid():
    qids = _catalog_qids()
    stale = {k: q for k, q in _rows().items() if qids.get(k) != q}
    assert not stale, f"rows in {EVIDENCE.name} the catalog does not carry: {stale}"


def test_cities_and_provinces_carry_qids_not_only_countries():
    qids = _catalog_qids()
    catalog = load_catalog_file()
    kinds = {p.kind for p in catalog.places if ("place", p.key) in qids}
    assert {"country", "city", "province"} <= kinds
