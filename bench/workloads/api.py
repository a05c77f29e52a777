"""W9 ``api``: ``GET /api/summits/{slug}/`` under load, served by gunicorn with 2 workers.

Three runs at the same fixed concurrency, each for 20 s (quick: 3 s), on the seeded
``singapore-2018``: the baseline (a plain Django view returning the summit's projection
row as JSON, in the same server: ``bench/urls.py``), the current state, and the state at
a valid time as known at a time (``valid_at`` and ``known_at``). Load: ``bench/loadgen.py``.

gunicorn keeps its PostgreSQL connections as the product does (``CONN_MAX_AGE`` 60 s with
health checks, ``config/settings.py``), for both views: with the runner's
``CONN_MAX_AGE=0`` every request would open a connection, a cost the product never pays
that would be most of the baseline's time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from bench.harness import Context, result
from bench.loadgen import load
from bench.servers import gunicorn

FULL = {"seconds": 20.0, "warmup": 2.0, "concurrency": 8}
QUICK = {"seconds": 3.0, "warmup": 0.5, "concurrency": 8}
SLUG = "singapore-2018"


def _known_at_midway() -> str:
    """The recorded time of the middle event of the summit's stream: a real past basis."""
    from tracker import eventstore
    from tracker.eventstore import StreamId

    events = eventstore.read_stream(StreamId("summit", SLUG))
    return events[len(events) // 2].recorded_at.isoformat()


def run(ctx: Context) -> Iterator[dict[str, Any]]:
    from tracker.seeds import load_timeline, seed_files

    n = QUICK if ctx.quick else FULL
    for path in seed_files():
        load_timeline(path)
    as_of = urlencode({"valid_at": "2018-05-24T23:00:00+00:00", "known_at": _known_at_midway()})
    paths = {
        "baseline": f"/bench/plain/summits/{SLUG}/",
        "api_now": f"/api/summits/{SLUG}/",
        "api_as_of": f"/api/summits/{SLUG}/?{as_of}",
    }
    with gunicorn(ctx, workers=2, product_connections=True) as base:
        runs = {}
        for name, path in paths.items():
            load(base + path, concurrency=n["concurrency"], seconds=n["warmup"])
            runs[name] = load(base + path, concurrency=n["concurrency"], seconds=n["seconds"])
    plain = runs["baseline"]
    for name in ("api_now", "api_as_of"):
        run_ = runs[name]
        yield result(name, run_.rps, "requests/s", plain.rps, target=">= 0.6", p50_ms=run_.p50_ms,
                     p99_ms=run_.p99_ms, errors=run_.errors, requests=run_.requests,
                     baseline_p50_ms=plain.p50_ms, baseline_p99_ms=plain.p99_ms, baseline_errors=plain.errors,
                     concurrency=n["concurrency"], seconds=n["seconds"],
                     server="gunicorn, 2 sync workers, CONN_MAX_AGE 60")  # fmt: skip
