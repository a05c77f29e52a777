"""W6 ``rebuild``, W5 ``read_all`` and W4 ``as_of``, in one database.

1. W6: a log of 1,250 summits (100,000 events: 64 status changes and 16 meetings
   each, progressing together); rebuild every read model from it with
   :func:`tracker.projections.rebuild`. Baseline: reading the same log through
   :func:`tracker.eventstore.read_all` alone.
2. W5: follow the whole global feed over the same log with
   :func:`tracker.eventstore.read_all`; baseline: the same keyset pages read with raw
   psycopg2.
3. W4: the summits under test, with 10, 1,000, 10,000 and 100,000 status events (quick:
   10, 100, 1,000), bulk inserted, each event its own append; then every read model is
   rebuilt by :func:`tracker.projections.rebuild` (the inline projector's decisions,
   buffered; ``tests/domain/test_projections.py`` holds the two to the same rows). Then
   the background: 1,000,000 events of 10,000 other summits with their read models (one
   summit projected by the project's code, copied by SQL to new positions). Answers on
   every size are compared with :func:`tracker.selectors.summit_state_replayed`. Then
   p50 and p95 of "state at valid time T, known at K" for random T and K, through
   :func:`tracker.selectors.summit_state` and through ``GET /api/summits/{slug}/``;
   baseline: the same for the 10-event summit.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from typing import Any

from bench.dataset import EPOCH, STEP, insert, interleaved, recorded_at, summit_event
from bench.harness import Context, ms, percentile, result

FULL = {"sizes": (10, 1_000, 10_000, 100_000), "summits": 1250,
        "status_events": 64, "meetings": 16, "page": 1000, "background": 10_000, "per_background": 100,
        "samples": 400, "api_samples": 200}  # fmt: skip
QUICK = {"sizes": (10, 100, 1_000), "summits": 50,
         "status_events": 16, "meetings": 4, "page": 500, "background": 100, "per_background": 100,
         "samples": 40, "api_samples": 20}  # fmt: skip
TEMPLATE = "bg-template"


def follow_feed(limit: int, page: int) -> int:
    from tracker import eventstore

    after, seen = 0, 0
    while seen < limit and (batch := eventstore.read_all(after=after, limit=min(page, limit - seen))):
        after = batch[-1].position
        seen += len(batch)
    return seen


def follow_raw(conn, limit: int, page: int) -> int:
    after, seen = 0, 0
    with conn.cursor() as cursor:
        while seen < limit:
            cursor.execute(
                "SELECT * FROM tracker_event WHERE position > %s ORDER BY position LIMIT %s",
                (after, min(page, limit - seen)),
            )
            rows = cursor.fetchall()
            if not rows:
                break
            after = rows[-1][4]  # position
            seen += len(rows)
    return seen


# --- the background ---------------------------------------------------------------------


def _columns(model) -> list[str]:
    auto = ("AutoField", "BigAutoField")
    return [f.column for f in model._meta.concrete_fields if f.get_internal_type() not in auto]


def _clone_sql(table: str, columns: list[str], overrides: dict[str, str], source: str) -> str:
    select = ", ".join(overrides.get(c, f'src."{c}"') for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) SELECT {select} FROM {source}"  # noqa: S608


def build_background(conn, summits: int, per_summit: int, first_position: int) -> int:
    """One summit projected by the project's code, then copied by SQL; returns next position."""
    from django.db import transaction

    from tracker import eventstore, projections
    from tracker.models import Event, Summit, SummitInterval

    after = insert(conn, (summit_event(TEMPLATE, 0, v) for v in range(1, per_summit + 1)), first_position)
    with transaction.atomic():
        for event in eventstore.read_all(after=first_position - 1, limit=per_summit):
            projections.project([event])
    base = after - first_position  # template events sit at first_position .. after - 1
    shift = f"({base} + g * {per_summit})"
    slug = "'bg-' || g"
    uuid_of = "md5('bg-' || g || '-' || {})::uuid"
    chunk = 1000
    with conn.cursor() as cursor:
        for start in range(0, summits, chunk):
            series = f"generate_series({start}, {min(start + chunk, summits) - 1}) AS g"
            event_src = f"tracker_event AS src CROSS JOIN {series} WHERE src.stream_id = '{TEMPLATE}'"
            cursor.execute(_clone_sql("tracker_event", _columns(Event), {
                "id": uuid_of.format("src.version"), "stream_id": slug, "position": f"src.position + {shift}",
                "recorded_at": f"src.recorded_at + make_interval(secs => {shift})", "append_id": "gen_random_uuid()",
            }, event_src))  # fmt: skip
            versions = f"(SELECT version FROM tracker_event WHERE id = src.{{}} AND stream_id = '{TEMPLATE}')"  # noqa: S608
            reversed_version = versions.format("reverses")
            interval_src = f"tracker_summitinterval AS src CROSS JOIN {series} WHERE src.summit_slug = '{TEMPLATE}'"
            cursor.execute(_clone_sql("tracker_summitinterval", _columns(SummitInterval), {
                "summit_slug": slug, "event_id": uuid_of.format(versions.format("event_id")),
                "reverses": f"CASE WHEN src.reverses IS NULL THEN NULL ELSE {uuid_of.format(reversed_version)} END",
                "anchor_event_id": "NULL", "position": f"src.position + {shift}",
                "known_from": f"src.known_from + {shift}", "known_to": f"src.known_to + {shift}",
                "recorded_at": f"src.recorded_at + make_interval(secs => {shift})",
            }, interval_src))  # fmt: skip
            summit_src = f"tracker_summit AS src CROSS JOIN {series} WHERE src.slug = '{TEMPLATE}'"
            cursor.execute(_clone_sql("tracker_summit", _columns(Summit), {
                "slug": slug, "title": "src.title || ' ' || g", "first_position": f"src.first_position + {shift}",
                "last_position": f"src.last_position + {shift}",
            }, summit_src))  # fmt: skip
            conn.commit()
        cursor.execute("ANALYZE")
    conn.commit()
    return after + summits * per_summit


