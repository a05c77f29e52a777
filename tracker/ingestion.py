"""Ingestion: articles in, claims out, facts in through the services.

Intake
    ``article_submit`` (API, admin, CLI) and ``article_store`` (inbox, feeds, seeds) parse
    the input (``tracker.extraction``; unusable input raises ``ArticleError`` and nothing
    is stored), store the article once by the SHA-256 of its body and queue its processing
    after commit. A second submission of the same body is recorded as a ``duplicate`` row
    pointing at the first; resubmitting a body whose processing *failed* also re-queues it.

Processing (``article_process``, run by the Celery task)
    Extraction, then every claim becomes a service call inside ONE transaction, each with
    an idempotency key derived from the article hash and the claim
    (``article:<sha>:<kind>:<n>``). The article is marked ``done`` in that same transaction,
    so a task that runs twice, or is killed and redelivered, appends each event once. A
    failure marks the article ``failed`` with a readable reason and, because the
    transaction rolled back, leaves no partial events. Transient failures (database
    unavailable, a concurrent writer) propagate so that the task retries.

Merging
    A claim that matches an existing fact adds its article as another source
    (``services.fact_corroborate``: a corroboration, narrowing the fact's interval when the
    claim's is narrower) instead of a new fact. A meeting matches on the same participants,
    overlapping dates, the same mode and a compatible place; a status change matches a
    change of the same kind of the same summit whose interval overlaps. Summits match on
    parties or leaders and a scheduled date within ``SUMMIT_MATCH_DAYS``; an unknown summit
    is created. A claim that contradicts a fact is kept with its source: a status change is
    placed on the timeline in valid-time order; an illegal one at the head, or a meeting
    reported held where another source says cancelled, waits for review with the reason.
    Claims below ``settings.REVIEW_CONFIDENCE_THRESHOLD`` wait for review as well.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from tracker import feeds, selectors, services
from tracker.domain.errors import DomainError, InvalidCommand
from tracker.domain.events import MEETING_MODES, MEETING_STATUSES, SUMMIT_CHANGES
from tracker.domain.time import ValidTime
from tracker.eventstore import AppendResult, ConcurrencyError
from tracker.extraction import EXTRACTOR_VERSION, ArticleError, ParsedArticle, extract, parse_article
from tracker.extraction import parse_article_fields as _parse_fields
from tracker.models import Article, Claim
from tracker.services import Anchor, Context

logger = logging.getLogger(__name__)

# A summit claim's scheduled date may differ this much from a known summit's and still be it.
SUMMIT_MATCH_DAYS = 45
# Failures worth a retry: the database or a concurrent writer, not the article.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError, ConcurrencyError)
# Serialises claim application across workers, so two articles about one new meeting
# cannot both decide that it is new (pg_advisory_xact_lock takes a bigint).
_INGEST_LOCK_KEY = 7_420_180_613

Status = Article.Status
Review = Claim.Review


class ArticleFailed(Exception):
    """Processing cannot succeed for this article; ``reason`` is shown to people."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


# --- intake ------------------------------------------------------------------------------


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
    from tracker.tasks import ingest_article  # tasks import this module

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


# --- processing --------------------------------------------------------------------------


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
            _serialise_ingestion()
            extraction = _extract(article)
            article.claims.all().delete()  # nothing committed survives a rollback; be sure
            _apply_extraction(article, extraction)
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


def _serialise_ingestion() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_INGEST_LOCK_KEY])
    # SQLite: the IMMEDIATE transaction already holds the database's write lock.


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


# --- claims -> service calls ------------------------------------------------------------


