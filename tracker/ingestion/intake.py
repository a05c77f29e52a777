"""Intake: parse, store once, record duplicates, queue processing.

``article_submit`` (API, admin, CLI) and ``article_store`` (inbox, feeds, seeds) parse the
input (``tracker.extraction``; unusable input raises ``ArticleError`` and nothing is
stored), store the article once by the SHA-256 of its body and queue its processing after
commit. A second submission of the same body is recorded as a ``duplicate`` row pointing at
the first; resubmitting a body whose processing *failed* also re-queues it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from tracker import selectors
from tracker.extraction import ParsedArticle, parse_article
from tracker.extraction import parse_article_fields as _parse_fields
from tracker.models import Article

Status = Article.Status


@dataclass(frozen=True)
class Intake:
    article: Article  # the stored original, or the duplicate row that points at it
    created: bool


def parse_fields(
    *, text: str, published_on: date | str | None = None, title: str | None = None, url: str | None = None
) -> ParsedArticle:
    """Validate submitted fields (raises ``ArticleError``). Without ``published_on`` the text
    must carry its own ``date YYYY-MM-DD`` header (the founding article's format) or be JSON."""
    limit = settings.ARTICLE_MAX_BYTES
    if published_on is None and not title and not url:
        return parse_article(text, max_bytes=limit)
    return _parse_fields(text=text, published_on=published_on, title=title, url=url, max_bytes=limit)


def article_submit(
    *,
    text: str,
    published_on: date | None = None,
    title: str | None = None,
    url: str | None = None,
    actor: str = "system",
    via: str = "api",
) -> Article:
    """Store an article once and queue its processing after commit.

    Unusable input raises ``ArticleError`` (with a readable ``reason``) and stores nothing.
    A body already stored gives a ``duplicate`` Article pointing at the original.
    """
    parsed = parse_fields(text=text, published_on=published_on, title=title, url=url)
    return article_store(parsed, actor=actor, via=via).article


def article_store(parsed: ParsedArticle, *, actor: str, via: str, record_duplicate: bool = True) -> Intake:
    """Store a parsed article unless its body is already stored (see ``article_submit``).

    ``record_duplicate=False`` (pollers, seeds) returns the original instead of adding a
    duplicate row each time the same item is seen again.
    """
    now = timezone.now()
    with transaction.atomic():
        original = Article.objects.filter(sha256=parsed.sha256).first()
        if original is None:
            try:
                with transaction.atomic():
                    article = Article.objects.create(
                        sha256=parsed.sha256,
                        body=parsed.body,
                        title=(parsed.title or "")[:500],
                        url=(parsed.url or "")[:2000],
                        published_on=parsed.published_on,
                        status=Status.QUEUED,
                        submitted_by=actor[:150],
                        via=via[:16],
                    )
            except IntegrityError:
                # A concurrent submission of the same body committed first.
                original = Article.objects.get(sha256=parsed.sha256)
            else:
                queue_processing(article.pk)
                return Intake(article, created=True)
        if original.status == Status.FAILED:
            # Sending a failed article again is how a person asks for another try.
            Article.objects.filter(pk=original.pk, status=Status.FAILED).update(
                status=Status.QUEUED, reason="", updated_at=now
            )
            original.refresh_from_db()
            queue_processing(original.pk)
        if not record_duplicate:
            return Intake(original, created=False)
        duplicate = Article.objects.create(
            sha256=None,
            body="",
            title=(parsed.title or "")[:500],
            url=(parsed.url or "")[:2000],
            published_on=parsed.published_on,
            status=Status.DUPLICATE,
            reason=f"same text as article {original.pk}",
            duplicate_of=original,
            submitted_by=actor[:150],
            via=via[:16],
            processed_at=now,
        )
        return Intake(duplicate, created=False)


def queue_processing(article_id: Any) -> None:
    """Queue ``ingest_article`` once the current transaction commits.

    If the broker is down the article stays ``queued``; ``requeue_stale_articles`` queues
    it later, so a submission is never lost and never half-stored.
    """
    transaction.on_commit(lambda: _send(str(article_id)), robust=True)


def _send(article_id: str) -> None:
    from tracker.tasks import ingest_article  # tasks import this package

    ingest_article.apply_async(
        (article_id,), retry=True, retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
    )


def requeue_stale(*, older_than: timedelta | None = None) -> int:
    """Queue articles that are still queued or processing after ``older_than``."""
    older_than = older_than or timedelta(minutes=settings.INGEST_REQUEUE_AFTER_MINUTES)
    stale = selectors.articles_stale(before=timezone.now() - older_than)
    for article_id in stale:
        with transaction.atomic():
            # Touch it, so the next sweep waits a full period before queueing it again.
            Article.objects.filter(pk=article_id).update(updated_at=timezone.now())
            queue_processing(article_id)
    return len(stale)
