"""The pure part of ingest: raw document in, proposals out (no database).

clean → sentences → actor and place matching → candidates → claims → events. Claims and
events live in their own modules; until they exist (or if one fails) the pipeline still
returns everything else, with a warning for a failure.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from actors.names import fold
from kb.ingest.candidates import find_candidates
from kb.ingest.clean import clean
from kb.ingest.matcher import ActorMatcher, PlaceMatcher
from kb.ingest.sentences import split_sentences
from kb.ingest.types import Catalog, CleanDocument, Extraction, RawDocument

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Matchers:
    """Actor and place automata, built once per catalog and shared by a batch of files."""

    actors: ActorMatcher
    places: PlaceMatcher

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Matchers:
        """Build both automata from ``catalog``."""
        return cls(ActorMatcher.from_catalog(catalog), PlaceMatcher.from_catalog(catalog))


def prose_sentences(doc: CleanDocument, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences outside the footnote/reference lists."""
    return [(s, e) for s, e in sentences if not any(ns <= s < ne for ns, ne in doc.notes)]


def _optional_step(module: str, name: str) -> Callable | None:
    """A step function from a sibling module, or None while that module does not exist."""
    try:
        return getattr(importlib.import_module(f"kb.ingest.{module}"), name)
    except ModuleNotFoundError as exc:
        if exc.name == f"kb.ingest.{module}":
            return None
        raise


def extract(raw: RawDocument, catalog: Catalog, *, matchers: Matchers | None = None) -> Extraction:
    """Everything the pipeline proposes for one raw document."""
    matchers = matchers or Matchers.from_catalog(catalog)
    doc = clean(raw)
    result = Extraction(document=doc)
    if not doc.body.strip():
        result.warnings.append("no article text left after cleaning")
        return result
    sentences = split_sentences(doc.body, doc.paragraphs)
    folded = fold(doc.body)
    result.mentions = matchers.actors.find(doc.body, folded)
    metonyms = [(m.start, m.end) for m in result.mentions if m.metonym]
    result.places = matchers.places.find(doc.body, folded, exclude=metonyms)
    result.candidates = find_candidates(doc.body, result.mentions, result.places, skip=doc.notes)
    prose = prose_sentences(doc, sentences)
    result.claims = _run(result, "claims", "extract_claims", doc, prose, result.mentions, catalog)
    result.events = _run(
        result, "events", "extract_events", doc, prose, result.mentions, result.places, catalog
    )
    if not doc.title:
        result.warnings.append("no title found")
    if doc.published is None:
        result.warnings.append("no publication date found")
    if not result.mentions:
        result.warnings.append("no known actor mentioned")
    return result


def _run(result: Extraction, module: str, name: str, *args: object) -> list:
    """Run an optional step; a failure becomes a warning, not a lost file."""
    step = _optional_step(module, name)
    if step is None:
        return []
    try:
        return list(step(*args))
    except Exception as exc:  # one step's bug must not lose the rest of the extraction
        logger.exception("%s failed on %s", name, result.document.title or "untitled document")
        result.warnings.append(f"{module} step failed: {type(exc).__name__}: {exc}")
        return []
