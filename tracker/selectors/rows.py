"""Model instances from a written-out statement, as ``Model.objects.raw`` builds them, cheaper.

``raw`` works out the columns' model fields and database converters on every call: a
third of its cost for the few rows of a summit read. :func:`models` works them out once
per statement shape (model, columns, backend) and runs the statement prepared once per
connection on PostgreSQL (:mod:`tracker.selectors.prepared`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from tracker.selectors import prepared

M = TypeVar("M", bound=Model)
Build = Callable[[Sequence[Any], BaseDatabaseWrapper], Any]
_PLANS: dict[tuple, Build] = {}


def models(model: type[M], sql: str, params: list) -> list[M]:
    """What ``list(model.objects.raw(sql, params))`` gives."""
    # The wrapper itself, not django.db.connection: that proxy costs a lookup per use.
    conn = connections[DEFAULT_DB_ALIAS]

    def read(text: str) -> list[M]:
        with conn.cursor() as cursor:
            cursor.execute(text, params)
            columns = tuple(column[0] for column in cursor.description)
            rows = cursor.fetchall()
        key = (conn.alias, conn.vendor, model, columns)
        build = _PLANS.get(key) or _PLANS.setdefault(key, _plan(model, columns, conn))
        return [build(row, conn) for row in rows]

    return prepared.run(conn, sql, params, read)


def _plan(model: type[M], columns: tuple[str, ...], conn: BaseDatabaseWrapper) -> Build:
    """A function from a row of ``columns`` to a ``model`` instance: the model's fields
    through their database converters, other columns (annotations) as attributes."""
    fields = {f.column for f in model._meta.concrete_fields}
    extra = [(column, position) for position, column in enumerate(columns) if column not in fields]
    names, converted = [], []
    # In the fields' order, not the table's: from_db passes the values positionally.
    for field in model._meta.concrete_fields:
        if field.column not in columns:
            continue
        col = field.get_col(model._meta.db_table)
        converters = conn.ops.get_db_converters(col) + col.get_db_converters(conn)
        names.append(field.attname)
        converted.append((columns.index(field.column), col, converters))

    def build(row: Sequence[Any], conn: BaseDatabaseWrapper) -> M:
        values = []
        for position, col, converters in converted:
            value = row[position]
            for converter in converters:
                value = converter(value, col, conn)
            values.append(value)
        instance = model.from_db(conn.alias, names, values)
        for column, position in extra:
            setattr(instance, column, row[position])
        return instance

    return build
