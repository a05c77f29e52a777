"""Processing: ``article_process``, run by the Celery task.

Extraction, then every claim becomes a service call inside ONE transaction, each with an
idempotency key derived from the article hash and the claim (``article:<sha>:<kind>:<n>``).
The article is marked ``done`` in that same transaction, so a task that runs twice, or is
killed and redelivered, appends each event once. A failure marks the article ``failed``
with a readable reason and, because the transaction rolled back, leaves no partial events.
Transient failures (database unavailable, a concurrent writer) propagate so that the task
retries.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from tracker.eventstore import ConcurrencyError
from tracker.extraction import EXTRACTOR_VERSION, ArticleError, ParsedArticle, extract
from tracker.ingestion.claims import apply_extraction, serialise_ingestion
from tracker.models import Article

logger = logging.getLogger(__name__)

# Failures worth a retry: the database or a concurrent writer, not the article.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError, ConcurrencyError)

Status = Article.Status


class ArticleFailed(Exception):
    """Processing cannot succeed for this article; ``reason`` is shown to people."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def article_process(*, article_id: Any) -> Article | None:
    """Turn a stored article's claims into events (see the module docs). Safe to repeat."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        logger.warning("article %s does not exist: nothing to ingest", article_id)
        return None
    if article.status not in (Status.QUEUED, Status.PROCESSING):
        return article
    Article.objects.filter(pk=article.pk, status=Status.QUEUED).update(status=Status.PROCESSING)
    try:
        with transaction.atomic():
            article = Article.objects.select_for_update().get(pk=article.pk)
            if article.status not in (Status.QUEUED, Status.PROCESSING):
                return article  # another delivery of the task finished it meanwhile
            serialise_ingestion()
            extraction = _extract(article)
            article.claims.all().delete()  # nothing committed survives a rollback; be sure
            apply_extraction(article, extraction)
            _test_hold(article)
            article.status, article.reason = Status.DONE, ""
            article.processed_at = timezone.now()
            article.extractor_version = str(EXTRACTOR_VERSION)[:64]
            article.save()
            return article
    except TRANSIENT_ERRORS:
        raise
    except ArticleFailed as exc:
        return _mark_failed(article.pk, exc.reason)
    except Exception as exc:
        logger.exception("ingesting article %s failed", article.pk)
        return _mark_failed(article.pk, f"internal error while ingesting: {type(exc).__name__}: {exc}")


def _mark_failed(article_id: Any, reason: str) -> Article:
    with transaction.atomic():
        Article.objects.filter(pk=article_id).update(
            status=Status.FAILED, reason=reason[:2000], processed_at=timezone.now()
        )
        return Article.objects.get(pk=article_id)


def _test_hold(article: Article) -> None:
    """Test-only pause inside the transaction, after the events were appended, so a test
    can kill the worker mid-task (``INGEST_TEST_HOLD_FILE``; empty in real deployments)."""
    marker = settings.INGEST_TEST_HOLD_FILE
    if not marker:
        return
    import time

    Path(f"{marker}.{article.pk}").write_text("holding", encoding="utf-8")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and Path(marker).exists():
        time.sleep(0.1)


def _extract(article: Article) -> dict[str, Any]:
    if not article.body or not article.published_on or not article.sha256:
        raise ArticleFailed("the article has no text or no publication date")
    parsed = ParsedArticle(
        published_on=article.published_on,
        body=article.body,
        title=article.title or None,
        url=article.url or None,
        sha256=article.sha256,
    )
    try:
        result = extract(parsed)
    except ArticleError as exc:
        raise ArticleFailed(exc.reason) from exc
    except TRANSIENT_ERRORS:
        raise
    except Exception as exc:
        raise ArticleFailed(f"extractor error: {type(exc).__name__}: {exc}") from exc
    if not isinstance(result, dict):
        raise ArticleFailed("extractor error: the extraction is not an object")
    for key in ("persons", "summits", "meetings", "status_changes"):
        if not isinstance(result.get(key) or [], list):
            raise ArticleFailed(f"extractor error: {key!r} is not a list")
    return result
