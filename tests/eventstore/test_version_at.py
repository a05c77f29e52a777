"""A stream's version as known at a position: the last of its events at or before it."""

import pytest

from tracker import eventstore
from tracker.eventstore import NewEvent, StreamId

# Neighbours in index order ("summit/a" < "summit/ab" < "summit/b" < "envoy/..."), so a
# look-up that stepped into the wrong stream would show.
STREAMS = [StreamId("summit", "ab"), StreamId("summit", "a"), StreamId("summit", "b"), StreamId("envoy", "a")]


def _fill() -> list[tuple[StreamId, int, int]]:
    """Interleaved appends; returns (stream, version, position) of every event."""
    stored = []
    for round_ in range(3):
        for stream in STREAMS[: 2 + round_ % 3]:
            result = eventstore.append(stream, [NewEvent("Noted", {"n": round_})], None)
            stored.extend((e.stream, e.version, e.position) for e in result.events)
    return stored


def _expected(stored: list[tuple[StreamId, int, int]], stream: StreamId, position: int) -> int:
    return max((v for s, v, p in stored if s == stream and p <= position), default=0)


@pytest.mark.django_db
def test_version_at_every_position_of_every_stream():
    stored = _fill()
    head = eventstore.head_position()
    for stream in [*STREAMS, StreamId("summit", "aa"), StreamId("summit", "zz"), StreamId("meeting", "a")]:
        for position in range(0, head + 2):
            assert eventstore.stream_version(stream, up_to_position=position) == _expected(stored, stream, position), (
                stream,
                position,
            )
    assert eventstore.stream_version(STREAMS[0], up_to_position=head) == eventstore.stream_version(STREAMS[0])
