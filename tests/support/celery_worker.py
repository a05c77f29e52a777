"""A REAL Celery worker process for tests, against the test database and Redis.

``CeleryWorker`` starts ``celery -A config worker`` as a subprocess (its own process
group, so it can be SIGKILLed whole) with ``DATABASE_URL`` pointing at the *test*
database and the test run's ``CELERY_BROKER_URL``. Tests using it need committed data:
mark them ``django_db(transaction=True)``, plus ``postgres`` and ``redis``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import redis
from django.conf import settings

from config.celery import app

QUEUE = "celery"  # Celery's default queue
# Kombu's Redis transport keeps delivered-but-unacknowledged messages under these keys.
_UNACKED_KEYS = ("unacked", "unacked_index", "unacked_mutex")


def test_database_url() -> str:
    db = settings.DATABASES["default"]
    auth = quote(db.get("USER") or "") + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def broker() -> redis.Redis:
    return redis.Redis.from_url(settings.CELERY_BROKER_URL)


def purge_broker() -> None:
    """Drop queued messages and those a killed worker left unacknowledged."""
    client = broker()
    client.delete(QUEUE, *_UNACKED_KEYS)


def broker_idle() -> bool:
    """Nothing queued and nothing delivered but unacknowledged (tasks ack late, at the end)."""
    client = broker()
    return client.llen(QUEUE) == 0 and client.hlen("unacked") == 0


def wait_for(condition: Callable[[], bool], *, timeout: float = 60, what: str = "condition") -> None:
    """Poll until ``condition()`` holds (a deadline against hanging, not a speed check)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class CeleryWorker:
    def __init__(self, log_dir: Path, *, env: dict[str, str] | None = None, concurrency: int = 1) -> None:
        self.log_path = log_dir / f"worker-{uuid.uuid4().hex[:8]}.log"
        self.extra_env = env or {}
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None

    def start(self) -> CeleryWorker:
        env = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }
        pool = ["--pool=solo"] if self.concurrency == 1 else ["--pool=prefork", f"--concurrency={self.concurrency}"]
        name = f"--hostname=test-{uuid.uuid4().hex[:8]}@%h"
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", *pool, "--loglevel=INFO",
                   "--without-gossip", "--without-mingle", "--without-heartbeat", name]  # fmt: skip
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=settings.BASE_DIR, start_new_session=True
            )
        wait_for(self._ready, timeout=60, what=f"the worker to start (log: {self.log_path})")
        return self

    def _ready(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"worker exited with {self.process.returncode}:\n{self.log()[-3000:]}")
        return "ready." in self.log()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children): no cleanup, no ack."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            self.kill()
        self.process = None


__all__ = ["CeleryWorker", "app", "broker_idle", "purge_broker", "test_database_url", "wait_for"]
