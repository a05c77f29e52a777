"""Faults of the real services while gunicorn serves and a Celery worker ingests.

* PostgreSQL restarted: requests during the outage get a 503 JSON answer; afterwards the
  same web and worker processes work again, and the article that was in flight (paused
  inside its ingestion transaction when the database went away) is ingested exactly once.
* Redis stopped: reads keep working, ``POST /api/articles/`` stores the article and answers
  202 ``queued`` (docs/reliability.md); when Redis is back the periodic sweep queues it and
  it is ingested once.

Each test restores the service in a ``finally`` block. Other test runs share these
services, so the outages are kept to a few seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from django.core.cache import cache
from rest_framework.authtoken.models import Token

from tests.support.celery_worker import CeleryWorker, purge_broker
from tests.support.services import WebServer, postgres_down, redis_down, wait_until
from tracker.models import Article, Claim, Event
from tracker.tasks import requeue_stale_articles

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
SLUG = "singapore-2018"
IN_FLIGHT = (
    "date 2018-04-25\n\nRussian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi "
    "in Beijing on Monday to discuss the Korean peninsula."
)
DURING_OUTAGE = "date 2018-05-26\n\nMoon Jae-in met Kim Jong Un at Panmunjom on Saturday."
AFTERWARDS = (
    "date 2018-11-20\n\nUS President Donald Trump and Chinese President Xi Jinping will meet in "
    "Buenos Aires on December 1 for a summit on trade."
)


@pytest.fixture
def stack(tmp_path, editor):
    """Start a worker and gunicorn with ``stack(worker_env)``; a session with the editor's token."""
    purge_broker()
    cache.clear()
    started: list = []
    token = Token.objects.create(user=editor).key

    def start(worker_env: dict[str, str] | None = None):
        worker = CeleryWorker(tmp_path, env=worker_env).start()
        started.append(worker)
        web = WebServer(tmp_path, workers=1, threads=4).start()
        started.append(web)
        session = requests.Session()
        session.headers["Authorization"] = f"Token {token}"
        return web, worker, session

    yield start
    for process in reversed(started):
        process.stop()
    purge_broker()


def _post_article(session: requests.Session, web: WebServer, text: str) -> requests.Response:
    return session.post(
        f"{web.url}/api/articles/", data=text.encode(), headers={"Content-Type": "text/plain"}, timeout=30
    )


def _json(response: requests.Response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.text[:500])
    assert response.headers["Content-Type"].startswith("application/json"), response.text[:500]
    return response.json()


def _ingested_once(article_id: str) -> list[str]:
    """The article is done, and each claim's events are stored once (no idempotency key twice)."""
    article = Article.objects.get(pk=article_id)
    assert article.status == Article.Status.DONE, article.reason
    events = Event.objects.filter(source__article_id=str(article_id))
    keys = [k for k in events.values_list("idempotency_key", flat=True) if k]
    assert len(keys) == len(set(keys))
    claimed = {i for c in Claim.objects.filter(article_id=article_id) for i in c.event_ids}
    assert claimed and claimed <= {str(i) for i in events.values_list("id", flat=True)}
    return sorted(str(i) for i in events.values_list("id", flat=True))


def _status(article_id: str) -> str:
    return Article.objects.get(pk=article_id).status


def test_a_postgresql_restart_gives_503s_then_recovers_and_loses_nothing(seeded, stack, tmp_path):
    hold = tmp_path / "hold"
    web, worker, session = stack({"INGEST_TEST_HOLD_FILE": str(hold)})
    hold.write_text("hold")
    in_flight = _json(_post_article(session, web, IN_FLIGHT), 202)["id"]
    # The worker is now inside the ingestion transaction, its events appended, not committed.
    wait_until(Path(f"{hold}.{in_flight}").exists, timeout=60, what="the worker to reach the hold point")

    with postgres_down():
        hold.unlink()  # let the worker go on: its transaction is already lost
        read = _json(session.get(f"{web.url}/api/summits/{SLUG}/", timeout=30), 503)
        assert read["code"] == "service_unavailable"
        assert _json(_post_article(session, web, DURING_OUTAGE), 503)["code"] == "service_unavailable"
        health = _json(requests.get(f"{web.url}/health/", timeout=30), 503)
        assert health["database"]["status"] == "unavailable"

    # The same processes, not restarted.
    assert _json(session.get(f"{web.url}/api/summits/{SLUG}/", timeout=30), 200)["slug"] == SLUG
    wait_until(lambda: _status(in_flight) == "done", timeout=120, what="the in-flight article to be retried")
    first = _ingested_once(in_flight)
    assert "retry: Retry in" in worker.log()  # the outage did hit the in-flight task

    after = _json(_post_article(session, web, AFTERWARDS), 202)["id"]
    wait_until(lambda: _status(after) in ("done", "failed"), timeout=60, what="the worker to ingest after recovery")
    _ingested_once(after)
    assert _ingested_once(in_flight) == first
    # What was refused during the outage was not stored, half or whole.
    assert Article.objects.count() == 2
    assert worker.process is not None and worker.process.poll() is None


def test_with_redis_down_reads_work_and_articles_are_kept_for_the_sweep(seeded, stack):
    # The sweep takes every article still queued (no grace period) so the test need not wait.
    web, _worker, session = stack({"INGEST_REQUEUE_AFTER_MINUTES": "0"})
    events_before = Event.objects.count()

    with redis_down():
        assert _json(session.get(f"{web.url}/api/summits/{SLUG}/", timeout=30), 200)["slug"] == SLUG
        assert _json(requests.get(f"{web.url}/api/events/?limit=5", timeout=30), 200)["results"]
        health = _json(requests.get(f"{web.url}/health/", timeout=30), 503)
        assert health["broker"]["status"] == "unavailable" and health["database"]["status"] == "ok"
        submitted = _json(_post_article(session, web, IN_FLIGHT), 202)
        assert submitted["status"] == "queued"
        stored = Article.objects.get(pk=submitted["id"])
        assert stored.status == Article.Status.QUEUED and stored.body
    assert Event.objects.count() == events_before  # nothing half-processed

    # Redis is back, empty (no persistence): the periodic sweep, sent as beat sends it.
    requeue_stale_articles.apply_async(retry=True, retry_policy={"max_retries": 5, "interval_start": 0.5})
    wait_until(lambda: _status(submitted["id"]) == "done", timeout=90, what="the sweep to requeue the article")
    _ingested_once(submitted["id"])
    assert Article.objects.count() == 1
