"""Merge two rows of one model, split rows off one, and undo either exactly.

The engine behind ``actor_merge``, ``event_merge`` and ``event_split``. It walks the
model's reverse relations (``_meta.related_objects``), so a foreign key added to Actor or
Event later is moved too without touching this module. What it does is written into a
:class:`~kb.core.models.MergeRecord` payload (written by kb.core.merge_records) that undo
replays backwards:

- ``removed``: serialized snapshot of the row merged away (restored with its id);
- ``moved``: ``{model, field, pks}`` of rows repointed from the removed row to the kept one;
- ``deleted``: snapshots of rows that would have duplicated one the kept row already had
  (a unique constraint) or pointed the kept row at itself; their many-to-many values are
  first added to the surviving duplicate (``m2m_added``) so nothing is lost;
- ``kept_fields``: ``{attname: [before, after]}`` of fields filled in on the kept row;
- ``created``: ``{model, pk}`` of rows the merge made (e.g. an alias for the old name).

Every write to a history-tracked model goes through simple-history (per-object saves and
deletes, ``bulk_update_with_history``) with the acting user and a change reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from django.apps import apps
from django.core import serializers
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import Collector

from kb.core.history import (
    bulk_update_tracked,
    change_reason,
    delete_tracked,
    is_tracked,
    save_tracked,
)
from kb.core.locking import next_version

CHUNK = 500


class MergeError(Exception):
    """A merge, split or undo that cannot be done safely; the transaction is rolled back."""


# --- model introspection ---------------------------------------------------------------


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def relations(model: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every foreign key that points at ``model``.

    Auto-created many-to-many tables are included through their foreign key; explicit
    ``through`` models are reached through their own foreign keys.
    """
    out = []
    for rel in model._meta.related_objects:
        if rel.many_to_many:
            through = rel.through
            if through._meta.auto_created:
                out.append((through, rel.field.m2m_reverse_field_name()))
            continue
        out.append((rel.related_model, rel.field.name))
    return out


