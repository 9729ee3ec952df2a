"""What the store step works on: files waiting to be stored, articles being stored."""

from __future__ import annotations

from dataclasses import dataclass

from articles.models import Article
from kb.ingest.store.report import FileReport
from kb.ingest.types import Extraction, RawDocument

#: The reason recorded in the history of every row the ingest writes.
CHANGE_REASON = "ingest"


@dataclass
class Unit:
    """One article being stored: its row, what was extracted from it, and its report."""

    article: Article
    extraction: Extraction
    report: FileReport
    fresh: bool  # the article has no rows yet: nothing stored to compare with


@dataclass
class Pending:
    """A file read and extracted, waiting to be stored."""

    extraction: Extraction
    raw: RawDocument
    path: str
