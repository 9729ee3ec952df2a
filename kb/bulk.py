"""Plain multi-row INSERTs for the bulk writes of a large ingest.

``bulk_create`` runs every value of every row through the ORM's compiler (``pre_save``,
``get_db_prep_save``, expression checks at every step): for the tens of thousands of rows a
large ingest writes, that machinery costs more than the database does. Here each column's
conversion is decided once per call, and plain values (ints, strings, None) go to the
driver untouched:

- ``insert_rows`` takes tuples of database-ready values for some columns, fills every other
  column with its model default and returns nothing: for rows nobody refers to by id in
  the same step and that no history tracks (mentions, event sources, claim subjects).
- ``insert_objects`` writes unsaved model instances and sets their ids, like
  ``bulk_create`` on a backend that returns ids from a multi-row insert.
- ``insert_history`` writes the django-simple-history '+' record of each such instance,
  the row simple-history's ``bulk_history_create`` would write.

No signals are sent, as with ``bulk_create``. kb.history decides when these apply.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import connection, models
from django.utils import timezone

Value = int | str | None
#: Rows per statement at most (the backend may allow fewer).
MAX_ROWS = 500


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[tuple[Value, ...]]
) -> int:
    """INSERT ``rows`` (values for ``columns``, by attribute name) into ``model``'s table."""
    if not rows:
        return 0
    meta = model._meta
    given = [meta.get_field(name) for name in columns]
    named = {f.attname for f in given}
    rest = [
        f
        for f in meta.concrete_fields
        if f.attname not in named and not f.primary_key and not f.generated
    ]
    for field in rest:
        if isinstance(field, models.DateTimeField | models.DateField) and (
            field.auto_now or field.auto_now_add
        ):
            raise ValueError(f"insert_rows cannot fill {meta.label}.{field.name}")
    defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
    fields = given + rest
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    )
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    batch = max(1, min(MAX_ROWS, connection.ops.bulk_batch_size(fields, rows) or MAX_ROWS))
    _execute(head, one, [(*row, *defaults) for row in rows], batch)
    return len(rows)


#: Fields whose Python values the database drivers take as they are.
_PLAIN = (
    models.IntegerField,  # AutoField and BigAutoField included
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.FloatField,
)


def _converter(field: models.Field) -> Callable | None:
    """None when the field's values go to the driver as they are, else the conversion."""
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(target, _PLAIN):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _row(values: list, converters: list[Callable | None]) -> tuple:
    return tuple(
        v if c is None or v is None else c(v) for v, c in zip(values, converters, strict=True)
    )


def _execute(head: str, one: str, rows: list[tuple], batch: int, returning: str = "") -> list:
    found = []
    with connection.cursor() as cursor:
        for i in range(0, len(rows), batch):
            chunk = rows[i : i + batch]
            params = [value for row in chunk for value in row]
            cursor.execute(head + ", ".join([one] * len(chunk)) + returning, params)
            if returning:
                found += [r[0] for r in cursor.fetchall()]
    return found


def can_insert_objects(model: type[models.Model], objs: Sequence[models.Model]) -> bool:
    """True when ``insert_objects`` can write these: new rows, ids returned by the backend."""
    return connection.features.can_return_rows_from_bulk_insert and all(
        obj.pk is None and obj._state.adding for obj in objs
    )


def insert_objects(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """INSERT unsaved instances (ids left to the database) and set their ids."""
    if not objs:
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key and not f.generated]
    dated = [f for f in fields if isinstance(f, models.DateField)]  # auto_now(_add)
    converters = [_converter(f) for f in fields]
    rows = []
    for obj in objs:
        # Every field's FK id from its related instance, saved just before (as bulk_create).
        obj._prepare_related_fields_for_save(operation_name="insert_objects")
        for field in dated:
            field.pre_save(obj, add=True)
        rows.append(_row([getattr(obj, f.attname) for f in fields], converters))
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    )
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    batch = max(1, min(MAX_ROWS, connection.ops.bulk_batch_size(fields, objs) or MAX_ROWS))
    ids = _execute(head, one, rows, batch, returning=f" RETURNING {quote(meta.pk.column)}")
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias


def insert_history(
    model: type[models.Model], objs: Sequence[models.Model], *, user=None, reason: str = ""
) -> None:
    """Write the '+' history record of each saved instance, as simple-history would."""
    if not objs:
        return
    historical = model.history.model
    fields = [f for f in historical._meta.concrete_fields if not f.primary_key]
    converters = [_converter(f) for f in fields]
    now = timezone.now()
    rows = []
    for obj in objs:
        who = getattr(obj, "_history_user", None) or user
        special = {
            "history_date": getattr(obj, "_history_date", None) or now,
            "history_change_reason": getattr(obj, "_change_reason", None) or reason,
            "history_type": "+",
            "history_user_id": who.pk if who is not None else None,
        }
        values = [
            special[f.attname] if f.attname in special else getattr(obj, f.attname) for f in fields
        ]
        rows.append(_row(values, converters))
    insert_rows(historical, [f.name for f in fields], rows)


__all__ = ["can_insert_objects", "insert_history", "insert_objects", "insert_rows"]
