"""What ingesting one file did, and the content hash that makes re-ingesting a no-op."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field

from kb.ingest.types import IngestError, RawDocument

logger = logging.getLogger(__name__)


@dataclass
class FileReport:
    """What ingesting one file did (or would do, in a dry run)."""

    path: str
    status: str  # created | updated | reprocessed | unchanged | error
    message: str = ""
    article_id: int | None = None
    title: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "error"

    def as_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        """One human-readable line for the console report."""
        if self.status == "error":
            return f"ERROR  {self.path}: {self.message}"
        counts = ", ".join(f"{k} {v}" for k, v in self.counts.items() if v)
        head = f"{self.status.upper():<11} {self.path}"
        if self.article_id:
            head += f" → article {self.article_id}"
        return (
            f"{head}"
            + (f" ({counts})" if counts else "")
            + (f" — {self.message}" if self.message else "")
        )


def error_report(path: str, exc: Exception) -> FileReport:
    """The report of a file that failed: an IngestError says what is wrong with the file;
    anything else is a bug, logged with its traceback and reported as an internal error."""
    if isinstance(exc, IngestError):
        return FileReport(path, "error", str(exc))
    logger.error("ingest failed on %s", path, exc_info=exc)
    return FileReport(path, "error", f"internal error: {type(exc).__name__}: {exc}")


def content_hash(raw: RawDocument) -> str:
    """SHA-256 of the article text and its sidecar metadata."""
    digest = hashlib.sha256(raw.text.encode("utf-8"))
    digest.update(json.dumps(raw.metadata, sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()


__all__ = ["FileReport", "content_hash", "error_report"]