@dataclass
class _Run:
    """What claim application knows while it works through one article."""

    article: Article
    names: dict[str, str]  # slugified name or alias -> envoy slug
    summits: dict[str, str] = field(default_factory=dict)  # extraction ref -> summit slug
    status_events: dict[int, str] = field(default_factory=dict)  # status claim index -> event id
    persons: dict[str, Claim] = field(default_factory=dict)  # slugified name -> person claim
    matched_summits: list[Claim] = field(default_factory=list)  # known summits, corroborated last

    @property
    def sha(self) -> str:
        return self.article.sha256 or ""

    def key(self, claim: Claim) -> str:
        return f"article:{self.sha}:{claim.kind}:{claim.index}"

    def ctx(self, claim: Claim, *, actor: str = "ingestion", key: str | None = None) -> Context:
        article = self.article
        source: dict[str, Any] = {
            "kind": "article",
            "article_id": str(article.pk),
            "sha256": article.sha256,
            "title": article.title,
            "url": article.url,
            "published_on": article.published_on.isoformat() if article.published_on else None,
            "claim": f"{claim.kind}:{claim.index}",
        }
        if claim.evidence_start is not None:
            source["evidence"] = {"start": claim.evidence_start, "end": claim.evidence_end}
            source["quote"] = claim.evidence_text[:500]
        return Context(
            actor=actor,
            source=source,
            confidence=claim.confidence,
            idempotency_key=key or self.key(claim),
            correlation_id=str(article.pk),
            extractor_version=str(EXTRACTOR_VERSION),
        )

    def cites(self, sources: Iterable[dict[str, Any]]) -> bool:
        """Whether this article is already one of a fact's sources."""
        return any(s.get("kind") == "article" and s.get("sha256") == self.sha for s in sources)


_KINDS = (
    ("persons", Claim.Kind.PERSON),
    ("summits", Claim.Kind.SUMMIT),
    ("status_changes", Claim.Kind.STATUS_CHANGE),
    ("meetings", Claim.Kind.MEETING),
)


def _apply_extraction(article: Article, extraction: dict[str, Any]) -> None:
    run = _Run(article=article, names=selectors.envoy_name_index())
    claims: dict[str, list[Claim]] = {}
    for key, kind in _KINDS:
        items = [i for i in extraction.get(key) or [] if isinstance(i, dict)]
        claims[kind] = [_new_claim(article, kind, n, item) for n, item in enumerate(items)]
    for claim in claims[Claim.Kind.PERSON]:
        run.persons.setdefault(slugify(str(claim.payload.get("name", ""))), claim)
    for kind in (Claim.Kind.SUMMIT, Claim.Kind.STATUS_CHANGE, Claim.Kind.MEETING):
        for claim in claims[kind]:
            _apply(run, claim, forced=False)
    for claim in run.matched_summits:
        _corroborate_summit(run, claim)
    for claim in claims[Claim.Kind.PERSON]:
        if not claim.resolution:
            claim.resolution = {"action": "noted"}
        claim.save()


def _new_claim(article: Article, kind: str, index: int, item: dict[str, Any]) -> Claim:
    confidence = item.get("confidence", 1.0)
    if not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        confidence = 0.0  # an estimate outside 0..1 is not one: let a person look
    start, end, quote = _evidence(article.body, item.get("evidence"))
    return Claim.objects.create(
        article=article,
        kind=kind,
        index=index,
        payload=item,
        confidence=float(confidence),
        evidence_start=start,
        evidence_end=end,
        evidence_text=quote,
    )


def _evidence(body: str, evidence: Any) -> tuple[int | None, int | None, str]:
    if not isinstance(evidence, dict):
        return None, None, ""
    start, end = evidence.get("start"), evidence.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(body)):
        return None, None, ""
    return start, end, body[start:end]


class _Pending(Exception):
    """The claim cannot become a fact without a person deciding; ``note`` says why."""

    def __init__(self, note: str) -> None:
        self.note = note
        super().__init__(note)


_APPLIERS: dict[str, Callable[[_Run, Claim], None]] = {}


def _apply(run: _Run, claim: Claim, *, forced: bool) -> None:
    """Apply one claim in a savepoint; a domain refusal leaves it pending with the reason."""
    threshold = settings.REVIEW_CONFIDENCE_THRESHOLD
    try:
        if not forced and claim.confidence < threshold:
            raise _Pending(f"confidence {claim.confidence:.2f} is below the review threshold {threshold:.2f}")
        with transaction.atomic():
            _APPLIERS[claim.kind](run, claim)
    except _Pending as exc:
        if forced:
            raise InvalidCommand(exc.note) from None
        claim.review_state, claim.review_note = Review.PENDING, exc.note
    except DomainError as exc:
        if forced:
            raise
        claim.review_state, claim.review_note = Review.PENDING, f"not applied: {exc}"
    claim.save()


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _claimed_time(item: dict[str, Any]) -> ValidTime | None:
    interval = item.get("date")
    if not isinstance(interval, dict):
        return None
    first, last = _day(interval.get("from")), _day(interval.get("to"))
    if first is None or last is None or last < first:
        return None
    return ValidTime.between_days(first, last)


