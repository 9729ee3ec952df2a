"""Plain multi-row INSERTs for the bulk writes of a large ingest.

``bulk_create`` runs every value of every row through the ORM's compiler (``pre_save``,
``get_db_prep_save``, expression checks at every step): for the tens of thousands of rows a
large ingest writes, that machinery costs more than the database does. Here each column's
conversion is decided once per call, and plain values (ints, strings, None) go to the
driver untouched:

- ``insert_rows`` takes tuples of database-ready values for some columns, fills every other
  column with its model default and returns nothing: for rows nobody refers to by id in
  the same step (mentions, event sources, claim subjects, history records). On PostgreSQL
  they go through ``COPY … FROM STDIN``, several times faster than INSERTs.
- ``insert_objects`` writes unsaved model instances and sets their ids, like
  ``bulk_create`` on a backend that returns ids from a multi-row insert.
- ``insert_history`` writes the django-simple-history '+' record of each such instance,
  the row simple-history's ``bulk_history_create`` would write.

No signals are sent, as with ``bulk_create``. kb.core.history decides when these apply.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Sequence
from decimal import Decimal

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

from kb.core.freshness import note_write

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
    db = connections[DEFAULT_DB_ALIAS]
    defaults = tuple(f.get_db_prep_save(f.get_default(), db) for f in rest)
    fields = given + rest
    quote = db.ops.quote_name
    columns_sql = ", ".join(quote(f.column) for f in fields)
    full = [(*row, *defaults) for row in rows]
    if _copy(db, f"COPY {quote(meta.db_table)} ({columns_sql}) FROM STDIN", full):
        return len(rows)
    _insert(db, meta.db_table, fields, full)
    return len(rows)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


_COPY_FORMATS: dict[type, Callable[[object], str]] = {
    type(None): lambda v: "\\N",
    str: lambda v: v.translate(_COPY_ESCAPES),
    bool: lambda v: "t" if v else "f",
    int: str,
    float: repr,
    Decimal: str,
    datetime.datetime: lambda v: v.isoformat(sep=" "),
    datetime.date: datetime.date.isoformat,
}


def _copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format; TypeError for a type it does not know."""
    try:
        return _COPY_FORMATS[type(value)](value)
    except KeyError:
        # Subclasses (TextChoices members are str): format as their base type.
        for kind in (str, bool, int, float, Decimal, datetime.datetime, datetime.date):
            if isinstance(value, kind):
                return _COPY_FORMATS[kind](kind(value) if kind is str else value)
        raise TypeError(type(value).__name__) from None


def _copy(db, sql: str, rows: list[tuple]) -> bool:
    """Send rows with ``COPY … FROM STDIN`` (PostgreSQL through psycopg2): several times
    faster than multi-row INSERTs for large batches. False, having sent nothing, where it
    does not apply (another backend or driver, or a value of a type it does not format)."""
    if db.vendor != "postgresql":
        return False
    try:
        text = "".join("\t".join(map(_copy_text, row)) + "\n" for row in rows)
    except TypeError:
        return False
    with db.cursor() as cursor:
        copy_expert = getattr(cursor.cursor, "copy_expert", None)
        if copy_expert is None:
            return False
        copy_expert(sql, io.StringIO(text))
    # Not through Django's cursor, so not seen by the write watcher: say it.
    note_write(db, sql.split(None, 2)[1])
    return True


#: Fields whose Python values the database drivers take as they are.
_PLAIN = (
    models.IntegerField,  # AutoField and BigAutoField included
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.FloatField,
)


def _converter(db, field: models.Field) -> Callable | None:
    """None when the field's values go to the driver as they are, else the conversion
    (which remembers its last value: rows written together share their timestamps)."""
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(target, _PLAIN):
        return None
    last: list = [object(), None]

    def convert(value):
        if value is not last[0]:
            last[0], last[1] = value, field.get_db_prep_save(value, db)
        return last[1]

    return convert


def _row(values: list, converters: list[Callable | None]) -> tuple:
    return tuple(
        v if c is None or v is None else c(v) for v, c in zip(values, converters, strict=True)
    )


def _insert(db, table: str, fields: list, rows: list[tuple], returning: str = "") -> list:
    """Multi-row INSERTs of ``rows`` into ``fields``' columns, as many rows a statement as
    the backend allows (at most MAX_ROWS); the ``returning`` column's values, in order."""
    quote = db.ops.quote_name
    head = f"INSERT INTO {quote(table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    tail = f" RETURNING {quote(returning)}" if returning else ""
    batch = max(1, min(MAX_ROWS, db.ops.bulk_batch_size(fields, rows) or MAX_ROWS))
    found = []
    with db.cursor() as cursor:
        for i in range(0, len(rows), batch):
            chunk = rows[i : i + batch]
            params = [value for row in chunk for value in row]
            cursor.execute(head + ", ".join([one] * len(chunk)) + tail, params)
            if returning:
                found += [r[0] for r in cursor.fetchall()]
    return found


def can_insert_objects(model: type[models.Model], objs: Sequence[models.Model]) -> bool:
    """True when ``insert_objects`` can write these: new rows, ids returned by the backend."""
    db = connections[DEFAULT_DB_ALIAS]
    return db.features.can_return_rows_from_bulk_insert and all(
        obj.pk is None and obj._state.adding for obj in objs
    )


def insert_objects(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """INSERT unsaved instances (ids left to the database) and set their ids."""
    if not objs:
        return
    db = connections[DEFAULT_DB_ALIAS]
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key and not f.generated]
    # auto_now(_add) columns: one timestamp for the whole write, as the rows go in together;
    # a date-only one (none here yet) takes its pre_save value.
    auto = [f for f in fields if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add)]
    stamped = [f for f in auto if isinstance(f, models.DateTimeField)]
    dated = [f for f in auto if f not in stamped]
    now = timezone.now()
    converters = [_converter(db, f) for f in fields]
    rows = []
    for obj in objs:
        # Every field's FK id from its related instance, saved just before (as bulk_create).
        obj._prepare_related_fields_for_save(operation_name="insert_objects")
        for field in stamped:
            setattr(obj, field.attname, now)
        for field in dated:
            field.pre_save(obj, add=True)
        rows.append(_row([getattr(obj, f.attname) for f in fields], converters))
    ids = _insert(db, meta.db_table, fields, rows, returning=meta.pk.column)
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = db.alias


def insert_history(
    model: type[models.Model], objs: Sequence[models.Model], *, user=None, reason: str = ""
) -> None:
    """Write the '+' history record of each saved instance, as simple-history would."""
    if not objs:
        return
    db = connections[DEFAULT_DB_ALIAS]
    historical = model.history.model
    fields = [f for f in historical._meta.concrete_fields if not f.primary_key]
    converters = [_converter(db, f) for f in fields]
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
