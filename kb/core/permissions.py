"""Who may do what to a record: the one rule every write path asks.

The admin (change form, history revert, list edits, inlines, bulk actions, delete and bulk
delete, merge, split, undo) and the API (POST, PUT, PATCH, DELETE) call these functions and
nothing else decides. A user may:

- **add, change, delete** a model's rows when their role gives the Django model permission
  (``articles.change_claim``…): Readers and staff users without a role have none;
- **set or leave the status verified** only with ``kb.verify_records`` (Editors): any write
  whose values move a record to ``verified``, or a verified record to another status, is
  refused otherwise — whether it comes from a form, a history revert (every field of the
  old version counts) or a bulk action;
- **delete a verified record** only with ``kb.delete_verified_records`` (Editors), and this
  holds for everything the delete cascades to: deleting an article deletes its claims,
  deleting an actor the relationships it is an end of, so those are checked too;
- **merge, split and undo** only with ``kb.merge_records`` and the change permission.

Each ``*_refusal`` function returns the reason as one sentence, or None when allowed; the
``check_*`` functions raise :class:`Refused` (Django's PermissionDenied) with that reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied
from django.db import models, router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

VERIFIED = "verified"
VERIFY = "kb.verify_records"
MERGE = "kb.merge_records"
DELETE_VERIFIED = "kb.delete_verified_records"


class Refused(PermissionDenied):
    """A write the user's role does not allow; ``str()`` says why in one sentence."""


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def has_model_perm(user, action: str, model: type[models.Model]) -> bool:
    """Whether ``user``'s role gives ``action`` (add, change, delete, view) on ``model``."""
    opts = model._meta
    return _active(user) and user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def can_verify(user) -> bool:
    """Editors verify records, and change the status of verified ones."""
    return _active(user) and user.has_perm(VERIFY)


def can_merge(user) -> bool:
    """Editors merge and split actors and events, and undo it."""
    return _active(user) and user.has_perm(MERGE)


def can_view_ingest_runs(user) -> bool:
    """Analysts and Editors (staff with ``kb.view_ingestrun``): runs name server paths."""
    return _active(user) and user.is_staff and user.has_perm("kb.view_ingestrun")


def can_delete_verified(user) -> bool:
    return _active(user) and user.has_perm(DELETE_VERIFIED)


def has_status(model: type[models.Model]) -> bool:
    return any(f.name == "status" for f in model._meta.concrete_fields)


def may_set_status(user, old: str | None, new: str | None) -> bool:
    """Whether ``user`` may move a record from status ``old`` to ``new``."""
    if new is None or new == old:
        return True
    return (old != VERIFIED and new != VERIFIED) or can_verify(user)


def _plural(model) -> str:
    return str(model._meta.verbose_name_plural)


def _status_refusal(user, old, new) -> str | None:
    if may_set_status(user, old, new):
        return None
    return "Only editors verify records or change the status of verified ones."


# --- add and change -----------------------------------------------------------------------


def add_refusal(user, model: type[models.Model], values: Mapping) -> str | None:
    """Why ``user`` may not create a ``model`` row with ``values``, or None."""
    if not has_model_perm(user, "add", model):
        return f"Your role does not allow adding {_plural(model)}."
    return _status_refusal(user, None, values.get("status"))


def changed_fields(current: models.Model, new: models.Model) -> dict:
    """The concrete fields whose value differs between the stored row and ``new``."""
    return {
        f.name: getattr(new, f.attname)
        for f in current._meta.concrete_fields
        if getattr(current, f.attname) != getattr(new, f.attname)
    }


def change_refusal(user, current: models.Model, values: Mapping) -> str | None:
    """Why ``user`` may not give the stored row ``current`` the field ``values``, or None.

    ``values`` is every field the write would set (a form's, a serializer's, or all the
    fields of an old version being reverted to); only those that differ count.
    """
    if not has_model_perm(user, "change", type(current)):
        return f"Your role does not allow changing {_plural(current)}."
    if "status" in values:
        return _status_refusal(user, getattr(current, "status", None), values["status"])
    return None


