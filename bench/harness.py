"""What every workload shares: results, percentiles, the machine, databases and processes.

A result is one JSON object: ``name``, ``value``, ``unit``, ``baseline`` (the same work done
the plain way, measured in the same run) and ``ratio`` (value / baseline), plus extras
(``p50``, ``p95``, ``target``, counts) and the ``machine`` it ran on.
"""

from __future__ import annotations

import json
import math
import os
import platform
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg2

from tests.support.processes import run_in_processes

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sample."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def result(name: str, value: float, unit: str, baseline: float | None, **extra: Any) -> dict[str, Any]:
    ratio = round(value / baseline, 3) if baseline else None
    return {"name": name, "value": _round(value), "unit": unit, "baseline": _round(baseline), "ratio": ratio, **extra}


def scaled(used: int, issue: int) -> dict[str, Any]:
    """Fields that say a full run did less than the issue's size (empty when it did not)."""
    return {"scaled": True, "size_used": used, "issue_size": issue} if used < issue else {}


def _round(value: float | None) -> float | None:
    if value is None:
        return None
    return round(value, 3) if abs(value) < 100 else round(value, 1)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


class Stopwatch:
    def __enter__(self) -> Stopwatch:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


def machine() -> dict[str, Any]:
    memory_kib = 0
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    model = ""
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo") as cpuinfo:
            model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kib / 1024 / 1024),
        "cpu": model,
        "python": platform.python_version(),
    }


# --- databases --------------------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    """A PostgreSQL server and the database name the bench owns on it."""

    url: str  # the database the caller pointed us at; only its server is used

    def with_name(self, name: str) -> str:
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path=f"/{name}"))

    @property
    def base_name(self) -> str:
        return urlsplit(self.url).path.lstrip("/") or "summit_bench"

    def admin(self):
        conn = psycopg2.connect(self.with_name("postgres"))
        conn.autocommit = True
        return conn

    def recreate(self, name: str, *, template: str | None = None) -> str:
        conn = self.admin()
        try:
            with conn.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                suffix = f' TEMPLATE "{template}"' if template else ""
                cursor.execute(f'CREATE DATABASE "{name}"{suffix}')
        finally:
            conn.close()
        return self.with_name(name)

    def drop(self, name: str) -> None:
        conn = self.admin()
        try:
            with conn.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            conn.close()


@dataclass
class Context:
    """Passed to every workload: the scale, where things live, and how to report."""

    quick: bool
    database: Database
    run_db: str  # the database name Django is configured with
    template_db: str
    broker_url: str
    machine: dict[str, Any]
    emit: Callable[[dict[str, Any]], None]
    notes: list[str] = field(default_factory=list)

    @property
    def run_url(self) -> str:
        return self.database.with_name(self.run_db)

    def fresh_database(self) -> None:
        """Empty the run database: a copy of the migrated template (no data)."""
        from django.db import connections

        connections.close_all()
        self.database.recreate(self.run_db, template=self.template_db)

    def raw(self):
        """A plain psycopg2 connection to the run database (for baselines and bulk SQL)."""
        return psycopg2.connect(self.run_url)


# --- processes --------------------------------------------------------------------------

# Forked processes with fresh Django connections: the same helper the store's
# concurrency tests use.
in_processes = run_in_processes


@contextmanager
def timed() -> Iterator[Stopwatch]:
    with Stopwatch() as watch:
        yield watch


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, default=str, separators=(", ", ": "))
