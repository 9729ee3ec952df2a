"""The merge log's writes: record a merge or split, undo one, and the registry of undo services.

Each app registers the service that undoes its merges and splits from its
``AppConfig.ready()`` (:func:`register_undo`); :func:`merge_record_undo` dispatches to it, so
the base never imports an app.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from kb.core.merging import MergeError, undo_merge
from kb.core.models import MergeKind, MergeRecord

#: (model label, MergeKind) → the service undoing such a record: ``handler(record=, user=)``.
UndoHandler = Callable[..., models.Model]
_UNDO_HANDLERS: dict[tuple[str, str], UndoHandler] = {}


def register_undo(model: type[models.Model], kind: str, handler: UndoHandler) -> None:
    """Make ``handler`` the service that undoes ``kind`` records of ``model``."""
    _UNDO_HANDLERS[(model._meta.label_lower, kind)] = handler


def merge_record_undo(*, record: MergeRecord, user=None) -> models.Model:
    """Undo any MergeRecord through the service registered for it; returns the restored row."""
    model = record.content_type.model_class()
    handler = _UNDO_HANDLERS.get((model._meta.label_lower, record.kind)) if model else None
    if handler is None:
        raise MergeError(f"Nothing knows how to undo “{record}”.")
    return handler(record=record, user=user)


def lock_record(record: MergeRecord, model: type[models.Model], kind: str) -> MergeRecord:
    """The MergeRecord locked for undo; MergeError if it is of another kind or already undone."""
    record = MergeRecord.objects.select_for_update().get(pk=record.pk)
    if record.content_type_id != ContentType.objects.get_for_model(model).pk or record.kind != kind:
        raise MergeError(f"Record #{record.pk} is not a {model._meta.verbose_name} {kind}.")
    if record.is_undone:
        raise MergeError(f"“{record}” was already undone.")
    return record


def close_record(record: MergeRecord, user) -> None:
    """Mark a MergeRecord undone by ``user`` now."""
    record.undone_at = timezone.now()
    record.undone_by = user
    record.save(update_fields=["undone_at", "undone_by"])


def summarize(head: str, payload: dict) -> str:
    """One line for the record: what was merged and how many rows of each kind moved."""
    counts: dict[str, int] = {}
    for item in payload["moved"]:
        name = str(apps.get_model(item["model"])._meta.verbose_name_plural)
        counts[name] = counts.get(name, 0) + len(item["pks"])
    parts = [f"{n} {what}" for what, n in sorted(counts.items())]
    if payload.get("deleted"):
        parts.append(f"{len(payload['deleted'])} duplicates dropped")
    return (f"{head}: moved " + ", ".join(parts) if parts else head)[:500]


def record_merge(
    *, model: type[models.Model], keep, merge_pk: int, head: str, payload: dict, user
) -> MergeRecord:
    """Write the MergeRecord of a merge of row ``merge_pk`` into ``keep``."""
    return _record(MergeKind.MERGE, model, keep.pk, merge_pk, head, payload, user)


def record_split(
    *, model: type[models.Model], original, new_pk: int, head: str, payload: dict, user
) -> MergeRecord:
    """Write the MergeRecord of a split of row ``new_pk`` off ``original``."""
    return _record(MergeKind.SPLIT, model, original.pk, new_pk, head, payload, user)


def _record(kind, model, kept_id, other_id, head, payload, user) -> MergeRecord:
    return MergeRecord.objects.create(
        kind=kind,
        content_type=ContentType.objects.get_for_model(model),
        kept_id=kept_id,
        other_id=other_id,
        summary=summarize(head, payload),
        payload=payload,
        created_by=user,
    )


def undo_merge_record(*, model: type[models.Model], record: MergeRecord, user) -> models.Model:
    """Replay a merge record backwards: the merged row returns with its id and rows."""
    noun = model._meta.verbose_name
    with transaction.atomic():
        record = lock_record(record, model, MergeKind.MERGE)
        keep = model.objects.select_for_update().filter(pk=record.kept_id).first()
        if keep is None:
            raise MergeError(f"The kept {noun} has been deleted since; the merge cannot be undone.")
        restored = undo_merge(
            model=model,
            keep=keep,
            payload=record.payload,
            user=user,
            reason=f"undo: {record.summary}",
        )
        close_record(record, user)
        return restored
