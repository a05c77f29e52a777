"""Claims -> service calls: each claim of an article becomes a fact, a source of a known
fact, or waits for review.

Merging
    A claim that matches an existing fact adds its article as another source
    (``services.fact_corroborate``: a corroboration, narrowing the fact's interval when the
    claim's is narrower) instead of a new fact; how summits, status changes and meetings
    match is in ``summits`` and ``meetings``. A claim that contradicts a fact is kept with
    its source, and one that cannot be applied waits for review with the reason. Claims
    below ``settings.REVIEW_CONFIDENCE_THRESHOLD`` wait for review as well.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils.text import slugify

from tracker import selectors
from tracker.domain.errors import DomainError, InvalidCommand
from tracker.ingestion.meetings import apply_meeting
from tracker.ingestion.run import Pending, Run
from tracker.ingestion.summits import apply_status_change, apply_summit, corroborate_summit
from tracker.models import Article, Claim

# Serialises claim application across workers, so two articles about one new meeting
# cannot both decide that it is new (pg_advisory_xact_lock takes a bigint).
_INGEST_LOCK_KEY = 7_420_180_613

Review = Claim.Review

_KINDS = (
    ("persons", Claim.Kind.PERSON),
    ("summits", Claim.Kind.SUMMIT),
    ("status_changes", Claim.Kind.STATUS_CHANGE),
    ("meetings", Claim.Kind.MEETING),
)

# Persons have no applier: they become envoys through the meetings they take part in.
_APPLIERS: dict[str, Callable[[Run, Claim], None]] = {
    Claim.Kind.SUMMIT: apply_summit,
    Claim.Kind.STATUS_CHANGE: apply_status_change,
    Claim.Kind.MEETING: apply_meeting,
}


def serialise_ingestion() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_INGEST_LOCK_KEY])
    # SQLite: the IMMEDIATE transaction already holds the database's write lock.


# What applying a claim may change: written for all of an article's claims at once.
_OUTCOME_FIELDS = ("review_state", "review_note", "event_ids", "resolution")


def apply_extraction(article: Article, extraction: dict[str, Any]) -> None:
    run = Run(article=article, names=selectors.envoy_name_index())
    claims: dict[str, list[Claim]] = {}
    for key, kind in _KINDS:
        items = [i for i in extraction.get(key) or [] if isinstance(i, dict)]
        claims[kind] = [_new_claim(article, kind, n, item) for n, item in enumerate(items)]
    every = [claim for kind_claims in claims.values() for claim in kind_claims]
    # Stored before any is applied: appliers read the article's claims and cite their keys.
    Claim.objects.bulk_create(every)
    for claim in claims[Claim.Kind.PERSON]:
        run.persons.setdefault(slugify(str(claim.payload.get("name", ""))), claim)
    for kind in (Claim.Kind.SUMMIT, Claim.Kind.STATUS_CHANGE, Claim.Kind.MEETING):
        for claim in claims[kind]:
            apply_claim(run, claim, forced=False, save=False)
    for claim in run.matched_summits:
        corroborate_summit(run, claim)
    for claim in claims[Claim.Kind.PERSON]:
        if not claim.resolution:
            claim.resolution = {"action": "noted"}
    Claim.objects.bulk_update(every, _OUTCOME_FIELDS)


def _new_claim(article: Article, kind: str, index: int, item: dict[str, Any]) -> Claim:
    """The claim, not yet stored."""
    confidence = item.get("confidence", 1.0)
    if not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        confidence = 0.0  # an estimate outside 0..1 is not one: let a person look
    start, end, quote = _evidence(article.body, item.get("evidence"))
    return Claim(
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


def apply_claim(run: Run, claim: Claim, *, forced: bool, save: bool = True) -> None:
    """Apply one claim in a savepoint; a domain refusal leaves it pending with the reason.
    ``save=False``: the caller stores the outcome (:data:`_OUTCOME_FIELDS`)."""
    threshold = settings.REVIEW_CONFIDENCE_THRESHOLD
    try:
        if not forced and claim.confidence < threshold:
            raise Pending(f"confidence {claim.confidence:.2f} is below the review threshold {threshold:.2f}")
        with transaction.atomic():
            _APPLIERS[claim.kind](run, claim)
    except Pending as exc:
        if forced:
            raise InvalidCommand(exc.note) from None
        claim.review_state, claim.review_note = Review.PENDING, exc.note
    except DomainError as exc:
        if forced:
            raise
        claim.review_state, claim.review_note = Review.PENDING, f"not applied: {exc}"
    if save:
        claim.save()
