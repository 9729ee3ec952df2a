"""The pure part of ingest, one document: raw text in, proposals out (no database).

clean → sentences → link (actors, places, candidates) → claims → events, each step a
function over the dataclasses of kb.ingest.types. A step that raises fails the whole file:
the caller (kb.ingest.batch) reports it as an error and stores nothing of it.
"""

from __future__ import annotations

from kb.ingest.catalog import Catalog
from kb.ingest.claims.extract import extract_claims
from kb.ingest.clean.document import clean
from kb.ingest.events.extract import extract_events
from kb.ingest.link.mentions import Matchers, link_mentions
from kb.ingest.text.sentences import split_sentences
from kb.ingest.types import CleanDocument, Extraction, RawDocument

__all__ = ["Matchers", "extract", "prose_sentences"]


def prose_sentences(doc: CleanDocument, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences outside the footnote/reference lists."""
    return [(s, e) for s, e in sentences if not any(ns <= s < ne for ns, ne in doc.notes)]


def extract(raw: RawDocument, catalog: Catalog, *, matchers: Matchers | None = None) -> Extraction:
    """Everything the pipeline proposes for one raw document."""
    matchers = matchers or Matchers.from_catalog(catalog)
    doc = clean(raw)
    result = Extraction(document=doc)
    if not doc.body.strip():
        result.warnings.append("no article text left after cleaning")
        return result
    prose = prose_sentences(doc, split_sentences(doc.body, doc.paragraphs))
    links = link_mentions(doc, matchers)
    result.mentions, result.places, result.candidates = (
        links.mentions,
        links.places,
        links.candidates,
    )
    result.claims = extract_claims(doc, prose, result.mentions, catalog, result.candidates)
    result.events = extract_events(doc, prose, result.mentions, result.places, catalog)
    if not doc.title:
        result.warnings.append("no title found")
    if doc.published is None:
        result.warnings.append("no publication date found")
    if not result.mentions:
        result.warnings.append("no known actor mentioned")
    return result
