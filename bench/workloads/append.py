"""W1 ``append_single``, W2 ``append_batch``, W3 ``append_concurrent``: the write path.

The project's path is :func:`tracker.eventstore.append` (expected version and idempotency
key set), each call its own transaction. The baseline is raw psycopg2 inserting the same
JSON into a plain table with ``unique(stream_id, version)``, in the same database.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

from psycopg2.extras import Json, execute_values

from bench.harness import Context, in_processes, result
from bench.workload import event_day, event_type, payload

FULL = {"streams": 1000, "events": 20, "procs": 4, "proc_streams": 250, "hot_streams": 10, "hot_appends": 300}
QUICK = {"streams": 50, "events": 10, "procs": 4, "proc_streams": 10, "hot_streams": 4, "hot_appends": 30}

RAW_TABLE = """
CREATE TABLE IF NOT EXISTS {name} (
    id bigserial PRIMARY KEY,
    stream_id text NOT NULL,
    version integer NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    UNIQUE (stream_id, version)
)
"""


def new_event(stream: int, version: int):
    from tracker.domain.time import ValidTime
    from tracker.eventstore import NewEvent

    day = ValidTime.on_day(event_day(stream, version))
    return NewEvent(
        type=event_type(version),
        data=payload(stream, version),
        valid_from=day.earliest,
        valid_to=day.latest,
        valid_precision=day.precision,
        source={"kind": "bench", "url": f"https://news.example.org/{stream}/{version}"},
        metadata={"actor": "bench"},
    )


# --- the project's path -----------------------------------------------------------------


def project_single(prefix: str, streams: range, events: int) -> int:
    from tracker import eventstore
    from tracker.eventstore import StreamId

    for number in streams:
        stream = StreamId("summit", f"{prefix}-{number}")
        for version in range(1, events + 1):
            eventstore.append(
                stream, [new_event(number, version)], version - 1, idempotency_key=f"{prefix}:{number}:{version}"
            )
    return len(streams) * events


def project_batch(prefix: str, streams: range, events: int) -> int:
    from tracker import eventstore
    from tracker.eventstore import StreamId

    for number in streams:
        batch = [new_event(number, version) for version in range(1, events + 1)]
        eventstore.append(StreamId("summit", f"{prefix}-{number}"), batch, 0, idempotency_key=f"{prefix}:{number}")
    return len(streams) * events


# --- the baseline: raw psycopg2 ---------------------------------------------------------


def raw_single(url: str, table: str, streams: range, events: int) -> int:
    import psycopg2

    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cursor:
            for number in streams:
                for version in range(1, events + 1):
                    cursor.execute(
                        f"INSERT INTO {table} (stream_id, version, type, data) VALUES (%s, %s, %s, %s)",  # noqa: S608
                        (f"raw-{number}", version, event_type(version), Json(payload(number, version))),
                    )
                    conn.commit()
    finally:
        conn.close()
    return len(streams) * events


def raw_batch(url: str, table: str, streams: range, events: int) -> int:
    import psycopg2

    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cursor:
            for number in streams:
                rows = [(f"raw-{number}", v, event_type(v), Json(payload(number, v))) for v in range(1, events + 1)]
                execute_values(cursor, f"INSERT INTO {table} (stream_id, version, type, data) VALUES %s", rows)  # noqa: S608
                conn.commit()
    finally:
        conn.close()
    return len(streams) * events


def _make_table(ctx: Context, name: str) -> None:
    conn = ctx.raw()
    with conn, conn.cursor() as cursor:
        cursor.execute(RAW_TABLE.format(name=name))
    conn.close()


def _rate(fn, *args: Any) -> float:
    started = time.perf_counter()
    count = fn(*args)
    return count / (time.perf_counter() - started)


def _timed_processes(fn, arg_list: list[tuple]) -> float:
    started = time.perf_counter()
    counts = in_processes(fn, arg_list)
    return sum(counts) / (time.perf_counter() - started)


# --- the conflict run -------------------------------------------------------------------


def hot_writer(worker: int, streams: int, appends: int) -> dict[str, Any]:
    """Append ``appends`` events, each to a random one of the shared streams, at the version
    just read; a conflict is counted and retried with a fresh read. Returns what was acked."""
    import random

    from tracker import eventstore
    from tracker.eventstore import ConcurrencyError, StreamId

    rng = random.Random(worker)
    acked: list[str] = []
    conflicts = 0
    for n in range(appends):
        number = rng.randrange(streams)
        stream = StreamId("summit", f"hot-{number}")
        while True:
            version = eventstore.stream_version(stream)
            event = new_event(number, version + 1)
            try:
                stored = eventstore.append(stream, [event], version, idempotency_key=f"hot:{worker}:{n}")
            except ConcurrencyError:
                conflicts += 1
                continue
            acked.append(str(stored.events[0].id))
            break
    return {"acked": acked, "conflicts": conflicts}


def _verify_hot(streams: int, acked: list[str]) -> dict[str, Any]:
    from tracker.models import Event

    hot = Event.objects.filter(stream_type="summit", stream_id__startswith="hot-")
    rows = list(hot.values_list("stream_id", "version", "id"))
    by_stream: dict[str, list[int]] = {}
    for stream_id, version, _ in rows:
        by_stream.setdefault(stream_id, []).append(version)
    contiguous = all(sorted(v) == list(range(1, len(v) + 1)) for v in by_stream.values())
    stored = {str(event_id) for _, _, event_id in rows}
    lost = [a for a in acked if a not in stored]
    return {"contiguous": contiguous, "lost": len(lost), "stored": len(rows), "acknowledged": len(acked)}


def run(ctx: Context) -> Iterator[dict[str, Any]]:
    n = QUICK if ctx.quick else FULL
    url = ctx.run_url
    tag = uuid.uuid4().hex[:6]

    # W1: one event per transaction.
    _make_table(ctx, "bench_raw_single")
    baseline = _rate(raw_single, url, "bench_raw_single", range(n["streams"]), n["events"])
    value = _rate(project_single, f"w1{tag}", range(n["streams"]), n["events"])
    yield result("append_single", value, "events/s", baseline, target=">= 0.8",
                 events=n["streams"] * n["events"])  # fmt: skip

    # W2: one transaction per stream.
    _make_table(ctx, "bench_raw_batch")
    baseline = _rate(raw_batch, url, "bench_raw_batch", range(n["streams"]), n["events"])
    value = _rate(project_batch, f"w2{tag}", range(n["streams"]), n["events"])
    yield result("append_batch", value, "events/s", baseline, target=">= 0.7",
                 events=n["streams"] * n["events"])  # fmt: skip

    # W3: each process its own streams, one event per transaction.
    _make_table(ctx, "bench_raw_concurrent")
    per = n["proc_streams"]
    slices = [range(p * per, (p + 1) * per) for p in range(n["procs"])]
    baseline = _timed_processes(raw_single, [(url, "bench_raw_concurrent", s, n["events"]) for s in slices])
    value = _timed_processes(project_single, [(f"w3{tag}", s, n["events"]) for s in slices])
    yield result("append_concurrent", value, "events/s", baseline, processes=n["procs"],
                 events=n["procs"] * per * n["events"])  # fmt: skip

    # W3, conflict run: every process on the same few streams.
    started = time.perf_counter()
    outcomes = in_processes(hot_writer, [(p, n["hot_streams"], n["hot_appends"]) for p in range(n["procs"])])
    seconds = time.perf_counter() - started
    acked = [a for o in outcomes for a in o["acked"]]
    conflicts = sum(o["conflicts"] for o in outcomes)
    check = _verify_hot(n["hot_streams"], acked)
    if not check["contiguous"] or check["lost"] or check["stored"] != check["acknowledged"]:
        raise AssertionError(f"conflict run lost or reordered events: {check}")
    yield result("append_concurrent_conflicts", conflicts, "conflicts", None, processes=n["procs"],
                 streams=n["hot_streams"], acked_per_s=round(len(acked) / seconds, 1), **check)  # fmt: skip
