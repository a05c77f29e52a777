"""Fault injection on this machine's real services, and a real web server for tests.

PostgreSQL (the Debian cluster, ``pg_ctlcluster``) and Redis (``redis-server`` on 6379) are
stopped and started for real; every helper waits until the service answers again, so a
test can restore it in a ``finally`` block. Other test runs share these services: keep
outages to a few seconds.

``WebServer`` runs gunicorn with the production WSGI application against the test
database, as a subprocess in its own process group.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import requests
from django.conf import settings
from django.db import connections

from tests.support.celery_worker import test_database_url, wait_for

PG_VERSION = os.environ.get("PG_CLUSTER_VERSION") or sorted(os.listdir("/etc/postgresql"))[-1]
PG_HOST, PG_PORT = "127.0.0.1", 5432
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def _run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def postgres_ready() -> bool:
    return (
        subprocess.run(["pg_isready", "-h", PG_HOST, "-p", str(PG_PORT), "-q"], check=False, timeout=10).returncode == 0
    )


def postgres_stop() -> None:
    # fast: disconnect clients and stop at once (no waiting for sessions to end).
    _run("pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main", "stop", "-m", "fast")


def postgres_start() -> None:
    if not postgres_ready():
        with contextlib.suppress(subprocess.CalledProcessError):
            _run("pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main", "start")
    wait_for(postgres_ready, timeout=60, what="PostgreSQL to accept connections")
    # This process's connections died with the server: drop them so the next query reconnects.
    for conn in connections.all(initialized_only=True):
        with contextlib.suppress(Exception):
            conn.close()


@contextlib.contextmanager
def postgres_down() -> Iterator[None]:
    """PostgreSQL stopped for the body of the ``with``; started again whatever happens."""
    postgres_stop()
    try:
        yield
    finally:
        postgres_start()


def redis_ready() -> bool:
    with contextlib.suppress(OSError), socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(16).startswith(b"+PONG")
    return False


def redis_stop() -> None:
    with contextlib.suppress(subprocess.CalledProcessError):
        _run("redis-cli", "-h", REDIS_HOST, "-p", str(REDIS_PORT), "shutdown", "nosave")
    wait_for(lambda: not redis_ready(), timeout=20, what="Redis to stop")


def redis_start() -> None:
    if not redis_ready():
        _run(
            "redis-server", "--daemonize", "yes", "--bind", REDIS_HOST, "--port", str(REDIS_PORT),
            "--save", "", "--appendonly", "no",
        )  # fmt: skip
    wait_for(redis_ready, timeout=30, what="Redis to answer PING")


@contextlib.contextmanager
def redis_down() -> Iterator[None]:
    """Redis stopped for the body of the ``with``; started again whatever happens."""
    redis_stop()
    try:
        yield
    finally:
        redis_start()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class WebServer:
    """gunicorn serving ``config.wsgi`` on loopback, against the test database."""

    def __init__(self, log_dir: Path, *, workers: int = 2, threads: int = 4, env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"gunicorn-{uuid.uuid4().hex[:8]}.log"
        self.workers, self.threads = workers, threads
        self.extra_env = env or {}
        self.process: subprocess.Popen | None = None

    def start(self) -> WebServer:
        env = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }
        command = [
            sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers), "--threads", str(self.threads), "--timeout", "60",
            "--graceful-timeout", "5",
        ]  # fmt: skip
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=settings.BASE_DIR, start_new_session=True
            )
        wait_for(self._answers, timeout=60, what=f"gunicorn to answer (log: {self.log_path})")
        return self

    def _answers(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"gunicorn exited with {self.process.returncode}:\n{self.log()[-3000:]}")
        try:
            requests.get(f"{self.url}/health/", timeout=5)
        except requests.RequestException:
            return False
        return True

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None


def wait_until(condition, *, timeout: float = 60, what: str = "condition") -> None:
    """``wait_for``, re-exported: a deadline against hanging, never a speed check."""
    wait_for(condition, timeout=timeout, what=what)


__all__ = [
    "WebServer",
    "postgres_down",
    "postgres_ready",
    "postgres_start",
    "postgres_stop",
    "redis_down",
    "redis_ready",
    "redis_start",
    "redis_stop",
    "wait_until",
]