def _unique_sets(model: type[models.Model], name: str) -> list[tuple[str, ...]]:
    sets = [tuple(u) for u in model._meta.unique_together]
    sets += [
        tuple(c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None
    ]
    if model._meta.get_field(name).unique:
        sets.append((name,))
    return [s for s in sets if name in s]


def _attname(model: type[models.Model], name: str) -> str:
    return model._meta.get_field(name).attname


def _same_target_fks(model: type[models.Model], name: str) -> list[str]:
    """Attnames of the other foreign keys of ``model`` to the same model as ``name``."""
    target = model._meta.get_field(name).related_model
    return [
        f.attname
        for f in model._meta.concrete_fields
        if f.is_relation and f.many_to_one and f.related_model is target and f.name != name
    ]


def _forward_m2m(model: type[models.Model]) -> list[models.ManyToManyField]:
    return [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]


# --- writes with history ---------------------------------------------------------------


def repoint(
    model: type[models.Model],
    name: str,
    pks: Sequence[int],
    to_pk: int | None,
    *,
    user,
    reason: str,
) -> None:
    """Set foreign key ``name`` of the rows ``pks`` to ``to_pk``, with history if tracked."""
    attname = _attname(model, name)
    for i in range(0, len(pks), CHUNK):
        chunk = pks[i : i + CHUNK]
        if not is_tracked(model):
            model._base_manager.filter(pk__in=chunk).update(**{attname: to_pk})
            continue
        objs = list(model._base_manager.filter(pk__in=chunk))
        for obj in objs:
            setattr(obj, attname, to_pk)
        bulk_update_tracked(model, objs, [name], user=user, reason=reason)


def snapshot(objs: Iterable[models.Model]) -> list[dict]:
    """Rows as Django's serializer writes them (fields, foreign key ids, m2m id lists)."""
    return json.loads(serializers.serialize("json", list(objs)))


def restore(snapshots: list[dict], *, user, reason: str, bump: bool = False) -> list[models.Model]:
    """Insert snapshot rows again with their ids and timestamps; history records the insert."""
    restored: list[models.Model] = []
    for item in serializers.deserialize("json", json.dumps(snapshots)):
        obj = item.object
        model = type(obj)
        if model._base_manager.filter(pk=obj.pk).exists():
            raise MergeError(
                f"{model._meta.verbose_name} #{obj.pk} exists again; cannot restore it."
            )
        _drop_dangling(obj)
        if bump:
            next_version(obj)
        try:
            with transaction.atomic():
                # raw=True keeps created_at/updated_at as they were; history is written below.
                obj.save_base(raw=True, force_insert=True)
        except IntegrityError as exc:
            raise MergeError(
                f"Cannot restore {model._meta.verbose_name} “{obj}”: another record now "
                f"takes its place ({exc})."
            ) from exc
        for field_name, values in (item.m2m_data or {}).items():
            getattr(obj, field_name).set(values)
        restored.append(obj)
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for obj in restored:
        by_model.setdefault(type(obj), []).append(obj)
    for model, objs in by_model.items():
        if is_tracked(model):
            model.history.bulk_history_create(
                objs, default_user=user, default_change_reason=change_reason(reason)
            )
    return restored


def _drop_dangling(obj: models.Model) -> None:
    """Clear nullable foreign keys whose target was deleted since the snapshot."""
    for f in obj._meta.concrete_fields:
        if not (f.is_relation and f.many_to_one):
            continue
        value = getattr(obj, f.attname)
        if value is None or f.related_model._base_manager.filter(pk=value).exists():
            continue
        if not f.null:
            raise MergeError(
                f"{obj._meta.verbose_name} #{obj.pk} points to {f.related_model._meta.verbose_name} "
                f"#{value}, which no longer exists."
            )
        setattr(obj, f.attname, None)


def _refuse_if_referenced(obj: models.Model) -> None:
    """Deleting a duplicate must not cascade to rows that hang off it."""
    for rel_model, name in relations(type(obj)):
        if rel_model._base_manager.filter(**{name: obj.pk}).exists():
            raise MergeError(
                f"{obj._meta.verbose_name} “{obj}” duplicates one the kept record has, but "
                f"{rel_model._meta.verbose_name_plural} refer to it; resolve it by hand first."
            )


# --- merge -----------------------------------------------------------------------------


def preview(*, merge: models.Model) -> dict[str, int]:
    """How many rows of each kind point at ``merge`` (what a merge would move)."""
    counts = {}
    for rel_model, name in relations(type(merge)):
        n = rel_model._base_manager.filter(**{name: merge.pk}).count()
        if n:
            counts[f"{rel_model._meta.verbose_name_plural} ({name})"] = n
    return counts


def merge_rows(
    *,
    keep: models.Model,
    merge: models.Model,
    user,
    reason: str,
    fill_fields: Sequence[str] = (),
) -> dict:
    """Move everything that points at ``merge`` to ``keep``, then delete ``merge``.

    Both rows must be locked by the caller (select_for_update) inside a transaction.
    Returns the payload undo needs; ``keep`` is saved (version bumped) before returning.
    """
    model = type(keep)
    if type(merge) is not model:
        raise MergeError("Only two records of the same kind can be merged.")
    if keep.pk == merge.pk:
        raise MergeError("A record cannot be merged into itself.")
    payload: dict = {
        "removed": snapshot([merge]),
        "moved": [],
        "deleted": [],
        "m2m_added": [],
        "kept_fields": {},
        "created": [],
    }
    for rel_model, name in relations(model):
        _move_relation(
            rel_model, name, keep=keep, merge=merge, payload=payload, user=user, reason=reason
        )

    for name in fill_fields:
        attname = _attname(model, name)
        before, value = getattr(keep, attname), getattr(merge, attname)
        if before in (None, "") and value not in (None, ""):
            setattr(keep, attname, value)
            payload["kept_fields"][attname] = [before, value]

    _refuse_cascade(merge)
    delete_tracked(merge, user=user, reason=reason)
    next_version(keep)
    save_tracked(keep, user=user, reason=reason)
    return payload


def _move_relation(rel_model, name, *, keep, merge, payload, user, reason) -> None:
    attname = _attname(rel_model, name)
    rows = rel_model._base_manager.filter(**{attname: merge.pk})
    if rel_model is type(keep):
        # A self reference (Actor.parent): the kept row itself cannot point at itself.
        if getattr(keep, attname) == merge.pk:
            inherited = getattr(merge, attname)
            after = None if inherited == keep.pk else inherited
            payload["kept_fields"][attname] = [merge.pk, after]
            setattr(keep, attname, after)
        rows = rows.exclude(pk=keep.pk)
    siblings = _same_target_fks(rel_model, name)
    unique_sets = _unique_sets(rel_model, name)
    wanted = sorted(
        {_attname(rel_model, n) for s in unique_sets for n in s if n != name} | set(siblings)
    )
    row_values = list(rows.values_list("pk", *wanted))
    if not row_values:
        return
    survivors: dict[tuple, int] = {}
    for s in unique_sets:
        others = [_attname(rel_model, n) for n in s if n != name]
        for pk, *vals in rel_model._base_manager.filter(**{attname: keep.pk}).values_list(
            "pk", *others
        ):
            survivors[(s, tuple(vals))] = pk
    move, duplicates, loops = [], [], []
    for pk, *vals in row_values:
        values = dict(zip(wanted, vals, strict=True))
        if any(values[s] == keep.pk for s in siblings):
            loops.append(pk)
            continue
        match = None
        for s in unique_sets:
            key = (s, tuple(values[_attname(rel_model, n)] for n in s if n != name))
            if key in survivors:
                match = survivors[key]
                break
        if match is None:
            move.append(pk)
        else:
            duplicates.append((pk, match))
    for pk, survivor_pk in duplicates:
        _drop_duplicate(rel_model, pk, survivor_pk, payload=payload, user=user, reason=reason)
    for pk in loops:
        _drop_duplicate(rel_model, pk, None, payload=payload, user=user, reason=reason)
    if move:
        repoint(rel_model, name, move, keep.pk, user=user, reason=reason)
        payload["moved"].append({"model": label(rel_model), "field": name, "pks": move})


def _drop_duplicate(model, pk: int, survivor_pk: int | None, *, payload, user, reason) -> None:
    obj = model._base_manager.get(pk=pk)
    _refuse_if_referenced(obj)
    payload["deleted"].extend(snapshot([obj]))
    if survivor_pk is not None:
        survivor = model._base_manager.get(pk=survivor_pk)
        for field in _forward_m2m(model):
            have = set(getattr(survivor, field.name).values_list("pk", flat=True))
            extra = sorted(set(getattr(obj, field.name).values_list("pk", flat=True)) - have)
            if extra:
                getattr(survivor, field.name).add(*extra)
                payload["m2m_added"].append(
                    {"model": label(model), "pk": survivor_pk, "field": field.name, "ids": extra}
                )
    if model._meta.auto_created:
        model._base_manager.filter(pk=pk).delete()
    else:
        delete_tracked(obj, user=user, reason=reason)


def _refuse_cascade(obj: models.Model) -> None:
    """After the moves nothing may still hang off ``obj``; refuse rather than cascade."""
    collector = Collector(using=obj._state.db or "default")
    collector.collect([obj])
    leftovers = [(m, len(objs)) for m, objs in collector.data.items() if m is not type(obj)]
    leftovers += [(qs.model, qs.count()) for qs in collector.fast_deletes]
    for model, n in leftovers:
        if n:
            raise MergeError(
                f"{n} {model._meta.verbose_name_plural} would be deleted with “{obj}”; "
                "nothing was merged."
            )


# --- undo ------------------------------------------------------------------------------


def undo_merge(
    *, model: type[models.Model], keep: models.Model, payload: dict, user, reason: str
) -> models.Model:
    """Replay a merge payload backwards; returns the restored row. ``keep`` must be locked."""
    removed = restore(payload["removed"], user=user, reason=reason, bump=True)[0]
    for item in payload["m2m_added"]:
        rel_model = apps.get_model(item["model"])
        survivor = rel_model._base_manager.filter(pk=item["pk"]).first()
        if survivor is not None:
            getattr(survivor, item["field"]).remove(*item["ids"])
    for item in payload["moved"]:
        rel_model = apps.get_model(item["model"])
        attname = _attname(rel_model, item["field"])
        pks = list(
            rel_model._base_manager.filter(pk__in=item["pks"], **{attname: keep.pk}).values_list(
                "pk", flat=True
            )
        )
        repoint(rel_model, item["field"], pks, removed.pk, user=user, reason=reason)
    restore(payload["deleted"], user=user, reason=reason)
    for attname, (before, after) in payload["kept_fields"].items():
        field = next(f for f in model._meta.concrete_fields if f.attname == attname)
        # Put the old value back only where nobody changed the field since the merge.
        if getattr(keep, attname) == _python(field, after):
            setattr(keep, attname, _python(field, before))
    for item in payload["created"]:
        created_model = apps.get_model(item["model"])
        obj = created_model._base_manager.filter(pk=item["pk"]).first()
        if obj is not None:
            delete_tracked(obj, user=user, reason=reason)
    next_version(keep)
    save_tracked(keep, user=user, reason=reason)
    return removed


def _python(field: models.Field, value):
    return None if value is None else field.to_python(value)


def undo_split(
    *, original: models.Model, new: models.Model, payload: dict, user, reason: str
) -> None:
    """Move split-off rows back to ``original`` and delete the row the split created."""
    for item in payload["moved"]:
        rel_model = apps.get_model(item["model"])
        attname = _attname(rel_model, item["field"])
        pks = list(
            rel_model._base_manager.filter(pk__in=item["pks"], **{attname: new.pk}).values_list(
                "pk", flat=True
            )
        )
        repoint(rel_model, item["field"], pks, original.pk, user=user, reason=reason)
    left = preview(merge=new)
    if left:
        detail = ", ".join(f"{n} {what}" for what, n in left.items())
        raise MergeError(
            f"“{new}” has gained {detail} since the split; merge it into “{original}” instead."
        )
    delete_tracked(new, user=user, reason=reason)
    next_version(original)
    save_tracked(original, user=user, reason=reason)
