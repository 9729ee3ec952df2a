"""Bulk writes that keep the change history complete.

QuerySet.update() and bulk_create() skip model signals, so simple-history never sees them.
Every write path that touches many rows (admin actions, services, the ingest store step)
goes through these helpers instead: they write the rows and one history record per row,
with the acting user and a change reason, and bump ``version`` so that an editor holding
an older copy is refused (see kb.core.locking).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import models, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kb.core.bulk import can_insert_objects, insert_history, insert_objects
from kb.core.choices import ReviewStatus
from kb.core.locking import is_versioned, next_version

BATCH = 500
#: simple-history stores the change reason in a varchar(100).
REASON_MAX = 100


class LeanHistoricalRecords(HistoricalRecords):
    """simple-history records whose table is indexed only for how history is read.

    The library indexes every column of a historical table that is indexed, unique or a
    foreign key on the tracked table. History is only ever read by the tracked row's id
    (the admin's history view, reverting, merges), in date order; the other indexes cost
    every write (a large ingest writes hundreds of thousands of history rows) and serve
    no query. This keeps the id index (and simple-history's own history_date and
    history_user indexes) and drops the rest.
    """

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for name, field in fields.items():
            if name != model._meta.pk.name:
                field.db_index = False
        return fields


def change_reason(text: str) -> str:
    """``text`` cut to fit the history's change-reason column."""
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"


def is_tracked(model: type[models.Model]) -> bool:
    """True when simple-history records this model's changes."""
    return bool(getattr(model._meta, "simple_history_manager_attribute", None))


def bulk_create_tracked(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    user=None,
    reason: str = "",
    ignore_conflicts: bool = False,
) -> list[models.Model]:
    """bulk_create, plus a '+' history record per row when the model is tracked.

    New rows go through kb.core.bulk's plain inserts where the backend returns ids from a
    multi-row insert (PostgreSQL, SQLite 3.35+); otherwise through Django's bulk_create and
    simple-history's bulk_history_create. With ``ignore_conflicts`` rows that already existed get a history record too (the
    library finds the rows again by their values), which is harmless.
    """
    objs = list(objs)
    if not objs:
        return []
    if not ignore_conflicts and can_insert_objects(model, objs):
        with transaction.atomic():
            insert_objects(model, objs)
            if is_tracked(model):
                insert_history(model, objs, user=user, reason=change_reason(reason))
        return objs
    if not is_tracked(model):
        return model._default_manager.bulk_create(
            objs, batch_size=BATCH, ignore_conflicts=ignore_conflicts
        )
    return bulk_create_with_history(
        objs,
        model,
        batch_size=BATCH,
        ignore_conflicts=ignore_conflicts,
        default_user=user,
        default_change_reason=change_reason(reason),
    )


def bulk_update_tracked(
    model: type[models.Model],
    objs: Sequence[models.Model],
    fields: Iterable[str],
    *,
    user=None,
    reason: str = "",
) -> int:
    """bulk_update of ``fields``, bumping version and updated_at, with a '~' record per row."""
    if not objs:
        return 0
    fields = set(fields)
    now = timezone.now()
    for obj in objs:
        if is_versioned(model):
            next_version(obj)
            fields.add("version")
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False):
                setattr(obj, f.attname, now)
                fields.add(f.name)
    if not is_tracked(model):
        return model._default_manager.bulk_update(objs, sorted(fields), batch_size=BATCH)
    return bulk_update_with_history(
        objs,
        model,
        sorted(fields),
        batch_size=BATCH,
        default_user=user,
        default_change_reason=change_reason(reason),
    )


def review_set_status(
    *, queryset: models.QuerySet, status: str, user=None, reason: str = ""
) -> int:
    """Set the review status of every row in ``queryset`` not already at it; the count changed."""
    if status not in ReviewStatus.values:
        raise ValueError(f"unknown review status: {status!r}")
    with transaction.atomic():
        model = queryset.model
        # Lock the rows themselves, whatever joins or ordering the caller's queryset has.
        pending = queryset.exclude(status=status).values("pk")
        objs = list(model._base_manager.select_for_update().filter(pk__in=pending))
        for obj in objs:
            obj.status = status
        bulk_update_tracked(
            model, objs, ["status"], user=user, reason=reason or f"set status {status}"
        )
    return len(objs)


def save_tracked(obj: models.Model, *, user, reason: str) -> None:
    """A per-object save that history attributes to ``user`` with ``reason``."""
    obj._history_user = user
    obj._change_reason = change_reason(reason)
    obj.save()


def delete_tracked(obj: models.Model, *, user, reason: str) -> None:
    """A per-object delete that history attributes to ``user`` with ``reason``."""
    obj._history_user = user
    obj._change_reason = change_reason(reason)
    obj.delete()
