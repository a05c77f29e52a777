"""Celery tasks: thin. Ids in, one ingestion call, retries and time limits declared here.

Delivery is at least once (``acks_late``; a task whose worker dies is redelivered), so
every task is safe to run twice: ``article_process`` skips finished articles and its
appends carry idempotency keys. Transient failures (database unavailable, the broker
unreachable, a concurrent writer on the same stream) retry with exponential backoff.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from tracker import ingestion

TRANSIENT = (*ingestion.TRANSIENT_ERRORS, BrokerError, RedisConnectionError, RedisTimeoutError)

_RETRYING: dict[str, Any] = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": TRANSIENT,
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 10,
}


@shared_task(name="tracker.ingest_article", soft_time_limit=120, time_limit=150, **_RETRYING)
def ingest_article(article_id: str) -> str | None:
    article = ingestion.article_process(article_id=article_id)
    return article.status if article else None


@shared_task(name="tracker.poll_inbox", soft_time_limit=240, time_limit=300, **_RETRYING)
def poll_inbox(folder: str | None = None) -> dict[str, Any]:
    return ingestion.inbox_poll(folder or settings.INGEST_INBOX_DIR).as_dict()


@shared_task(name="tracker.poll_feeds", soft_time_limit=240, time_limit=300, **_RETRYING)
def poll_feeds(urls: list[str] | None = None) -> dict[str, Any]:
    """Poll ``urls`` (the periodic task's arguments, editable in the admin), or
    ``settings.INGEST_FEEDS`` when none are given."""
    return ingestion.feeds_poll(urls)


@shared_task(name="tracker.requeue_stale_articles", soft_time_limit=60, time_limit=90, **_RETRYING)
def requeue_stale_articles() -> int:
    return ingestion.requeue_stale()
