"""Server-side prepared statements for the hottest reads, on PostgreSQL.

psycopg2 sends every statement as text, so PostgreSQL parses and plans it each time: for
the summit read that is 0.5 ms of planning a request against 0.2 ms of execution
(``EXPLAIN ANALYZE``'s planning times), on the same cores as the workers. With
persistent connections (``CONN_MAX_AGE``), a statement prepared once per connection is
planned once, or at most a few times until PostgreSQL settles on a generic plan.

:func:`statement` gives what to run in place of a written-out statement: on PostgreSQL,
outside a transaction, ``EXECUTE`` of the statement prepared on this connection (prepared
at its first use); otherwise the statement itself (SQLite's driver caches its prepared
statements by text already). Inside a transaction a failed ``EXECUTE`` would abort it,
so only autocommit reads (the API's GETs) take this path; and only on persistent
connections (``CONN_MAX_AGE`` not 0), where a statement prepared once is used again.

A prepared statement can go stale: ``SELECT *`` fails with "cached plan must not change
result type" once a migration changes the table, and a pooler may drop the session's
statements. :func:`run` then deallocates it, runs the written-out text, and prepares
again at the next use.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import TypeVar

from django.db import DatabaseError
from django.db.backends.base.base import BaseDatabaseWrapper

T = TypeVar("T")
_MARK = re.compile(r"%s")
# feature_not_supported (a changed result type), invalid_sql_statement_name (gone).
_STALE = {"0A000", "26000"}


def _name(sql: str) -> str:
    return "tracker_" + hashlib.blake2b(sql.encode(), digest_size=8).hexdigest()


def _numbered(sql: str) -> str:
    """``%s`` placeholders as PostgreSQL's ``$1``, ``$2``..."""
    count = iter(range(1, 1000))
    return _MARK.sub(lambda _: f"${next(count)}", sql)


def _prepared_here(conn: BaseDatabaseWrapper) -> set[str]:
    """The names prepared on the connection's current session (a new session: none)."""
    conn.ensure_connection()
    session = conn.connection
    state = conn.__dict__.get("_tracker_prepared")
    if state is None or state[0] is not session:
        state = (session, set())
        conn.__dict__["_tracker_prepared"] = state
    return state[1]


def statement(conn: BaseDatabaseWrapper, sql: str, params: list) -> str:
    """The statement to run for ``sql`` with ``params`` (see the module's docs)."""
    # A connection closed after each request (CONN_MAX_AGE=0) would prepare every time:
    # one more round trip per statement, for nothing.
    if conn.vendor != "postgresql" or conn.in_atomic_block or conn.settings_dict.get("CONN_MAX_AGE") == 0:
        return sql
    name = _name(sql)
    prepared = _prepared_here(conn)
    if name not in prepared:
        with conn.cursor() as cursor:
            cursor.execute(f"PREPARE {name} AS {_numbered(sql)}")
        prepared.add(name)
    return f"EXECUTE {name}({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}"


def run(conn: BaseDatabaseWrapper, sql: str, params: list, read: Callable[[str], T]) -> T:
    """``read(statement(...))``; a stale prepared statement falls back to ``sql``."""
    text = statement(conn, sql, params)
    try:
        return read(text)
    except DatabaseError as exc:
        code = getattr(exc.__cause__, "pgcode", None)
        if text == sql or code not in _STALE:
            raise
    name = _name(sql)
    _prepared_here(conn).discard(name)
    if code == "0A000":  # still there, with its old result type
        with conn.cursor() as cursor:
            cursor.execute(f"DEALLOCATE {name}")
    return read(sql)
