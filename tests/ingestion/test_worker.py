"""End to end with a real Celery worker process, Redis and PostgreSQL.

Each test starts ``celery -A config worker`` against the test database and the test
Redis, submits through the API or the beat tasks, and waits for the worker.
"""

from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.ingestion.conftest import LAVROV_WANG_MONDAY, LAVROV_WANG_THIS_WEEK, SEED_ARTICLE, state_snapshot
from tests.ingestion.test_sources import ITEMS, FeedServer, rss
from tests.support.celery_worker import CeleryWorker, broker_idle, purge_broker, wait_for
from tracker import selectors
from tracker.models import Article, Event, Meeting
from tracker.tasks import ingest_article, poll_feeds

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
SLUG = "singapore-2018"


@pytest.fixture
def workers(tmp_path):
    """Start workers with ``workers(env=..., concurrency=...)``; all are stopped afterwards."""
    purge_broker()
    cache.clear()
    started: list[CeleryWorker] = []

    def start(**kwargs) -> CeleryWorker:
        worker = CeleryWorker(tmp_path, **kwargs).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
    purge_broker()


@pytest.fixture
def client(editor) -> APIClient:
    api = APIClient()
    api.force_authenticate(editor)
    return api


def _status(article_id) -> str:
    return Article.objects.get(pk=article_id).status


def _done(article_id) -> bool:
    return _status(article_id) in ("done", "failed")


def _events_of(article_id) -> list[str]:
    return sorted(str(i) for i in Event.objects.filter(source__article_id=str(article_id)).values_list("id", flat=True))


def test_a_posted_article_is_ingested_by_the_worker_onto_the_timeline(seeded, client, workers):
    workers()
    text = SEED_ARTICLE.read_bytes()

    response = client.post("/api/articles/", data=text, content_type="text/plain")
    assert response.status_code == 202
    article_id = response.json()["id"]
    wait_for(lambda: _done(article_id), what="the worker to ingest the article")

    assert _status(article_id) == "done"
    cancelled = next(e for e in selectors.summit_timeline(SLUG) if e.change == "cancelled")
    assert str(article_id) in {s.get("article_id") for s in cancelled.sources}
    events = _events_of(article_id)
    assert events

    # The same article again, and the same task twice more: the same events.
    again = client.post("/api/articles/", data=text, content_type="text/plain")
    assert again.json()["status"] == "duplicate" and again.json()["duplicate_of"] == article_id
    Article.objects.filter(pk=article_id).update(status="processing")  # as if redelivered mid-way
    ingest_article.delay(article_id)
    ingest_article.delay(article_id)
    wait_for(broker_idle, what="the worker to run both tasks")
    assert _status(article_id) == "done"
    assert _events_of(article_id) == events


def test_a_worker_killed_mid_task_is_redelivered_and_stores_each_event_once(seeded, client, workers, tmp_path):
    hold = tmp_path / "hold"
    hold.write_text("hold")
    first = workers(env={"INGEST_TEST_HOLD_FILE": str(hold), "CELERY_VISIBILITY_TIMEOUT": "2"})
    before = Event.objects.count()

    response = client.post("/api/articles/", data=SEED_ARTICLE.read_bytes(), content_type="text/plain")
    article_id = response.json()["id"]
    holding = Path(f"{hold}.{article_id}")
    wait_for(holding.exists, what="the worker to reach the middle of the task")

    first.kill()  # its events were appended but never committed
    assert _status(article_id) == "processing"
    assert Event.objects.count() == before

    hold.unlink()
    # The new worker restores the unacknowledged message once its visibility timeout has
    # passed, checking every second.
    workers(
        env={
            "CELERY_VISIBILITY_TIMEOUT": "2",
            "CELERY_UNACKED_RESTORE_INTERVAL": "1",
            "CELERY_UNACKED_RESTORE_THROTTLE": "1",
        }
    )
    wait_for(lambda: _done(article_id), what="the redelivered task to complete")
    wait_for(broker_idle, what="the queue to drain")

    assert _status(article_id) == "done"
    events = _events_of(article_id)
    claims = Article.objects.get(pk=article_id).claims.all()
    assert sorted(i for c in claims for i in c.event_ids) == events
    keys = list(Event.objects.filter(source__article_id=article_id).values_list("idempotency_key", flat=True))
    assert len(keys) == len(set(keys)) == len(events)
    assert Event.objects.count() == before + len(events)


def test_a_local_feed_polled_by_the_beat_task_is_ingested_once(seeded, workers):
    server = FeedServer()
    try:
        server.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss(ITEMS))
        url = f"{server.url}/feed.xml"
        workers(env={"FEED_ALLOW_PRIVATE_HOSTS": "1"})

        for _ in range(3):
            poll_feeds.delay(urls=[url])
        wait_for(broker_idle, what="the polls and the ingestion they queued")
        articles = Article.objects.filter(via="feed")
        assert sorted(a.url for a in articles) == ["https://wire.example/1", "https://wire.example/2"]
        assert {a.status for a in articles} == {"done"}
        events = Event.objects.count()

        poll_feeds.delay(urls=[url])
        wait_for(broker_idle, what="another poll")
        assert Article.objects.filter(via="feed").count() == 2
        assert Event.objects.count() == events
        assert server.hits == 4
    finally:
        server.close()


def test_two_articles_about_one_meeting_processed_concurrently_give_one_meeting(seeded, client, workers):
    workers(concurrency=2)
    ids = [
        client.post("/api/articles/", data=text.encode(), content_type="text/plain").json()["id"]
        for text in (LAVROV_WANG_MONDAY, LAVROV_WANG_THIS_WEEK)
    ]
    wait_for(lambda: all(_done(i) for i in ids), what="both articles")

    (meeting,) = Meeting.objects.filter(participant_rows__name="Wang Yi")
    assert meeting.source_count == 2
    assert {s["article_id"] for s in meeting.sources} == set(ids)
    assert state_snapshot()["meetings"]
