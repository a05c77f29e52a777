"""Soak: minutes of mixed traffic against the production shape, then a consistency check.

    .venv/bin/python bench/soak.py [--seconds 300] [--clients 8]

Starts, on loopback, gunicorn (``config.wsgi``) and a Celery worker against a fresh
PostgreSQL database and a Redis database of their own, then runs ``--clients`` threads of
mixed traffic for ``--seconds``:

* reads of a summit now, and "as of" reads (``valid_at`` / ``known_at``), timelines and the
  event feed;
* status changes with ``expected_version``, racing each other on a few summits (so some
  lose with 409), a share of them deliberately stale, some with an ``Idempotency-Key``
  that is then sent again (a replay must return the same events);
* article submissions (distinct generated texts), ingested by the worker.

It reports requests, errors by status, p50/p99 latencies per kind, and at the end checks
that nothing was lost or doubled: every acknowledged write is in the event log, every
replay returned the original events, no idempotency key is stored twice, stream versions
have no gaps, every accepted article was ingested, and the projections equal a fresh
rebuild (``tracker.projections.snapshot()`` before and after ``rebuild()``).

Throttling is raised for the run (it is tested in the suite): the soak measures the
system, not the rate limits. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
SUMMIT = "singapore-2018"
RACE_SUMMITS = [f"soak-{n}" for n in range(4)]
PLACES = ["Beijing", "Pyongyang", "Seoul", "Moscow", "Hanoi", "Singapore", "Vladivostok", "New York"]
PEOPLE = [
    ("Russian Foreign Minister Sergei Lavrov", "Chinese Foreign Minister Wang Yi"),
    ("Secretary of State Mike Pompeo", "Kim Yong Chol"),
    ("South Korean President Moon Jae-in", "Kim Jong Un"),
    ("President Donald Trump", "Chinese President Xi Jinping"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q / 100 * len(ordered))) - 1] if ordered else 0.0


class Stack:
    """gunicorn and a Celery worker as subprocesses, in their own process groups."""

    def __init__(self, env: dict[str, str], port: int, log_dir: Path) -> None:
        self.env, self.port, self.log_dir = env, port, log_dir
        self.processes: list[subprocess.Popen] = []

    def _spawn(self, name: str, command: list[str]) -> None:
        log = (self.log_dir / f"soak-{name}.log").open("wb")
        self.processes.append(
            subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        )

    def start(self) -> None:
        py = sys.executable
        self._spawn(
            "web",
            [py, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", "2", "--threads", "4", "--timeout", "60"],
        )  # fmt: skip
        self._spawn(
            "worker",
            [py, "-m", "celery", "-A", "config", "worker", "--pool=prefork", "--concurrency=2", "--loglevel=WARNING",
             "--without-gossip", "--without-mingle", "--without-heartbeat", f"--hostname=soak-{uuid.uuid4().hex[:6]}"],
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{self.port}/health/", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise SystemExit(f"the web server did not become healthy (see {self.log_dir}/soak-web.log)")

    def stop(self) -> None:
        for process in self.processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def prepare_database(database_url: str) -> None:
    """A fresh database: create, migrate, seed. Uses the admin database to (re)create it."""
    import psycopg2

    name = database_url.rsplit("/", 1)[1]
    admin = psycopg2.connect(database_url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    env = {**os.environ, "DATABASE_URL": database_url}
    for args in (["migrate", "--noinput"], ["load_seeds"]):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def create_clients(count: int) -> list[str]:
    """One editor per client thread (tokens), and the summits the writers race on."""
    from datetime import date

    from django.contrib.auth.models import Permission, User
    from rest_framework.authtoken.models import Token

    from tracker import services
    from tracker.domain.time import ValidTime

    permissions = list(Permission.objects.filter(content_type__app_label="tracker"))
    tokens = []
    for n in range(count):
        user = User.objects.create_user(f"soak-{n}", password=uuid.uuid4().hex)
        user.user_permissions.set(permissions)
        tokens.append(Token.objects.create(user=user).key)
    for slug in RACE_SUMMITS:
        services.summit_create(
            title=f"Soak {slug}", slug=slug, change="scheduled", when=ValidTime.on_day(date(2031, 1, 1))
        )
    return tokens


class Traffic:
    def __init__(self, base: str, seconds: float) -> None:
        self.base, self.began, self.deadline = base, time.monotonic(), time.monotonic() + seconds
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: Counter[tuple[str, int]] = Counter()
        self.acknowledged: list[str] = []  # event ids of 201 answers
        self.replays: list[tuple[list[str], list[str]]] = []  # (first answer, replay answer)
        self.articles: list[str] = []  # ids answered 202
        self.failures: list[str] = []

    def record(self, kind: str, response: requests.Response | None, started: float) -> None:
        with self.lock:
            self.latency[kind].append(time.monotonic() - started)
            code = response.status_code if response is not None else 0
            self.status[(kind, code)] += 1
            if response is not None and code >= 500 and len(self.failures) < 20:
                self.failures.append(f"{kind} {code} {response.text[:200]}")

    def call(self, session: requests.Session, kind: str, method: str, path: str, **kwargs: Any):
        started = time.monotonic()
        try:
            response = session.request(method, self.base + path, timeout=60, **kwargs)
        except requests.RequestException as exc:
            self.record(kind, None, started)
            with self.lock:
                self.failures.append(f"{kind} connection error: {exc}")
            return None
        self.record(kind, response, started)
        return response

    def client(self, token: str, seed: int) -> None:
        rng = random.Random(seed)
        session = requests.Session()
        session.headers["Authorization"] = f"Token {token}"
        n = 0
        while time.monotonic() < self.deadline:
            n += 1
            roll = rng.random()
            if roll < 0.30:
                self.call(session, "read", "GET", f"/api/summits/{SUMMIT}/")
            elif roll < 0.50:
                day = f"2018-05-{rng.randint(1, 31):02d}"
                # What was known some moment since the run began (the seeds were loaded before).
                known = datetime.fromtimestamp(time.time() - rng.uniform(0, time.monotonic() - self.began), UTC)
                self.call(
                    session, "as_of", "GET", f"/api/summits/{SUMMIT}/", params={"valid_at": day, "known_at": known}
                )
            elif roll < 0.55:
                self.call(session, "timeline", "GET", f"/api/summits/{rng.choice([SUMMIT, *RACE_SUMMITS])}/timeline/")
            elif roll < 0.63:
                self.call(session, "feed", "GET", "/api/events/", params={"after": rng.randint(0, 200), "limit": 100})
            elif roll < 0.90:
                self.write(session, rng, seed, n)
            else:
                self.submit(session, rng, seed, n)

    def write(self, session: requests.Session, rng: random.Random, seed: int, n: int) -> None:
        slug = rng.choice(RACE_SUMMITS)
        state = self.call(session, "read", "GET", f"/api/summits/{slug}/")
        if state is None or state.status_code != 200:
            return
        version = state.json()["version"]
        if rng.random() < 0.15:
            version = max(0, version - 1)  # a client that read long ago: must get 409
        body = {
            "change": "rescheduled",
            "valid_time": {
                "at": f"2031-{rng.randint(2, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z"
            },
            "expected_version": version,
            "note": f"soak {seed}-{n}",
        }
        key = f"soak-{seed}-{n}" if rng.random() < 0.3 else None
        headers = {"Idempotency-Key": key} if key else {}
        url = f"/api/summits/{slug}/status-changes/"
        response = self.call(session, "write", "POST", url, json=body, headers=headers)
        if response is None or response.status_code != 201:
            return
        first = [e["id"] for e in response.json()["events"]]
        with self.lock:
            self.acknowledged.extend(first)
        if key:
            again = self.call(session, "replay", "POST", url, json=body, headers=headers)
            if again is not None and again.status_code == 201:
                with self.lock:
                    self.replays.append((first, [e["id"] for e in again.json()["events"]]))

    def submit(self, session: requests.Session, rng: random.Random, seed: int, n: int) -> None:
        first, second = rng.choice(PEOPLE)
        text = (
            f"date 2018-{rng.randint(3, 11):02d}-{rng.randint(10, 28):02d}\n\n{first} met {second} in "
            f"{rng.choice(PLACES)} on {rng.choice(WEEKDAYS)} to discuss the Korean peninsula "
            f"(soak report {seed}-{n}-{uuid.uuid4().hex[:8]})."
        )
        response = self.call(
            session, "article", "POST", "/api/articles/", data=text.encode(), headers={"Content-Type": "text/plain"}
        )
        if response is not None and response.status_code == 202:
            with self.lock:
                self.articles.append(response.json()["id"])


def wait_for_ingestion(article_ids: list[str], timeout: float) -> dict[str, int]:
    from tracker.models import Article

    deadline = time.monotonic() + timeout
    while True:
        statuses = Counter(Article.objects.filter(pk__in=article_ids).values_list("status", flat=True))
        if statuses["queued"] + statuses["processing"] == 0 or time.monotonic() > deadline:
            return dict(statuses)
        time.sleep(1)


def consistency(traffic: Traffic) -> dict[str, Any]:
    from django.db.models import Count, Max, Min

    from tracker import projections
    from tracker.models import Article, Event

    stored = set(str(i) for i in Event.objects.values_list("id", flat=True))
    missing = [i for i in traffic.acknowledged if i not in stored]
    replays_differing = sum(1 for first, again in traffic.replays if first != again)
    duplicate_keys = list(
        Event.objects.exclude(idempotency_key=None)
        .values("idempotency_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("idempotency_key", flat=True)[:10]
    )
    gaps = [
        f"{s['stream_type']}/{s['stream_id']}"
        for s in Event.objects.values("stream_type", "stream_id").annotate(
            n=Count("id"), lo=Min("version"), hi=Max("version")
        )
        if not (s["lo"] == 1 and s["hi"] == s["n"])
    ]
    positions = Event.objects.aggregate(n=Count("id"), hi=Max("position"))
    before = projections.snapshot()
    projections.rebuild()
    after = projections.snapshot()
    articles_missing = len(set(traffic.articles) - set(str(i) for i in Article.objects.values_list("id", flat=True)))
    return {
        "events": positions["n"],
        "acknowledged_writes": len(traffic.acknowledged),
        "acknowledged_missing": len(missing),
        "replays": len(traffic.replays),
        "replays_differing": replays_differing,
        "duplicate_idempotency_keys": duplicate_keys,
        "streams_with_gaps": gaps,
        "positions_contiguous": positions["hi"] == positions["n"],
        "articles_accepted": len(traffic.articles),
        "articles_missing": articles_missing,
        "projections_equal_rebuild": before == after,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("SOAK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/summit_rel_soak"),
    )
    parser.add_argument("--broker-url", default=os.environ.get("SOAK_BROKER_URL", "redis://127.0.0.1:6379/11"))
    parser.add_argument("--out", type=Path, help="also write the JSON report here")
    args = parser.parse_args()

    import redis

    redis.Redis.from_url(args.broker_url).flushdb()  # this database is the soak's own
    prepare_database(args.database_url)
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "CELERY_BROKER_URL": args.broker_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "THROTTLE_WRITES": "1000000/min",
        "THROTTLE_ARTICLES": "1000000/min",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE", "LOG_LEVEL")})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    tokens = create_clients(args.clients)

    log_dir = Path(os.environ.get("SOAK_LOG_DIR", "/tmp"))
    stack = Stack(env, args.port, log_dir)
    stack.start()
    traffic = Traffic(f"http://127.0.0.1:{args.port}", args.seconds)
    started = time.monotonic()
    try:
        threads = [threading.Thread(target=traffic.client, args=(t, n)) for n, t in enumerate(tokens)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        ingestion = wait_for_ingestion(traffic.articles, timeout=300)
    finally:
        stack.stop()
    check = consistency(traffic)

    all_latencies = [v for values in traffic.latency.values() for v in values]
    by_status: Counter[int] = Counter()
    for (_kind, code), count in traffic.status.items():
        by_status[code] += count
    report = {
        "name": "soak",
        "seconds": round(elapsed, 1),
        "clients": args.clients,
        "requests": len(all_latencies),
        "requests_per_second": round(len(all_latencies) / elapsed, 1),
        "by_status": {str(k): v for k, v in sorted(by_status.items())},
        "server_errors": sum(v for k, v in by_status.items() if k >= 500 or k == 0),
        "p50_ms": round(percentile(all_latencies, 50) * 1000, 1),
        "p99_ms": round(percentile(all_latencies, 99) * 1000, 1),
        "by_kind": {
            kind: {
                "requests": len(values),
                "p50_ms": round(percentile(values, 50) * 1000, 1),
                "p99_ms": round(percentile(values, 99) * 1000, 1),
                "statuses": {str(c): n for (k, c), n in sorted(traffic.status.items()) if k == kind},
            }
            for kind, values in sorted(traffic.latency.items())
        },
        "ingestion": ingestion,
        "consistency": check,
        "failures": traffic.failures,
    }
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    consistent = (
        not check["acknowledged_missing"]
        and not check["replays_differing"]
        and not check["duplicate_idempotency_keys"]
        and not check["streams_with_gaps"]
        and check["positions_contiguous"]
        and not check["articles_missing"]
        and check["projections_equal_rebuild"]
        and not ingestion.get("queued")
        and not ingestion.get("processing")
    )
    sys.exit(0 if consistent and report["server_errors"] == 0 else 1)


if __name__ == "__main__":
    main()