def _person_key(run: _Run, name: str) -> str:
    key = slugify(name)
    return run.names.get(key, key)


def _events(result: AppendResult) -> list[str]:
    return [str(e.id) for e in result.events]


# --- summits ---


def _apply_summit(run: _Run, claim: Claim) -> None:
    item = claim.payload
    ref = str(item.get("ref") or f"s{claim.index}")
    slug = _match_summit(run, item)
    if slug is not None:
        run.summits[ref] = slug
        claim.resolution = {"action": "matched", "summit": slug}
        run.matched_summits.append(claim)
        return
    leaders = [str(n) for n in item.get("leaders") or [] if str(n).strip()]
    parties = sorted({str(p).upper() for p in item.get("parties") or [] if str(p).strip()})
    if not leaders and not parties:
        raise _Pending("a summit with neither leaders nor parties cannot be identified")
    scheduled_for = _day(item.get("scheduled_for"))
    location = str(item.get("location") or "")
    title = "-".join(leaders or parties) + " summit" + (f" in {location}" if location else "")
    slug = _free_slug(services.summit_slug_for(title, scheduled_for))
    published = run.article.published_on
    result = services.summit_create(
        title=title,
        change="scheduled" if scheduled_for else "proposed",
        # Known to be planned by the publication date; since when, the article may not say.
        when=ValidTime.between_days(_earliest_mention(run, ref) or published, published),
        parties=parties,
        leaders=leaders,
        location=location,
        scheduled_for=scheduled_for,
        slug=slug,
        ctx=run.ctx(claim),
    )
    run.summits[ref] = slug
    claim.event_ids, claim.resolution = _events(result), {"action": "created", "summit": slug}


def _corroborate_summit(run: _Run, claim: Claim) -> None:
    """After the article's other claims: a known summit the article mentions gets the
    article as a source of its first event, unless a status change already cites it."""
    slug = claim.resolution["summit"]
    first = str(selectors.summit_events(slug)[0].id)
    entry = next((e for e in selectors.summit_timeline(slug) if e.event_id == first), None)
    if entry is None or run.cites(entry.sources):
        return  # retracted, or already sourced by this article
    try:
        with transaction.atomic():
            result = services.fact_corroborate(event_id=first, ctx=run.ctx(claim))
    except DomainError as exc:  # e.g. that event was retracted: the match alone stands
        claim.review_note = f"not corroborated: {exc}"
    else:
        claim.event_ids = _events(result)
        claim.resolution = {**claim.resolution, "action": "corroborated", "event": first}
    claim.save()


def _earliest_mention(run: _Run, ref: str) -> date | None:
    days = []
    for claim in run.article.claims.filter(kind=Claim.Kind.STATUS_CHANGE):
        time = _claimed_time(claim.payload)
        if claim.payload.get("summit") == ref and time is not None:
            days.append(time.earliest.date())
    days = [d for d in days if d <= run.article.published_on]
    return min(days) if days else None


def _free_slug(base: str) -> str:
    slug, n = base, 1
    while selectors.summit_exists(slug):
        n += 1
        slug = f"{base[:110]}-{n}"
    return slug


