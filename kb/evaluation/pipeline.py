"""The one door from the evaluation package into the ingest pipeline.

Everything the scorer needs from ``kb.ingest`` is imported here and nowhere else, so a move
of the ingest modules is fixed in this file alone. The pipeline runs pure: the reference
catalog is parsed from ``fixtures/reference.yaml``, no database is touched.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kb.ingest.catalog import Catalog, CatalogActor, load_catalog_file
from kb.ingest.link.mentions import Matchers
from kb.ingest.pipeline import extract
from kb.ingest.read.files import read_path
from kb.ingest.text.sentences import split_sentences
from kb.ingest.types import (
    CandidateProposal,
    ClaimProposal,
    CleanDocument,
    EventProposal,
    Extraction,
    MentionProposal,
    RawDocument,
    RoleProposal,
)

REFERENCE = Path(__file__).resolve().parents[2] / "fixtures" / "reference.yaml"

__all__ = [
    "CandidateProposal",
    "Catalog",
    "CatalogActor",
    "ClaimProposal",
    "CleanDocument",
    "EventProposal",
    "Extraction",
    "MentionProposal",
    "RawDocument",
    "RoleProposal",
    "read",
    "reference_catalog",
    "run",
    "sentences",
]


@cache
def _reference(path: Path) -> tuple[Catalog, Matchers]:
    catalog = load_catalog_file(path)
    return catalog, Matchers.from_catalog(catalog)


def reference_catalog(path: Path = REFERENCE) -> Catalog:
    """The reference catalog (actors, places), parsed once per path."""
    return _reference(path)[0]


def read(path: Path) -> RawDocument:
    """A file as the pipeline reads it (text, format, sidecar metadata)."""
    return read_path(path)


def run(raw: RawDocument, catalog_path: Path = REFERENCE) -> Extraction:
    """Everything the pipeline proposes for ``raw``, against the reference catalog."""
    catalog, matchers = _reference(catalog_path)
    return extract(raw, catalog, matchers=matchers)


def sentences(doc: CleanDocument) -> list[tuple[int, int]]:
    """Sentence spans of a cleaned body, as the pipeline splits them."""
    return split_sentences(doc.body, doc.paragraphs)
