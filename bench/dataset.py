"""Bulk-built histories in the project's own event types, for the read-side workloads.

The rows are written straight into ``tracker_event`` with SQL (inserting is what the
append-only guard allows); their read models are then produced by the project's own
:func:`tracker.projections.rebuild`, except where a workload says otherwise.

A summit's history: ``SummitScheduled``, then ``SummitCancelled`` and ``SummitReinstated``
in turn, two hours apart, each known to the hour (so some asked times fall inside an
uncertainty window), each with a reason of about 120 characters and a source url.
Meetings are ``MeetingRecorded`` events in streams of their own, linked to the summit.
Every event is its own append, as when editors and articles add facts one by one.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from psycopg2.extras import execute_values

from bench.workload import PEOPLE, PLACES, REASON

EPOCH = dt.datetime(2018, 3, 8, tzinfo=dt.UTC)  # valid time of every summit's first fact
RECORDED_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # transaction time of position 1
STEP = dt.timedelta(hours=2)
HOUR = dt.timedelta(hours=1) - dt.timedelta(microseconds=1)
COLUMNS = (
    "id, stream_type, stream_id, version, position, type, schema_version, data, valid_from, valid_to, "
    "valid_precision, recorded_at, source, confidence, metadata, append_id"
)


def recorded_at(position: int) -> dt.datetime:
    """Transaction time grows with position, as the store guarantees (one event a second)."""
    return RECORDED_EPOCH + dt.timedelta(seconds=position)


@dataclass(frozen=True)
class Row:
    stream_type: str
    stream_id: str
    version: int
    type: str
    data: dict
    valid_from: dt.datetime | None
    source: dict

    def values(self, position: int) -> tuple:
        valid_to = self.valid_from + HOUR if self.valid_from else None
        return (
            str(uuid.uuid4()), self.stream_type, self.stream_id, self.version, position, self.type, 1,
            json.dumps(self.data), self.valid_from, valid_to, "hour" if self.valid_from else "",
            recorded_at(position), json.dumps(self.source), 0.9, '{"actor": "bench"}', str(uuid.uuid4()),
        )  # fmt: skip


def summit_event(slug: str, number: int, version: int) -> Row:
    """Version 1 schedules the summit; then cancelled and reinstated in turn."""
    pair = PEOPLE[number % len(PEOPLE)]
    place = PLACES[number % len(PLACES)]
    when = EPOCH + STEP * (version - 1)
    source = {"kind": "article", "url": f"https://news.example.org/{slug}/{version}.html"}
    if version == 1:
        data = {
            "title": f"{pair[0]}-{pair[1]} summit {number}",
            "parties": ["KP", "US"],
            "leaders": list(pair),
            "location": place,
            "scheduled_for": (EPOCH + dt.timedelta(days=96)).date().isoformat(),
            "note": "Date and place announced.",
        }
        return Row("summit", slug, 1, "SummitScheduled", data, when, source)
    kind = "SummitCancelled" if version % 2 == 0 else "SummitReinstated"
    data = {"note": f"{REASON} ({version})", "announced_by": pair[0]}
    return Row("summit", slug, version, kind, data, when, source)


def meeting_event(slug: str, number: int, index: int) -> Row:
    pair = PEOPLE[(number + index) % len(PEOPLE)]
    data = {
        "participants": [{"name": pair[0], "envoy": None}, {"name": pair[1], "envoy": None}],
        "location": PLACES[(number + index) % len(PLACES)],
        "mode": ("in_person", "phone", "letter")[index % 3],
        "status": "held",
        "summit": slug,
        "title": f"Preparatory talks {index} for {slug}",
    }
    source = {"kind": "article", "url": f"https://news.example.org/{slug}/meeting-{index}.html"}
    return Row("meeting", f"{slug}-m{index}", 1, "MeetingRecorded", data, EPOCH + STEP * index, source)


def insert(conn, rows: Iterable[Row], first_position: int, page: int = 5000) -> int:
    """Insert rows at consecutive positions from ``first_position``; returns the next free one."""
    position = first_position
    batch: list[tuple] = []
    with conn.cursor() as cursor:
        for row in rows:
            batch.append(row.values(position))
            position += 1
            if len(batch) >= page:
                execute_values(cursor, f"INSERT INTO tracker_event ({COLUMNS}) VALUES %s", batch, page_size=page)  # noqa: S608
                batch = []
        if batch:
            execute_values(cursor, f"INSERT INTO tracker_event ({COLUMNS}) VALUES %s", batch, page_size=page)  # noqa: S608
    conn.commit()
    return position


def interleaved(summits: int, status_events: int, meetings: int, prefix: str) -> Iterator[Row]:
    """Many summits progressing together: step k of every summit, then step k + 1."""
    per_summit = status_events + meetings
    every = per_summit // meetings if meetings else 0
    for step in range(per_summit):
        for number in range(summits):
            slug = f"{prefix}-{number}"
            if every and step % every == every - 1 and step // every < meetings:
                yield meeting_event(slug, number, step // every)
            else:
                version = step + 1 - (step + 1) // every if every else step + 1
                yield summit_event(slug, number, version)
