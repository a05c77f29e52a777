"""Helpers for the ingestion tests: articles in the founding format, and state snapshots."""

from pathlib import Path

import pytest

from tracker import ingestion, selectors
from tracker.models import Article, Event, Meeting

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "seeds/articles/2018-05-31-pompeo-kim-yong-chol-new-york.txt"

LAVROV_WANG_MONDAY = (
    "date 2018-04-25\n\nRussian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi "
    "in Beijing on Monday to discuss the Korean peninsula."
)
LAVROV_WANG_THIS_WEEK = (
    "date 2018-04-27\n\nSergei Lavrov held talks with his Chinese counterpart Wang Yi in Beijing "
    "earlier this week, the Russian foreign ministry said."
)
CANCELLED_ON_THURSDAY = (
    "date 2018-05-26\n\nPresident Donald Trump on Thursday cancelled his June 12 summit in Singapore "
    "with North Korean leader Kim Jong Un."
)
TRUMP_XI_SUMMIT = (
    "date 2018-11-20\n\nUS President Donald Trump and Chinese President Xi Jinping will meet in "
    "Buenos Aires on December 1 for a summit on trade."
)


def ingest(text: str, **fields) -> Article:
    """Submit and process in this process (what the worker does), returning the article."""
    article = ingestion.article_submit(text=text, actor="tester", **fields)
    processed = ingestion.article_process(article_id=article.pk)
    return processed or article


def state_snapshot(summit: str = "singapore-2018") -> dict:
    """What users see, independent of ids and arrival order: the timeline, the meetings
    with their sources (by article hash) and the number of events."""

    def shas(sources):
        return sorted(s.get("sha256") or s.get("kind", "") for s in sources)

    timeline = [
        (e.change, e.status, e.valid_from, e.certain_from, shas(e.sources), e.rapid_reversal)
        for e in selectors.summit_timeline(summit)
    ]
    meetings = sorted(
        (
            tuple(sorted(p["name"] for p in m.participants)),
            m.location,
            m.mode,
            m.status,
            m.valid_from,
            m.valid_to,
            m.summit_slug,
            tuple(shas(m.sources)),
        )
        for m in Meeting.objects.all()
    )
    return {"timeline": timeline, "meetings": meetings, "events": Event.objects.count()}


@pytest.fixture
def allow_local_feeds(settings):
    settings.FEED_ALLOW_PRIVATE_HOSTS = True
    return settings


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The users made here need no strong hashing; the default one costs a third of a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Outside the real-worker tests, run tasks in-process at commit even when a broker is
    configured (CI's second run): those tests are about the pipeline, not the queue."""
    if request.node.get_closest_marker("redis"):
        yield
        return
    from config.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager
