"""The event table refuses to change history, in Python and in the database itself."""

import uuid

import pytest
from django.db import DatabaseError, connection, transaction

from tracker.eventstore import NewEvent, StreamId, append
from tracker.models import Event
from tracker.models.events import AppendOnlyError

pytestmark = pytest.mark.django_db

STREAM = StreamId("summit", "guarded")


@pytest.fixture
def stored() -> Event:
    append(STREAM, [NewEvent("SummitProposed", {"title": "t"})], expected_version=0)
    return Event.objects.get()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE tracker_event SET type = 'Tampered'",
        "DELETE FROM tracker_event",
    ],
)
def test_raw_update_and_delete_are_rejected_by_the_database(stored, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert Event.objects.get().type == "SummitProposed"


@pytest.mark.postgres
def test_raw_truncate_is_rejected_by_the_database(stored):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE tracker_event")
    assert Event.objects.count() == 1


def test_python_refuses_to_save_update_or_delete(stored):
    stored.type = "Tampered"
    with pytest.raises(AppendOnlyError):
        stored.save()
    with pytest.raises(AppendOnlyError):
        stored.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(id=stored.id).update(type="Tampered")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    assert Event.objects.get(id=stored.id).type == "SummitProposed"


def test_inserting_is_still_allowed():
    append(StreamId("summit", str(uuid.uuid4())), [NewEvent("SummitProposed", {})], expected_version=0)
    assert Event.objects.count() == 1
