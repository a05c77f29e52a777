#!/usr/bin/env python
"""``make bench`` / ``make bench QUICK=1``: run the workloads, one JSON object per line.

Every line is ``{"name", "value", "unit", "baseline", "ratio", ...}``, printed and written
to ``bench/results.jsonl``. PostgreSQL and Redis come from ``DATABASE_URL`` and
``CELERY_BROKER_URL`` (defaults: ``postgres://postgres@127.0.0.1:5432/summit_bench`` and
``redis://127.0.0.1:6379/9``). Only the server of ``DATABASE_URL`` is used: the bench
works in a database of its own (``<name>_run``, e.g. ``summit_bench_run``), dropped and
re-created from a migrated template before each group of workloads, so it never touches
the data in the database you named. ``--quick`` scales every count down (same code paths)
for a smoke run under a minute.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.harness import Context, Database, dumps, machine  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/summit_bench"
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/9"
RESULTS = ROOT / "bench" / "results.jsonl"

# In running order: the store first (empty tables), the HTTP workloads last.
WORKLOADS = {
    "extract": "bench.workloads.extract",  # W7
    "append": "bench.workloads.append",  # W1, W2, W3
    "history": "bench.workloads.history",  # W5, W6, W4
    "ingest": "bench.workloads.ingest",  # W8
    "api": "bench.workloads.api",  # W9
}


def _run_db_name(base: str) -> str:
    return f"{base}_run" if base.endswith("bench") else f"{base}_bench_run"


def _setup(database: Database, run_db: str, template_db: str) -> None:
    """Create the run database, migrate it, and keep an empty migrated copy as template."""
    os.environ["DATABASE_URL"] = database.with_name(run_db)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("CONN_MAX_AGE", "0")
    database.recreate(run_db)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0, interactive=False)
    connections.close_all()
    database.recreate(template_db, template=run_db)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: small counts, same code paths")
    parser.add_argument("--only", nargs="*", choices=list(WORKLOADS), help="run only these workload groups")
    args = parser.parse_args(argv)

    database = Database(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    if not database.url.startswith(("postgres://", "postgresql://")):
        print(f"bench needs PostgreSQL: DATABASE_URL={database.url!r}", file=sys.stderr)
        return 2
    broker_url = os.environ.get("CELERY_BROKER_URL") or DEFAULT_BROKER_URL
    os.environ["CELERY_BROKER_URL"] = broker_url
    run_db = _run_db_name(database.base_name)
    template_db = f"{run_db}_template"
    _setup(database, run_db, template_db)

    host = machine()
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    failures = 0
    with RESULTS.open("w", encoding="utf-8") as out:

        def emit(record: dict) -> None:
            line = dumps({**record, "quick": args.quick, "date": stamp, "machine": host})
            print(line, flush=True)
            out.write(line + "\n")
            out.flush()

        ctx = Context(
            quick=args.quick,
            database=database,
            run_db=run_db,
            template_db=template_db,
            broker_url=broker_url,
            machine=host,
            emit=emit,
        )
        started = time.perf_counter()
        for group in args.only or list(WORKLOADS):
            group_started = time.perf_counter()
            try:
                ctx.fresh_database()
                for record in importlib.import_module(WORKLOADS[group]).run(ctx):
                    emit(record)
                    elapsed = time.perf_counter() - group_started
                    print(f"# {group}: {record['name']} at {elapsed:.1f} s", file=sys.stderr, flush=True)
            except Exception as exc:
                failures += 1
                traceback.print_exc()
                emit({"name": group, "value": None, "unit": None, "baseline": None, "ratio": None, "error": repr(exc)})
            print(f"# {group}: {time.perf_counter() - group_started:.1f} s", file=sys.stderr, flush=True)
        print(f"# total: {time.perf_counter() - started:.1f} s; results in {RESULTS}", file=sys.stderr)
    database.drop(template_db)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
