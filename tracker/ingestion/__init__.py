"""Ingestion: articles in, claims out, facts in through the services.

The modules, in the order an article meets them:

``intake``
    Parse, store each body once, record duplicates, queue processing after commit,
    re-queue articles left stale.
``process``
    ``article_process`` (run by the Celery task): extraction and claim application in one
    transaction, marking the article done or failed.
``claims``
    Every claim becomes a service call, a corroboration of a known fact, or waits for
    review; ``run`` holds what that work knows about one article, ``summits`` and
    ``meetings`` how each kind of claim matches and merges with known facts.
``review``
    ``claim_accept`` / ``claim_reject``: an editor's decision on a claim.
``sources``
    Files, the inbox folder and feeds, stored through ``intake``.

Callers use the names re-exported here; the submodules are the package's own business.
"""

from tracker.ingestion.intake import (
    Intake,
    article_store,
    article_submit,
    parse_fields,
    queue_processing,
    requeue_stale,
)
from tracker.ingestion.process import TRANSIENT_ERRORS, ArticleFailed, article_process
from tracker.ingestion.review import claim_accept, claim_reject
from tracker.ingestion.sources import PollReport, feed_poll, feeds_poll, file_ingest, inbox_files, inbox_poll
from tracker.ingestion.summits import SUMMIT_MATCH_DAYS

__all__ = [
    "SUMMIT_MATCH_DAYS",
    "TRANSIENT_ERRORS",
    "ArticleFailed",
    "Intake",
    "PollReport",
    "article_process",
    "article_store",
    "article_submit",
    "claim_accept",
    "claim_reject",
    "feed_poll",
    "feeds_poll",
    "file_ingest",
    "inbox_files",
    "inbox_poll",
    "parse_fields",
    "queue_processing",
    "requeue_stale",
]
