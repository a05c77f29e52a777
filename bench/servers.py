"""The production shape for the HTTP workloads: gunicorn and Celery workers as processes.

Both run with ``bench.settings`` against the run database and the bench's Redis db and
queue; they are started and stopped by their process ids, never by name.
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


def _env(ctx: Context) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": ctx.run_url,
        "CELERY_BROKER_URL": ctx.broker_url,
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
    }


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
def gunicorn(ctx: Context, *, workers: int = 2) -> Iterator[str]:
    """Serve ``config.wsgi`` (bench URLs) on a free port; yields the base url."""
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi:application", "--workers", str(workers), "--bind",
         f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=_env(ctx),
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


@contextmanager
def celery_worker(ctx: Context, *, processes: int = 2) -> Iterator[subprocess.Popen]:
    """One Celery worker with ``processes`` prefork children on the bench queue."""
    process = subprocess.Popen(
        [str(BIN / "celery"), "-A", "config", "worker", "-Q", "bench", "--concurrency", str(processes),
         "--pool", "prefork", "--loglevel", "WARNING", "-n", f"bench-{os.getpid()}@%h",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=_env(ctx), stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield process
    finally:
        _stop(process, timeout=30)


def purge_queue(ctx: Context) -> None:
    """Drop messages left in the bench's own queue (in the bench's own Redis db)."""
    import redis

    redis.Redis.from_url(ctx.broker_url).delete("bench")
