"""Optimistic locking: a save is refused when the row changed since the editor loaded it.

Every versioned model has a ``version`` column. An editor (admin form, API client) sends
back the version it loaded; :func:`version_bump` moves the stored version from that value to
the next one in a single conditional UPDATE, so of two concurrent saves exactly one wins,
on SQLite and PostgreSQL alike, and the loser gets :class:`StaleVersionError`.

The admin (``kb.admin.VersionedAdminMixin``) and the API both call these functions.
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F


class StaleVersionError(Exception):
    """The stored version is not the one the editor loaded: someone else saved first."""

    def __init__(self, instance: models.Model, *, expected: int, current: int | None) -> None:
        self.instance = instance
        self.expected = expected
        self.current = current
        super().__init__(stale_message(instance, expected=expected, current=current))


def is_versioned(model: type[models.Model] | models.Model) -> bool:
    """True when the model has an optimistic-locking ``version`` column."""
    return any(f.name == "version" for f in model._meta.concrete_fields)


def current_version(instance: models.Model) -> int | None:
    """The version stored in the database now, or None when the row is gone."""
    model = type(instance)
    return model._base_manager.filter(pk=instance.pk).values_list("version", flat=True).first()


def version_bump(*, instance: models.Model, expected: int) -> int:
    """Move the stored version from ``expected`` to ``expected + 1`` or raise StaleVersionError.

    Call it inside the transaction that then saves ``instance``; on success
    ``instance.version`` holds the new value, so the following ``save()`` keeps it.
    """
    model = type(instance)
    updated = model._base_manager.filter(pk=instance.pk, version=expected).update(
        version=F("version") + 1
    )
    if updated != 1:
        raise StaleVersionError(instance, expected=expected, current=current_version(instance))
    instance.version = expected + 1
    return instance.version


def save_versioned(*, instance: models.Model, expected: int | None = None, **save_kwargs) -> None:
    """Save ``instance`` if nobody saved it since ``expected`` (default: its own version).

    New rows are saved as they are. Raises StaleVersionError and saves nothing on a
    conflict.
    """
    with transaction.atomic():
        if instance._state.adding or instance.pk is None:
            instance.save(**save_kwargs)
            return
        version_bump(instance=instance, expected=instance.version if expected is None else expected)
        instance.save(**save_kwargs)


def next_version(instance: models.Model) -> None:
    """Bump ``instance.version`` in memory before a write that is not an editor's save."""
    if is_versioned(instance) and instance.pk is not None:
        instance.version = (instance.version or 0) + 1


def last_editor(instance: models.Model) -> tuple[str, object] | None:
    """(user name, when) of the newest history record of ``instance``, if it is tracked."""
    history = getattr(type(instance), "history", None)
    if history is None or instance.pk is None:
        return None
    record = (
        history.model.objects.filter(**{type(instance)._meta.pk.attname: instance.pk})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if record is None:
        return None
    user = record.history_user
    return (user.get_username() if user else "an automated process", record.history_date)


def stale_message(instance: models.Model, *, expected: int, current: int | None) -> str:
    """A sentence for the analyst whose save was refused."""
    label = f"{instance._meta.verbose_name} “{instance}”"
    if current is None:
        return f"The {label} was deleted by someone else while you were editing it."
    who = last_editor(instance)
    by = f" by {who[0]} at {who[1]:%Y-%m-%d %H:%M} UTC" if who else ""
    return (
        f"The {label} was changed{by} after you opened it (you loaded version {expected}, "
        f"it is now version {current}). Your changes were not saved: reload the page, "
        "check the other changes and apply yours again."
    )
