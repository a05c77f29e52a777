"""On PostgreSQL, outside a transaction, the summit read runs prepared statements
(``tracker/selectors/prepared.py``). They must give the answers of the written-out
statements, also once PostgreSQL plans them generically (after five executions), and a
prepared statement gone stale (dropped, or its table changed) must not fail a read.
"""

import pytest
from django.db import connection, transaction

from tests.api.conftest import SLUG
from tracker import eventstore, selectors
from tracker.eventstore import StreamId

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _prepared_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'tracker_%%'")
        return {row[0] for row in cursor.fetchall()}


def _bases() -> list[tuple]:
    recorded = [e.recorded_at for e in eventstore.read_stream(StreamId("summit", SLUG))]
    valid = [None, recorded[0].replace(year=2018, month=5, day=24), recorded[0].replace(year=2018, month=6, day=13)]
    known = [None, recorded[len(recorded) // 3], recorded[len(recorded) // 2], recorded[-1]]
    return [(v, k) for v in valid for k in known]


def test_prepared_reads_answer_as_the_written_out_statements(seeded):
    connection.close()  # a new session: nothing prepared yet
    bases = _bases()
    with transaction.atomic():  # inside a transaction: the written-out statements
        expected = [selectors.summit_state(SLUG, valid_at=v, known_at=k) for v, k in bases]
    assert not _prepared_names()
    for _ in range(7):  # past PostgreSQL's five custom plans, onto the generic one
        assert [selectors.summit_state(SLUG, valid_at=v, known_at=k) for v, k in bases] == expected
    assert len(_prepared_names()) >= 3


def test_a_stale_prepared_statement_falls_back_and_is_prepared_again(seeded):
    expected = selectors.summit_state(SLUG)
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # what a pooler resetting the session does
    assert selectors.summit_state(SLUG) == expected
    assert selectors.summit_state(SLUG) == expected
    assert _prepared_names()
    with connection.cursor() as cursor:
        # A migration changes a table that a prepared `SELECT *` reads.
        cursor.execute("ALTER TABLE tracker_meeting ADD COLUMN prepared_test_extra integer")
    try:
        assert selectors.summit_state(SLUG).meetings == expected.meetings
        assert selectors.summit_state(SLUG).meetings == expected.meetings
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE tracker_meeting DROP COLUMN prepared_test_extra")
    assert selectors.summit_state(SLUG) == expected
    assert selectors.summit_state(SLUG) == expected


def test_connections_closed_after_each_request_prepare_nothing(seeded, monkeypatch):
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    expected = selectors.summit_state(SLUG)
    assert not _prepared_names()
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    assert selectors.summit_state(SLUG) == expected
    assert _prepared_names()
