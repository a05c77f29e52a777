"""Review: an editor accepts or rejects a claim.

Accepting applies a pending claim now, as processing would have, rebuilding what processing
knew about the article from its stored claims. Rejecting retracts the facts the claim
created and the sources it added to existing facts.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from tracker import selectors, services
from tracker.domain.errors import InvalidCommand, NotFound
from tracker.ingestion.claims import apply_claim, serialise_ingestion
from tracker.ingestion.run import Run
from tracker.ingestion.summits import corroborate_summit
from tracker.models import Article, Claim
from tracker.services import Context

Review = Claim.Review


def _run_for(article: Article) -> Run:
    """Rebuild what processing knew about an article from its stored claims."""
    run = Run(article=article, names=selectors.envoy_name_index())
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
        serialise_ingestion()
        run = _run_for(claim.article)
        apply_claim(run, claim, forced=True)
        for matched in run.matched_summits:
            corroborate_summit(run, matched)
            if matched is not claim:
                matched.save()
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
    try:
        claim = Claim.objects.select_for_update().select_related("article").filter(pk=int(claim_id)).first()
    except (TypeError, ValueError):
        claim = None
    if claim is None:
        raise NotFound(f"no claim {claim_id}", reason="unknown")
    return claim