def _match_summit(run: _Run, item: dict[str, Any]) -> str | None:
    parties = {str(p).upper() for p in item.get("parties") or []}
    leaders = {_person_key(run, str(n)) for n in item.get("leaders") or []}
    scheduled = _day(item.get("scheduled_for"))
    published = run.article.published_on
    window = timedelta(days=SUMMIT_MATCH_DAYS)
    if scheduled:
        first, last = scheduled - window, scheduled + window
    else:
        first, last = published - window, published + timedelta(days=366)
    best: tuple[int, str] | None = None
    for summit in selectors.summits_scheduled_near(first=first, last=last):
        known_leaders = {_person_key(run, str(n)) for n in summit.leaders}
        same_parties = bool(parties) and parties == {p.upper() for p in summit.parties}
        same_leaders = len(leaders & known_leaders) >= 2 or (bool(leaders) and leaders == known_leaders)
        if not (same_parties or same_leaders):
            continue
        anchor = scheduled or published
        distance = abs((summit.scheduled_for - anchor).days) if summit.scheduled_for else SUMMIT_MATCH_DAYS
        if best is None or (distance, summit.slug) < best:
            best = (distance, summit.slug)
    return best[1] if best else None


# --- status changes ---


def _apply_status_change(run: _Run, claim: Claim) -> None:
    item = claim.payload
    slug = run.summits.get(str(item.get("summit")))
    if slug is None:
        raise _Pending(f"summit {item.get('summit')!r} of this article was not identified")
    change = str(item.get("status") or "")
    if change not in SUMMIT_CHANGES:
        raise _Pending(f"unknown status change {change!r}")
    claimed = _claimed_time(item)
    anchor = None
    reversed_event = None
    if isinstance(item.get("reverses"), int):
        reversed_event = run.status_events.get(item["reverses"])
        hours = item.get("after_hours")
        if reversed_event and isinstance(hours, int | float):
            anchor = Anchor(event_id=reversed_event, offset_hours=float(hours))
    if claimed is None and anchor is None:
        raise _Pending("the article gives no date for this change")
    timeline = selectors.summit_timeline(slug)
    probe = claimed or _anchored_time(timeline, anchor)
    match = _best_overlap(
        [(e.event_id, ValidTime(e.valid_from, e.certain_from), e.sources) for e in timeline if e.change == change],
        probe,
    )
    if match is not None:
        event_id, sources = match
        run.status_events[claim.index] = event_id
        if run.cites(sources):
            claim.resolution = {"action": "matched", "summit": slug, "event": event_id}
            return
        # An anchored claim only adds its source: "24 hours later" is too loose to narrow.
        result = services.fact_corroborate(event_id=event_id, when=claimed, ctx=run.ctx(claim))
        claim.event_ids = _events(result)
        claim.resolution = {"action": "corroborated", "summit": slug, "event": event_id}
        return
    result = services.summit_change_status(
        slug=slug,
        change=change,
        when=None if anchor else claimed,
        anchor=anchor,
        announced_by=str(item.get("announced_by") or ""),
        reverses=reversed_event,
        note=claim.evidence_text[:300],
        ctx=run.ctx(claim),
    )
    claim.event_ids = _events(result)
    run.status_events[claim.index] = claim.event_ids[0]
    claim.resolution = {"action": "created", "summit": slug, "event": claim.event_ids[0]}


def _anchored_time(timeline: list[selectors.TimelineEntry], anchor: Anchor | None) -> ValidTime | None:
    base = next((e for e in timeline if anchor and e.event_id == anchor.event_id), None)
    if base is None or anchor is None:
        return None
    return ValidTime(base.valid_from, base.certain_from).shifted(anchor.offset_hours)


def _best_overlap(candidates: list[tuple[str, ValidTime, Any]], probe: ValidTime | None) -> tuple[str, Any] | None:
    """The overlapping candidate with the most overlap (then the earliest): deterministic,
    so the same claims pick the same fact whatever order they arrived in."""
    if probe is None:
        return None
    best = None
    for ident, time, extra in candidates:
        if not time.overlaps(probe):
            continue
        overlap = min(time.latest, probe.latest) - max(time.earliest, probe.earliest)
        rank = (-overlap, time.earliest, ident)
        if best is None or rank < best[0]:
            best = (rank, ident, extra)
    return (best[1], best[2]) if best else None


# --- meetings ---

# (existing status, claimed status) -> what the claim does to the meeting.
_PLANNED = ("proposed", "scheduled")


def _meeting_action(existing: str, claimed: str) -> str:
    if existing == claimed or claimed in _PLANNED:
        return "corroborate"  # a report of the plan agrees with what came of it
    if existing in _PLANNED:
        return "advance"  # planned, now reported held or cancelled
    return "contradict"  # held against cancelled


