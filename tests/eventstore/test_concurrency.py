"""The store under real concurrency: processes on PostgreSQL, not threads or mocks."""

import threading
import time

import pytest
from django.db import connections, transaction

from tests.support.processes import run_in_processes
from tracker import eventstore
from tracker.eventstore import ConcurrencyError, NewEvent, StreamId, append
from tracker.models import Event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SHARED = StreamId("summit", "contended")


def _append_with_expected_versions(worker: int, attempts: int) -> tuple[list[int], int]:
    """Read the version, append expecting it; return versions won and conflicts lost."""
    won, conflicts = [], 0
    for n in range(attempts):
        version = eventstore.stream_version(SHARED)
        try:
            result = append(SHARED, [NewEvent("Noted", {"worker": worker, "n": n})], expected_version=version)
        except ConcurrencyError:
            conflicts += 1
        else:
            won.append(result.events[0].version)
    return won, conflicts


def test_eight_processes_on_one_stream_get_contiguous_versions_and_clear_conflicts():
    attempts = 40
    results = run_in_processes(_append_with_expected_versions, [(w, attempts) for w in range(8)])
    stored = eventstore.read_stream(SHARED)
    versions = [e.version for e in stored]
    assert versions == list(range(1, len(stored) + 1))
    won = sorted(v for w, _ in results for v in w)
    assert won == versions, "every acknowledged append is stored, and nothing else is"
    assert sum(c for _, c in results) == 8 * attempts - len(stored)
    assert sum(c for _, c in results) > 0, "the test must actually race"


def _append_to_own_stream(worker: int, count: int) -> int:
    stream = StreamId("summit", f"writer-{worker}")
    for n in range(count):
        append(stream, [NewEvent("Noted", {"worker": worker, "n": n})], expected_version=n)
    return count


def _follow(expected: int, deadline: float) -> list[int]:
    seen: list[int] = []
    after = 0
    while len(seen) < expected and time.monotonic() < deadline:
        page = eventstore.read_all(after=after, limit=50)
        seen.extend(e.position for e in page)
        if page:
            after = page[-1].position
    return seen


def test_a_follower_sees_every_event_once_in_order_while_eight_processes_append():
    per_writer = 40
    writers = [(_append_to_own_stream, (w, per_writer)) for w in range(8)]
    total = 8 * per_writer
    # One more process follows the feed while the writers run.
    jobs = [*writers, (_follow, (total, time.monotonic() + 120))]
    results = run_in_processes(_dispatch, [(fn, args) for fn, args in jobs])
    seen = results[-1]
    assert seen == sorted(set(seen)), "in order, no duplicates"
    assert seen == [e.position for e in eventstore.read_all(limit=total + 1)]
    assert len(seen) == total


def _dispatch(fn, args):
    return fn(*args)


def test_a_reader_never_skips_an_event_that_commits_after_a_later_one_started():
    """Writer A takes position N and commits late; writer B starts after A.

    With positions from a plain sequence, B could commit N+1 first, a follower would move
    its cursor past N, and never see A's event. The append lock makes B wait for A.
    """
    append(StreamId("summit", "warmup"), [NewEvent("Noted", {})], expected_version=0)
    a_appended, release_a = threading.Event(), threading.Event()
    b_done = threading.Event()

    def writer_a():
        try:
            with transaction.atomic():
                append(StreamId("summit", "a"), [NewEvent("Noted", {"w": "a"})], expected_version=0)
                a_appended.set()
                release_a.wait(10)
        finally:
            connections.close_all()

    def writer_b():
        try:
            append(StreamId("summit", "b"), [NewEvent("Noted", {"w": "b"})], expected_version=0)
            b_done.set()
        finally:
            connections.close_all()

    ta = threading.Thread(target=writer_a)
    ta.start()
    assert a_appended.wait(10)
    tb = threading.Thread(target=writer_b)
    tb.start()
    time.sleep(0.3)
    # A is still open: the follower sees only the warm-up, and B has not committed ahead.
    assert [e.data for e in eventstore.read_all(after=0)] == [{}]
    assert not b_done.is_set(), "B must queue behind A, not commit a later position first"
    release_a.set()
    ta.join(10)
    tb.join(10)
    feed = eventstore.read_all(after=1)
    assert [e.data["w"] for e in feed] == ["a", "b"]
    assert [e.position for e in feed] == [2, 3]


def _append_idempotently(_worker: int) -> tuple[bool, list[str]]:
    result = append(
        StreamId("summit", "idem"),
        [NewEvent("Noted", {"n": 1}), NewEvent("Noted", {"n": 2})],
        expected_version=None,
        idempotency_key="article:deadbeef:claim:7",
    )
    return result.duplicate, [str(e.id) for e in result.events]


def test_the_same_idempotency_key_from_four_processes_stores_the_events_once():
    results = run_in_processes(_append_idempotently, [(w,) for w in range(4)])
    assert Event.objects.count() == 2
    assert sum(1 for duplicate, _ in results if not duplicate) == 1
    assert len({tuple(ids) for _, ids in results}) == 1, "every caller gets the same original events"