# --- W4 ---------------------------------------------------------------------------------


def _span(slug: str) -> tuple[tuple[dt.datetime, dt.datetime], tuple[dt.datetime, dt.datetime]]:
    from tracker.models import Summit

    summit = Summit.objects.get(slug=slug)
    valid = (EPOCH - dt.timedelta(days=1), EPOCH + STEP * summit.version + dt.timedelta(days=1))
    known = (recorded_at(summit.first_position), recorded_at(summit.last_position) + dt.timedelta(hours=1))
    return valid, known


def _between(rng: random.Random, span: tuple[dt.datetime, dt.datetime]) -> dt.datetime:
    low, high = span
    return low + (high - low) * rng.random()


def _sample_selector(slug: str, samples: int, rng: random.Random) -> list[float]:
    from tracker import selectors

    valid, known = _span(slug)
    seconds = []
    for _ in range(samples):
        valid_at, known_at = _between(rng, valid), _between(rng, known)
        started = time.perf_counter()
        selectors.summit_state(slug, valid_at=valid_at, known_at=known_at)
        seconds.append(time.perf_counter() - started)
    return seconds


def _sample_api(slug: str, samples: int, rng: random.Random) -> list[float]:
    from django.test import Client

    client = Client()
    valid, known = _span(slug)
    seconds = []
    for _ in range(samples):
        params = {"valid_at": _between(rng, valid).isoformat(), "known_at": _between(rng, known).isoformat()}
        started = time.perf_counter()
        response = client.get(f"/api/summits/{slug}/", params)
        seconds.append(time.perf_counter() - started)
        if response.status_code != 200:
            detail = response.content[:300]
            raise AssertionError(f"GET /api/summits/{slug}/ {params}: {response.status_code} {detail!r}")
    return seconds


def _check_answers(slug: str, rng: random.Random, samples: int) -> None:
    """The fast reads must agree with the reference fold of the raw events."""
    from tracker import selectors

    valid, known = _span(slug)
    for _ in range(samples):
        valid_at, known_at = _between(rng, valid), _between(rng, known)
        fast = selectors.summit_state(slug, valid_at=valid_at, known_at=known_at)
        slow = selectors.summit_state_replayed(slug, valid_at=valid_at, known_at=known_at)
        if (fast.status, fast.certainty, fast.version) != (slow.status, slow.certainty, slow.version):
            raise AssertionError(f"{slug} at {valid_at} known {known_at}: {fast} != replayed {slow}")