def _apply_meeting(run: _Run, claim: Claim) -> None:
    item = claim.payload
    when = _claimed_time(item)
    if when is None:
        raise _Pending("the article gives no date for this meeting")
    names = [str(p).strip() for p in item.get("participants") or [] if str(p).strip()]
    if not names:
        raise _Pending("no named participant")
    status = str(item.get("status") or "held")
    mode = str(item.get("mode") or "unknown")
    if status not in MEETING_STATUSES or mode not in MEETING_MODES:
        raise _Pending(f"unknown meeting status {status!r} or mode {mode!r}")
    location = str(item.get("location") or "")
    summit = run.summits.get(str(item.get("summit"))) if item.get("summit") is not None else None
    keys = {_person_key(run, n) for n in names}
    match = None
    for view in selectors.meetings_overlapping(earliest=when.earliest, latest=when.latest):
        if {p.get("envoy") or _person_key(run, p.get("name", "")) for p in view.participants} != keys:
            continue
        if not (_modes_agree(view.mode, mode) and _places_agree(view.location, location)):
            continue
        time = ValidTime(view.valid_from, view.valid_to or view.valid_from) if view.valid_from else None
        if time is not None and (match is None or _closer(time, when, match[1])):
            match = (view, time)
    if match is not None:
        _merge_meeting(run, claim, match[0], match[1], when, status)
        return
    participants = [{"name": n, "envoy": _envoy_for(run, claim, n)} for n in names]
    result = services.meeting_record(
        participants=participants,
        when=when,
        location=location,
        mode=mode,
        status=status,
        summit=summit,
        title=_meeting_title(names, location),
        meeting_id=f"a{run.sha[:12]}-{claim.index}",
        ctx=run.ctx(claim),
    )
    claim.event_ids = _events(result)
    claim.resolution = {"action": "created", "meeting": result.events[0].stream.id}


def _merge_meeting(run: _Run, claim: Claim, view: Any, time: ValidTime, when: ValidTime, status: str) -> None:
    meeting_id = view.meeting_id
    resolution: dict[str, Any] = {"meeting": meeting_id}
    if run.cites(view.sources):
        claim.resolution = {**resolution, "action": "matched"}
        return
    action = _meeting_action(view.status, status)
    if action == "contradict":
        raise _Pending(f"contradicts meeting {meeting_id}: reported {view.status}, this article says {status}")
    if action == "advance":
        narrowed = _intersection(time, when)
        result = services.meeting_change_status(meeting_id=meeting_id, status=status, when=narrowed, ctx=run.ctx(claim))
        claim.event_ids, claim.resolution = _events(result), {**resolution, "action": "advanced"}
        return
    fact = selectors.meeting_recorded_event_id(meeting_id)
    if fact is None:
        raise _Pending(f"meeting {meeting_id} has no recorded event to corroborate")
    result = services.fact_corroborate(event_id=fact, when=when, ctx=run.ctx(claim))
    claim.event_ids, claim.resolution = _events(result), {**resolution, "action": "corroborated", "event": fact}


def _intersection(a: ValidTime, b: ValidTime) -> ValidTime:
    earliest, latest = max(a.earliest, b.earliest), min(a.latest, b.latest)
    if (earliest, latest) == (a.earliest, a.latest):
        return a
    if (earliest, latest) == (b.earliest, b.latest):
        return b
    return ValidTime(earliest, latest, "range")


def _closer(time: ValidTime, probe: ValidTime, best: ValidTime) -> bool:
    def overlap(t: ValidTime) -> timedelta:
        return min(t.latest, probe.latest) - max(t.earliest, probe.earliest)

    return (-overlap(time), time.earliest) < (-overlap(best), best.earliest)


def _modes_agree(known: str, claimed: str) -> bool:
    return known == claimed or "unknown" in (known, claimed)


def _place_words(value: str) -> set[str]:
    return {w for w in slugify(value).split("-") if w}


