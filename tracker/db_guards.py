"""Database triggers that make ``tracker_event`` append-only.

The guard lives in the database, so raw SQL, another client or a bug in Python cannot
rewrite history. The SQL is kept here (not only in a migration) so that ``flush``, the one
sanctioned way to wipe a database, can lift the guard around its purge and restore it.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

MESSAGE = "tracker_event is append-only"

_POSTGRES_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION tracker_event_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}: % is not allowed', TG_OP USING ERRCODE = 'restrict_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS tracker_event_no_change ON tracker_event",
    "DROP TRIGGER IF EXISTS tracker_event_no_truncate ON tracker_event",
    """CREATE TRIGGER tracker_event_no_change BEFORE UPDATE OR DELETE ON tracker_event
       FOR EACH ROW EXECUTE FUNCTION tracker_event_append_only()""",
    """CREATE TRIGGER tracker_event_no_truncate BEFORE TRUNCATE ON tracker_event
       FOR EACH STATEMENT EXECUTE FUNCTION tracker_event_append_only()""",
]
_POSTGRES_REMOVE = [
    "DROP TRIGGER IF EXISTS tracker_event_no_change ON tracker_event",
    "DROP TRIGGER IF EXISTS tracker_event_no_truncate ON tracker_event",
]
_SQLITE_INSTALL = [
    "DROP TRIGGER IF EXISTS tracker_event_no_update",
    "DROP TRIGGER IF EXISTS tracker_event_no_delete",
    f"""CREATE TRIGGER tracker_event_no_update BEFORE UPDATE ON tracker_event
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE is not allowed'); END""",
    f"""CREATE TRIGGER tracker_event_no_delete BEFORE DELETE ON tracker_event
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE is not allowed'); END""",
]
_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS tracker_event_no_update",
    "DROP TRIGGER IF EXISTS tracker_event_no_delete",
]


def _statements(connection: BaseDatabaseWrapper, *, install: bool) -> list[str]:
    if connection.vendor == "postgresql":
        return _POSTGRES_INSTALL if install else _POSTGRES_REMOVE
    if connection.vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_REMOVE
    raise NotImplementedError(f"no append-only guard for the {connection.vendor} backend")


def install_guards(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection, install=True):
            cursor.execute(sql)


def remove_guards(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection, install=False):
            cursor.execute(sql)
