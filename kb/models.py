"""The kb app's models: the merge log, defined in kb.core.models (app label ``kb``)."""

from kb.core.models import MergeKind, MergeRecord

__all__ = ["MergeKind", "MergeRecord"]
