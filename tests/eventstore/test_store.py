"""Appends, optimistic concurrency, idempotency, reads and upcasting (single process)."""

from datetime import timedelta

import pytest

from tracker import eventstore
from tracker.domain import upcasting
from tracker.eventstore import ConcurrencyError, NewEvent, StreamAppend, StreamId, append, append_many
from tracker.models import Event

pytestmark = pytest.mark.django_db

A = StreamId("summit", "a")
B = StreamId("summit", "b")


def ev(kind: str = "Noted", **data) -> NewEvent:
    return NewEvent(kind, data)


def test_versions_count_up_per_stream_and_positions_globally():
    append(A, [ev(n=1), ev(n=2)], expected_version=0)
    append(B, [ev(n=3)], expected_version=0)
    append(A, [ev(n=4)], expected_version=2)
    assert [e.version for e in eventstore.read_stream(A)] == [1, 2, 3]
    assert [e.data["n"] for e in eventstore.read_all()] == [1, 2, 3, 4]
    assert [e.position for e in eventstore.read_all()] == [1, 2, 3, 4]
    assert eventstore.stream_version(A) == 3
    assert eventstore.stream_version(StreamId("summit", "none")) == 0


def test_stale_expected_version_raises_a_conflict_naming_the_versions():
    append(A, [ev()], expected_version=0)
    with pytest.raises(ConcurrencyError) as err:
        append(A, [ev()], expected_version=0)
    assert (err.value.stream, err.value.expected, err.value.actual) == ("summit/a", 0, 1)
    assert "expected version 0, actual version 1" in str(err.value)
    assert Event.objects.count() == 1


def test_append_many_is_atomic_across_streams():
    append(B, [ev()], expected_version=0)
    with pytest.raises(ConcurrencyError):
        append_many([StreamAppend(A, [ev()], 0), StreamAppend(B, [ev()], 0)])
    assert eventstore.stream_version(A) == 0
    result = append_many([StreamAppend(A, [ev()], 0), StreamAppend(B, [ev(), ev()], 1)])
    assert result.version_of(A) == 1 and result.version_of(B) == 3


def test_idempotency_key_returns_the_original_events_and_appends_nothing():
    first = append(A, [ev(n=1), ev(n=2)], expected_version=0, idempotency_key="article:abc:claim:1")
    again = append(A, [ev(n=1), ev(n=2)], expected_version=0, idempotency_key="article:abc:claim:1")
    assert again.duplicate and not first.duplicate
    assert [e.id for e in again.events] == [e.id for e in first.events]
    assert Event.objects.count() == 2


def test_idempotent_replay_returns_exactly_the_keyed_append_across_pages():
    # More events than one page of the position walk, between two other appends.
    append(B, [ev(n=0)], expected_version=0)
    batch = [StreamAppend(A, [ev(n=n) for n in range(50)], 0), StreamAppend(B, [ev(n=n) for n in range(30)], 1)]
    first = append_many(batch, idempotency_key="big")
    append(A, [ev(n=99)], expected_version=50)
    again = append_many(batch, idempotency_key="big")
    assert again.duplicate
    assert [e.id for e in again.events] == [e.id for e in first.events]
    assert len(again.events) == 80


def test_read_stream_up_to_version_and_position():
    append(A, [ev(n=1), ev(n=2), ev(n=3)], expected_version=0)
    assert [e.data["n"] for e in eventstore.read_stream(A, up_to_version=2)] == [1, 2]
    assert [e.data["n"] for e in eventstore.read_stream(A, up_to_position=1)] == [1]


def test_read_all_pages_by_position():
    for n in range(5):
        append(A, [ev(n=n)], expected_version=n)
    page = eventstore.read_all(after=2, limit=2)
    assert [e.position for e in page] == [3, 4]


def test_recorded_at_grows_with_position_and_position_at_is_a_prefix():
    append(A, [ev()], expected_version=0)
    append(A, [ev()], expected_version=1)
    first, second = eventstore.read_all()
    assert first.recorded_at <= second.recorded_at
    assert eventstore.position_at(first.recorded_at - timedelta(seconds=1)) == 0
    assert eventstore.position_at(second.recorded_at) == 2


def test_old_schema_versions_are_upcast_on_every_read(monkeypatch):
    monkeypatch.setattr(upcasting, "CURRENT_VERSIONS", dict(upcasting.CURRENT_VERSIONS))
    monkeypatch.setattr(upcasting, "_UPCASTERS", dict(upcasting._UPCASTERS))
    append(A, [NewEvent("LegacyNoted", {"date": "2018-06-12"})], expected_version=0)

    @upcasting.upcaster("LegacyNoted", 1)
    def _rename(data):
        data["scheduled_for"] = data.pop("date")
        return data

    (stored,) = eventstore.read_stream(A)
    assert stored.schema_version == 2 and stored.data == {"scheduled_for": "2018-06-12"}
    assert eventstore.read_all()[0].data == {"scheduled_for": "2018-06-12"}
    assert eventstore.get_event(stored.id).data == {"scheduled_for": "2018-06-12"}
    # The stored row itself is untouched: upcasting happens on read.
    assert Event.objects.get().schema_version == 1


def test_amendments_of_an_event_are_the_later_events_of_its_stream_naming_it():
    target = append(A, [ev(n=1), ev(n=2)], expected_version=0).events[0]
    other = str(append(B, [ev(n=3)], expected_version=0).events[0].id)
    append(A, [ev("EventCorrected", event_id=str(target.id), reason="day")], expected_version=2)
    append(B, [ev("EventRetracted", event_id=other, reason="not this one")], expected_version=1)
    append(A, [ev("EventRetracted", event_id=str(target.id), reason="wrong")], expected_version=3)
    found = eventstore.amendments_of(target.id)
    assert [(e.type, e.data["reason"]) for e in found] == [("EventCorrected", "day"), ("EventRetracted", "wrong")]
    assert eventstore.amendments_of("00000000-0000-0000-0000-000000000000") == []