def _places_agree(known: str, claimed: str) -> bool:
    """Compatible places: either unknown, or one names a part of the other
    ("Sentosa, Singapore" and "Singapore")."""
    a, b = _place_words(known), _place_words(claimed)
    return not a or not b or a <= b or b <= a


def _meeting_title(names: list[str], location: str) -> str:
    return " / ".join(names)[:250] + (f" in {location}" if location else "")


def _envoy_for(run: _Run, claim: Claim, name: str) -> str | None:
    """The participant's envoy: a known one, or one registered from this article's persons."""
    key = slugify(name)
    if key in run.names:
        return run.names[key]
    person = run.persons.get(key)
    if person is None or not key:
        return None
    item = person.payload
    aliases = [str(a) for a in item.get("aliases") or [] if str(a).strip() and str(a) != name]
    result = services.envoy_register(
        name=str(item.get("name") or name),
        country=str(item.get("country") or "")[:2],
        aliases=aliases,
        slug=key,
        ctx=run.ctx(person, key=f"{run.key(person)}:envoy"),
    )
    person.event_ids = _events(result)
    person.resolution = {"action": "created", "envoy": key}
    person.save()
    run.names[key] = key
    for alias in aliases:
        run.names.setdefault(slugify(alias), key)
    return key


_APPLIERS.update(
    {
        Claim.Kind.SUMMIT: _apply_summit,
        Claim.Kind.STATUS_CHANGE: _apply_status_change,
        Claim.Kind.MEETING: _apply_meeting,
    }
)


# --- review --------------------------------------------------------------------------------


def _run_for(article: Article) -> _Run:
    """Rebuild what processing knew about an article from its stored claims."""
    run = _Run(article=article, names=selectors.envoy_name_index())
    for claim in article.claims.order_by("kind", "index"):
        if claim.kind == Claim.Kind.SUMMIT and claim.resolution.get("summit"):
            run.summits[str(claim.payload.get("ref") or f"s{claim.index}")] = claim.resolution["summit"]
        elif claim.kind == Claim.Kind.STATUS_CHANGE and claim.resolution.get("event"):
            run.status_events[claim.index] = claim.resolution["event"]
        elif claim.kind == Claim.Kind.PERSON:
            run.persons.setdefault(slugify(str(claim.payload.get("name", ""))), claim)
    return run


def claim_accept(*, claim_id: Any, actor: str) -> Claim:
    """An editor accepts a pending claim: it becomes (or corroborates) a fact now.

    Raises ``InvalidCommand`` when the claim still cannot be applied (the reason says why)
    and domain errors such as ``IllegalTransition`` unchanged.
    """
    with transaction.atomic():
        claim = _locked_claim(claim_id)
        if claim.review_state in (Review.ACCEPTED, Review.AUTO):
            return claim
        if claim.review_state == Review.REJECTED:
            raise InvalidCommand("this claim was rejected; it cannot be accepted")
        if claim.kind == Claim.Kind.PERSON:
            raise InvalidCommand("persons become envoys through the meetings they take part in")
        _serialise_ingestion()
        run = _run_for(claim.article)
        _apply(run, claim, forced=True)
        for matched in run.matched_summits:
            _corroborate_summit(run, matched)
        claim.review_state, claim.reviewed_by, claim.reviewed_at = Review.ACCEPTED, actor[:150], timezone.now()
        claim.save()
        return claim


def claim_reject(*, claim_id: Any, actor: str, reason: str) -> Claim:
    """An editor rejects a claim. Facts it created, and sources it added to existing facts
    (corroborations), are retracted: a retraction event with the reason."""
    if not reason.strip():
        raise InvalidCommand("a rejection needs a reason")
    with transaction.atomic():
        claim = _locked_claim(claim_id)
        if claim.review_state == Review.REJECTED:
            return claim
        retracted = []
        for event_id in claim.event_ids:
            ctx = Context(actor=actor, idempotency_key=f"claim:{claim.pk}:reject:{event_id}")
            try:
                services.event_retract(event_id=event_id, reason=reason, ctx=ctx)
            except InvalidCommand:
                continue  # already retracted
            retracted.append(event_id)
        claim.review_state, claim.reviewed_by, claim.reviewed_at = Review.REJECTED, actor[:150], timezone.now()
        claim.review_note = reason.strip() + (f" (retracted {len(retracted)} event(s))" if retracted else "")
        claim.resolution = {**claim.resolution, "retracted": retracted}
        claim.save()
        return claim


