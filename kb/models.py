"""The kb app's models: the merge log (kb.core.models) and ingest runs (kb.runs.models)."""

from kb.core.models import MergeKind, MergeRecord
from kb.runs.models import IngestBatch, IngestRun

__all__ = ["IngestBatch", "IngestRun", "MergeKind", "MergeRecord"]
