"""The production shape for the HTTP workloads: gunicorn and Celery workers as processes.

Both run with ``bench.settings`` against the run database and the bench's Redis db and
queue; they are started and stopped by their process ids, never by name. Their
PostgreSQL connections carry the application name ``summit-bench-<kind>-<pid>``
(libpq's ``PGAPPNAME``), so stopping a server can wait until its connections are gone.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.harness import ROOT, Context

BIN = Path(sys.executable).parent


def _env(ctx: Context, app_name: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": ctx.run_url,
        "CELERY_BROKER_URL": ctx.broker_url,
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
        "PGAPPNAME": app_name,
    }


def _app_name(kind: str) -> str:
    return f"summit-bench-{kind}-{os.getpid()}"


def wait_disconnected(ctx: Context, app_name: str, timeout: float = 10) -> None:
    """Wait until no PostgreSQL session named ``app_name`` is left (a stopped server's)."""
    deadline = time.monotonic() + timeout
    conn = ctx.database.admin()
    try:
        with conn.cursor() as cursor:
            while True:
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [app_name])
                if cursor.fetchone()[0] == 0:
                    return
                if time.monotonic() > deadline:
                    raise RuntimeError(f"PostgreSQL sessions of {app_name} outlived their server")
                time.sleep(0.1)
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen, timeout: float = 20) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def gunicorn(ctx: Context, *, workers: int = 2, product_connections: bool = False) -> Iterator[str]:
    """Serve ``config.wsgi`` (bench URLs) on a free port; yields the base url.

    ``product_connections``: the workers keep their PostgreSQL connections as the product
    does (``config/settings.py``: ``CONN_MAX_AGE`` 60 s, health checks), instead of the
    runner's ``CONN_MAX_AGE=0`` (a connection per request). Either way the server and
    its sessions are gone when the block exits, before anything drops a database.
    """
    port = free_port()
    app_name = _app_name("gunicorn")
    env = _env(ctx, app_name)
    if product_connections:
        env.pop("CONN_MAX_AGE", None)  # the settings' default, as in production
    process = subprocess.Popen(
        # A graceful timeout under _stop's, so the master reaps its workers before that.
        [str(BIN / "gunicorn"), "config.wsgi:application", "--workers", str(workers), "--bind",
         f"127.0.0.1:{port}", "--log-level", "warning", "--graceful-timeout", "10"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/bench/ping/", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        _stop(process)
        wait_disconnected(ctx, app_name)


@contextmanager
def celery_worker(ctx: Context, *, processes: int = 2) -> Iterator[subprocess.Popen]:
    """One Celery worker with ``processes`` prefork children on the bench queue."""
    process = subprocess.Popen(
        [str(BIN / "celery"), "-A", "config", "worker", "-Q", "bench", "--concurrency", str(processes),
         "--pool", "prefork", "--loglevel", "WARNING", "-n", f"bench-{os.getpid()}@%h",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=_env(ctx, _app_name("celery")), stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield process
    finally:
        _stop(process, timeout=30)


def purge_queue(ctx: Context) -> None:
    """Drop messages left in the bench's own queue (in the bench's own Redis db)."""
    import redis

    redis.Redis.from_url(ctx.broker_url).delete("bench")