def change_refusal_for_instance(user, new: models.Model) -> str | None:
    """:func:`change_refusal` for an unsaved instance, against its row in the database."""
    model = type(new)
    current = model._base_manager.filter(pk=new.pk).first()
    if current is None:
        return add_refusal(user, model, {"status": getattr(new, "status", None)})
    return change_refusal(user, current, changed_fields(current, new))


def status_refusal(user, model: type[models.Model], old: str | None, new: str) -> str | None:
    """Why ``user`` may not move a ``model`` row from status ``old`` to ``new``, or None
    (bulk actions ask once per status instead of once per row)."""
    if not has_model_perm(user, "change", model):
        return f"Your role does not allow changing {_plural(model)}."
    return _status_refusal(user, old, new)


# --- delete -----------------------------------------------------------------------------


def _collect(objs: list[models.Model]) -> Collector:
    collector = Collector(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    return collector


def delete_refusal(user, objs: Iterable[models.Model], *, cascade: bool = True) -> str | None:
    """Why ``user`` may not delete ``objs`` and everything the delete cascades to, or None.

    Every row the delete would remove counts: its model's delete permission, and whether
    it is verified (then only editors delete). ``cascade=False`` checks ``objs`` alone
    (cheap, for showing a delete button; the delete itself checks the cascade).
    """
    objs = list(objs)
    if not objs:
        return None
    if not cascade:
        return _rows_refusal(user, type(objs[0]), objs)
    try:
        collector = _collect(objs)
    except (ProtectedError, RestrictedError) as exc:
        return str(exc.args[0])
    for model, rows in collector.data.items():
        if reason := _rows_refusal(user, model, rows):
            return reason
    for queryset in collector.fast_deletes:
        model = queryset.model
        if model._meta.auto_created:
            continue
        if not has_model_perm(user, "delete", model):
            if queryset.exists():
                return f"Your role does not allow deleting {_plural(model)}."
            continue
        verified_guarded = has_status(model) and not can_delete_verified(user)
        if verified_guarded and queryset.filter(status=VERIFIED).exists():
            return _verified_reason(model)
    return None


def _verified_reason(model) -> str:
    return f"Only editors delete verified records (this deletes verified {_plural(model)})."


def _rows_refusal(user, model, rows) -> str | None:
    if model._meta.auto_created:
        return None
    if not has_model_perm(user, "delete", model):
        return f"Your role does not allow deleting {_plural(model)}."
    if can_delete_verified(user):
        return None
    if any(getattr(row, "status", None) == VERIFIED for row in rows):
        return _verified_reason(model)
    return None


# --- merge, split, undo ---------------------------------------------------------------------


def merge_refusal(user, model: type[models.Model] | None = None) -> str | None:
    """Why ``user`` may not merge or split ``model`` rows or undo it, or None."""
    if not can_merge(user):
        return "Only editors merge, split and undo."
    if model is not None and not has_model_perm(user, "change", model):
        return f"Your role does not allow changing {_plural(model)}."
    return None


# --- raising forms ---------------------------------------------------------------------------


def _raise(reason: str | None) -> None:
    if reason:
        raise Refused(reason)


def check_add(user, model, values: Mapping) -> None:
    _raise(add_refusal(user, model, values))


def check_change(user, current, values: Mapping) -> None:
    _raise(change_refusal(user, current, values))


def check_instance(user, new: models.Model) -> None:
    """Raise unless ``user`` may save ``new`` over its stored row (or create it)."""
    _raise(change_refusal_for_instance(user, new))


def check_delete(user, objs: Iterable[models.Model]) -> None:
    _raise(delete_refusal(user, objs))


def check_merge(user, model=None) -> None:
    _raise(merge_refusal(user, model))
