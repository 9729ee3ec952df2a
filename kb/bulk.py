"""Plain multi-row INSERTs for the high-volume tables that keep no history.

``bulk_create`` runs every value of every row through the ORM's compiler (model instances,
``pre_save``, ``get_db_prep_save``, expression checks): for the tens of thousands of
mentions a large ingest writes, that machinery costs more than the database does.
``insert_rows`` takes plain tuples of database-ready values (ints, strings, None), fills
every other column with its model default and writes them in as few statements as the
backend's parameter limit allows. No ids come back, no signals are sent: use it only for
rows nobody refers to by id in the same step and that no history tracks.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models

Value = int | str | None
#: Rows per statement at most (the backend may allow fewer).
MAX_ROWS = 2000


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
    with connection.cursor() as cursor:
        for i in range(0, len(rows), batch):
            chunk = rows[i : i + batch]
            params = [value for row in chunk for value in (*row, *defaults)]
            cursor.execute(head + ", ".join([one] * len(chunk)), params)
    return len(rows)


__all__ = ["insert_rows"]