def _locked_claim(claim_id: Any) -> Claim:
    from tracker.domain.errors import NotFound

    try:
        claim = Claim.objects.select_for_update().select_related("article").filter(pk=int(claim_id)).first()
    except (TypeError, ValueError):
        claim = None
    if claim is None:
        raise NotFound(f"no claim {claim_id}", reason="unknown")
    return claim


# --- sources: files, the inbox, feeds -----------------------------------------------------


@dataclass
class PollReport:
    new: int = 0
    duplicate: int = 0
    failed: list[str] = field(default_factory=list)  # "<name>: <reason>"

    def as_dict(self) -> dict[str, Any]:
        return {"new": self.new, "duplicate": self.duplicate, "failed": self.failed}


def file_ingest(path: Path, *, actor: str, via: str, record_duplicate: bool = True) -> Intake:
    """Read and store one file (raises ``ArticleError`` naming the file)."""
    limit = settings.ARTICLE_MAX_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise ArticleError(f"too large: {size} bytes (limit {limit})", filename=str(path))
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}", filename=str(path)) from exc
    parsed = parse_article(raw, max_bytes=limit, filename=str(path))
    return article_store(parsed, actor=actor, via=via, record_duplicate=record_duplicate)


def inbox_files(folder: Path) -> list[Path]:
    """Files waiting in the inbox: hidden and partial files (``.part``, ``.tmp``) wait."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix not in (".part", ".tmp", ".swp")
    )


def inbox_poll(folder: Path | None = None) -> PollReport:
    """Store every file in the inbox, then move it to ``done/`` (or ``failed/`` with a
    ``.reason.txt`` beside it). A file seen twice is stored once (content hash)."""
    folder = Path(folder or settings.INGEST_INBOX_DIR)
    report = PollReport()
    for path in inbox_files(folder):
        try:
            intake = file_ingest(path, actor="inbox", via="inbox", record_duplicate=False)
        except ArticleError as exc:
            report.failed.append(f"{path.name}: {exc.reason}")
            _move(path, folder / "failed", reason=exc.reason)
            continue
        report.new += intake.created
        report.duplicate += not intake.created
        _move(path, folder / "done")
    return report


def _move(path: Path, target_dir: Path, *, reason: str | None = None) -> None:
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / path.name
    n = 1
    while target.exists():
        n += 1
        target = target_dir / f"{path.stem}.{n}{path.suffix}"
    try:
        shutil.move(os.fspath(path), os.fspath(target))
    except FileNotFoundError:
        return  # another poller moved it first; its content is stored once either way
    if reason is not None:
        target.with_name(target.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")


def feed_poll(url: str) -> PollReport:
    """Fetch one feed and store its new items (``feeds.FeedError`` when unreachable)."""
    report = PollReport()
    for item in feeds.feed_items(feeds.fetch(url)):
        if item.link and selectors.article_exists(url=item.link):
            report.duplicate += 1
            continue
        if item.published_on is None:
            report.failed.append(f"{item.link or item.title or '?'}: the item has no publication date")
            continue
        try:
            parsed = parse_fields(text=item.text, published_on=item.published_on, title=item.title, url=item.link)
        except ArticleError as exc:
            report.failed.append(f"{item.link or item.title or '?'}: {exc.reason}")
            continue
        intake = article_store(parsed, actor="feed", via="feed", record_duplicate=False)
        report.new += intake.created
        report.duplicate += not intake.created
    return report


def feeds_poll(urls: Iterable[str] | None = None) -> dict[str, Any]:
    """Poll every configured feed; one failing feed does not stop the others."""
    results: dict[str, Any] = {}
    for url in urls if urls is not None else settings.INGEST_FEEDS:
        try:
            results[url] = feed_poll(url).as_dict()
        except feeds.FeedError as exc:
            logger.warning("feed %s: %s", url, exc)
            results[url] = {"error": str(exc)}
    return results
