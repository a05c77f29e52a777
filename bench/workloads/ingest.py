"""W8 ``ingest_e2e``: articles submitted through the API, ingested by Celery workers.

Distinct articles, variations of the founding article and the extraction test articles,
are POSTed as ``text/plain`` to ``/api/articles/`` on gunicorn by four client threads, and
ingested by one Celery worker with 2 processes, on Redis and PostgreSQL, on top of the
seeded story: 1,000 articles (quick: 20). Should a full run ever submit fewer, the
result says so (``"scaled": true``, the size used and the issue's).
Reported: articles per second from the first submission to the last article processed,
and the p95 of submit -> events visible (``processed_at - created_at``: both stamped by
the server, the second in the transaction that commits the events); all are submitted at
once, so the latency includes the wait in the queue. Baseline: the same pipeline in one
process with no HTTP and no broker (``article_submit`` then ``article_process``) on
other variations.
"""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bench.harness import Context, ms, percentile, result, scaled
from bench.servers import celery_worker, gunicorn, purge_queue
from bench.workloads.extract import articles

FULL = {"articles": 1000, "baseline_articles": 30, "threads": 4, "timeout": 600}
ISSUE_ARTICLES = 1000  # W8 as the issue defines it
QUICK = {"articles": 20, "baseline_articles": 6, "threads": 4, "timeout": 60}
DESKS = ("Washington", "Seoul", "Tokyo", "Beijing", "Moscow", "Singapore", "London")


def variations(count: int, offset: int = 0) -> list[str]:
    """Distinct texts (distinct content hashes): each base article with its own sign-off."""
    bases = [raw.decode("utf-8") for _, raw in articles()]
    out = []
    for n in range(offset, offset + count):
        base = bases[n % len(bases)].rstrip()
        desk = DESKS[n % len(DESKS)]
        out.append(f"{base}\n\nReporting by the {desk} desk (item {n}); editing by the night team.\n")
    return out


def _token() -> str:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from rest_framework.authtoken.models import Token

    user, _ = get_user_model().objects.get_or_create(username="bench-submitter")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="tracker"))
    return Token.objects.get_or_create(user=user)[0].key


def _submit(base: str, token: str, text: str) -> str:
    request = urllib.request.Request(
        f"{base}/api/articles/",
        data=text.encode("utf-8"),
        headers={"Content-Type": "text/plain; charset=utf-8", "Authorization": f"Token {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read().decode()
    except urllib.error.HTTPError as exc:
        raise AssertionError(f"POST /api/articles/: {exc.code} {exc.read()[:300]!r}") from None


def _baseline(texts: list[str]) -> float:
    from tracker import ingestion

    started = time.perf_counter()
    for text in texts:
        article = ingestion.article_submit(text=text, actor="bench", via="api")
        ingestion.article_process(article_id=str(article.id))
    return len(texts) / (time.perf_counter() - started)


def run(ctx: Context) -> Iterator[dict[str, Any]]:
    from tracker.models import Article
    from tracker.seeds import load_timeline, seed_files

    n = QUICK if ctx.quick else FULL
    for path in seed_files():
        load_timeline(path)
    token = _token()
    purge_queue(ctx)
    baseline = _baseline(variations(n["baseline_articles"], offset=n["articles"]))
    purge_queue(ctx)  # the in-process baseline also queued its articles: they are done
    before = set(Article.objects.values_list("id", flat=True))

    texts = variations(n["articles"])
    with celery_worker(ctx, processes=2), gunicorn(ctx, workers=2) as base:
        started = time.perf_counter()
        with ThreadPoolExecutor(n["threads"]) as pool:
            list(pool.map(lambda text: _submit(base, token, text), texts))
        deadline = time.monotonic() + n["timeout"]
        new = Article.objects.exclude(id__in=before)
        while new.filter(status__in=("queued", "processing")).exists():
            if time.monotonic() > deadline:
                raise AssertionError(f"articles still pending after {n['timeout']} s")
            time.sleep(0.2)
        seconds = time.perf_counter() - started

    rows = list(new.values_list("status", "created_at", "processed_at"))
    statuses: dict[str, int] = {}
    for status, _, _ in rows:
        statuses[status] = statuses.get(status, 0) + 1
    latencies = [(done - created).total_seconds() for _, created, done in rows if done]
    if len(rows) != n["articles"]:
        raise AssertionError(f"{len(rows)} articles stored for {n['articles']} submitted")
    size = {} if ctx.quick else scaled(len(rows), ISSUE_ARTICLES)
    yield result("ingest_e2e", len(rows) / seconds, "articles/s", baseline, workers=2,
                 articles=len(rows), statuses=statuses, p50_ms=ms(percentile(latencies, 50)),
                 p95_ms=ms(percentile(latencies, 95)), seconds=round(seconds, 1),
                 baseline_articles=n["baseline_articles"], **size)  # fmt: skip
