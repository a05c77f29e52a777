"""Reads for ingestion: matching candidates, articles and claims."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.db.models import (
    Q,
    QuerySet,
)
from django.utils.text import slugify

from tracker import eventstore
from tracker.domain.errors import NotFound
from tracker.domain.events import MEETING_RECORDED
from tracker.eventstore import RecordedEvent, StreamId
from tracker.models import Article, Claim, Envoy, Meeting, Summit
from tracker.selectors.base import MeetingView, meeting_view_from_row

# --- ingestion: matching reads and articles ------------------------------------------------


def envoy_name_index() -> dict[str, str]:
    """Every envoy's slug, name and aliases, slugified ("Kim Yong-chol" -> "kim-yong-chol"),
    mapped to the envoy's slug: how ingestion recognises a person it reads about."""
    index: dict[str, str] = {}
    for slug, name, aliases in Envoy.objects.order_by("slug").values_list("slug", "name", "aliases"):
        for value in (slug, name, *aliases):
            key = slugify(str(value))
            if key:
                index.setdefault(key, slug)
    return index


def summits_scheduled_near(*, first: date | None, last: date | None) -> list[Summit]:
    """Summits scheduled within ``[first, last]``, and those with no scheduled date."""
    rows = Summit.objects.all()
    if first and last:
        rows = rows.filter(Q(scheduled_for__isnull=True) | Q(scheduled_for__range=(first, last)))
    return list(rows.order_by("slug"))


def summit_exists(slug: str) -> bool:
    return Summit.objects.filter(slug=slug).exists()


def meetings_overlapping(*, earliest: datetime, latest: datetime) -> list[MeetingView]:
    """Current meetings whose valid time overlaps ``[earliest, latest]``."""
    rows = Meeting.objects.filter(valid_from__lte=latest, valid_to__gte=earliest)
    return [meeting_view_from_row(r) for r in rows.order_by("valid_from", "meeting_id")]


def meeting_recorded_event_id(meeting_id: str) -> str | None:
    """The id of the event that recorded a meeting: the fact other sources corroborate."""
    stream = eventstore.read_stream(StreamId("meeting", meeting_id))
    return next((str(e.id) for e in stream if e.type == MEETING_RECORDED), None)


def article_get(article_id: str | uuid.UUID) -> Article:
    try:
        key = uuid.UUID(str(article_id))
    except ValueError:
        raise NotFound(f"no article {str(article_id)[:60]!r}", reason="unknown") from None
    article = Article.objects.select_related("duplicate_of").filter(pk=key).first()
    if article is None:
        raise NotFound(f"no article {key}", reason="unknown")
    return article


def article_list(*, status: str | None = None, via: str | None = None) -> QuerySet[Article]:
    rows = Article.objects.all()
    if status:
        rows = rows.filter(status=status)
    if via:
        rows = rows.filter(via=via)
    return rows.order_by("-created_at", "id")


def article_exists(*, sha256: str | None = None, url: str | None = None) -> bool:
    if sha256 and Article.objects.filter(sha256=sha256).exists():
        return True
    return bool(url) and Article.objects.filter(url=url).exists()


def article_claims(article: Article) -> list[Claim]:
    return list(article.claims.order_by("kind", "index"))


def article_events(article: Article) -> list[RecordedEvent]:
    """The events the article's claims became or corroborated, in log order."""
    ids = sorted({event_id for claim in article.claims.all() for event_id in claim.event_ids})
    return eventstore.get_events(ids)


def articles_stale(*, before: datetime) -> list[uuid.UUID]:
    """Articles stored but not processed since ``before``: never queued (broker down at
    submit time) or their worker died."""
    rows = Article.objects.filter(status__in=[Article.Status.QUEUED, Article.Status.PROCESSING], updated_at__lt=before)
    return list(rows.order_by("created_at").values_list("id", flat=True))


def claims_pending_review() -> QuerySet[Claim]:
    return Claim.objects.filter(review_state=Claim.Review.PENDING).select_related("article").order_by("article", "id")