def explain(slug: str, rng: random.Random, *, worst: bool = False) -> list[str]:
    """EXPLAIN ANALYZE of every query one as-of read makes (to stderr): where the time goes.
    ``worst``: known just after the first event, at the last valid time (the interval
    look-up then steps over every fact recorded later)."""
    from django.db import connection

    from tracker import selectors

    statements: list[tuple[str, tuple]] = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    valid, known = _span(slug)
    valid_at, known_at = _between(rng, valid), _between(rng, known)
    if worst:
        valid_at, known_at = valid[1], known[0] + dt.timedelta(seconds=1)
    with connection.execute_wrapper(capture):
        selectors.summit_state(slug, valid_at=valid_at, known_at=known_at)
    lines = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
            lines.append(f"# explain {slug}{' (worst case)' if worst else ''}: {sql[:160]}")
            lines.extend(f"#   {line}" for line in plan)
    return lines


def _latency(name: str, seconds: list[float], baseline_p95: float | None, size: int) -> dict[str, Any]:
    p95 = ms(percentile(seconds, 95))
    return result(name, p95, "ms p95", baseline_p95, p50=ms(percentile(seconds, 50)), p99=ms(percentile(seconds, 99)),
                  history=size, samples=len(seconds), target="p95 < 10 ms; ratio <= 2")  # fmt: skip


def _note(message: str, started: float) -> None:
    print(f"# history: {message} ({time.perf_counter() - started:.1f} s)", file=sys.stderr, flush=True)


def _analyze(conn) -> None:
    with conn.cursor() as cursor:
        cursor.execute("ANALYZE")
    conn.commit()


def run(ctx: Context) -> Iterator[dict[str, Any]]:
    from tracker import projections

    n = QUICK if ctx.quick else FULL
    per_summit = n["status_events"] + n["meetings"]
    conn = ctx.raw()

    # W6: rebuild every read model from a log of many summits.
    position = insert(conn, interleaved(n["summits"], n["status_events"], n["meetings"], "replay"), 1)
    total = position - 1
    assert total == n["summits"] * per_summit, total
    _analyze(conn)
    started = time.perf_counter()
    reading = follow_feed(total, n["page"]) / (time.perf_counter() - started)
    started = time.perf_counter()
    replayed = projections.rebuild()
    seconds = time.perf_counter() - started
    assert replayed == total, (replayed, total)
    yield result("rebuild", replayed / seconds, "events/s", reading, events=replayed, seconds=round(seconds, 1),
                 summits=n["summits"], baseline_is="read_all over the same log")  # fmt: skip

    # W5: follow the whole feed.
    _analyze(conn)
    started = time.perf_counter()
    raw_seen = follow_raw(conn, total, n["page"])
    baseline = raw_seen / (time.perf_counter() - started)
    conn.commit()  # end the read transaction: no snapshot held open through the rest
    started = time.perf_counter()
    seen = follow_feed(total, n["page"])
    feed_rate = seen / (time.perf_counter() - started)
    assert seen == raw_seen == total, (seen, raw_seen, total)
    yield result("read_all", feed_rate, "events/s", baseline, events=seen, page=n["page"])

    # W4: the summits under test, then every read model rebuilt by the project's code.
    started = time.perf_counter()
    for size in n["sizes"]:
        position = insert(conn, (summit_event(f"asof-{size}", size, v) for v in range(1, size + 1)), position)
    conn.commit()
    rebuilt = projections.rebuild()
    _note(f"W4's summits inserted; read models of all {rebuilt} events rebuilt", started)
    started = time.perf_counter()
    head = build_background(conn, n["background"], n["per_background"], position) - 1
    conn.close()
    _note(f"background of {n['background']} summits built, {head} events in the table", started)

    started = time.perf_counter()
    rng = random.Random(20180612)
    for size in n["sizes"]:
        _check_answers(f"asof-{size}", rng, samples=5 if size <= 10_000 else 2)
    _note("answers agree with summit_state_replayed on every size", started)
    base_selector = base_api = None
    for size in n["sizes"]:
        slug = f"asof-{size}"
        _sample_selector(slug, 10, rng)  # warm the caches
        selector = _sample_selector(slug, n["samples"], rng)
        api = _sample_api(slug, n["api_samples"], rng)
        base_selector = base_selector or ms(percentile(selector, 95))
        base_api = base_api or ms(percentile(api, 95))
        extra = {"events_in_table": head, "read_models": "projections.rebuild"}
        yield _latency(f"as_of_selector_{size}", selector, base_selector, size) | extra
        yield _latency(f"as_of_api_{size}", api, base_api, size) | extra
    for size in (n["sizes"][0], n["sizes"][-1]):
        print("\n".join(explain(f"asof-{size}", rng)), file=sys.stderr)
    print("\n".join(explain(f"asof-{n['sizes'][-1]}", rng, worst=True)), file=sys.stderr)
