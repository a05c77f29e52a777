"""A small closed-loop HTTP load generator (asyncio), so the bench needs nothing beyond PyPI.

``concurrency`` clients each send a GET, wait for the whole response, and send the next,
for ``seconds``. One connection per request, as gunicorn's sync workers close them anyway.
Reports requests per second, latency percentiles and the count of errors (connection
failures and non-2xx answers).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from bench.harness import ms, percentile


@dataclass(frozen=True)
class Load:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


async def _get(host: str, port: int, target: str) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        status_line = await reader.readline()
        await reader.read()  # to EOF: the whole answer
        return int(status_line.split()[1])
    finally:
        writer.close()


async def _run(url: str, concurrency: int, seconds: float) -> Load:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                status = await _get(parts.hostname or "127.0.0.1", parts.port or 80, target)
            except OSError:
                status = 0
            latencies.append(time.perf_counter() - started)
            if not 200 <= status < 300:
                errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return Load(len(latencies), errors, elapsed, ms(percentile(latencies, 50)), ms(percentile(latencies, 99)))


def load(url: str, *, concurrency: int, seconds: float) -> Load:
    return asyncio.run(_run(url, concurrency, seconds))
