"""Summit and status-change claims: matching known summits and changes, or adding them.

Summits match on parties or leaders and a scheduled date within ``SUMMIT_MATCH_DAYS``; an
unknown summit is created. A status change matches a change of the same kind of the same
summit whose interval overlaps, and then corroborates it. A status change that contradicts
the timeline is kept with its source: it is placed on the timeline in valid-time order; an
illegal one at the head waits for review with the reason.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction

from tracker import eventstore, selectors, services
from tracker.domain.errors import DomainError
from tracker.domain.events import SUMMIT_CHANGES
from tracker.domain.time import ValidTime
from tracker.eventstore import StreamId
from tracker.ingestion.run import Pending, Run, claimed_time, event_ids, iso_day, person_key
from tracker.models import Claim
from tracker.services import Anchor

# A summit claim's scheduled date may differ this much from a known summit's and still be it.
SUMMIT_MATCH_DAYS = 45


# --- summits ---


def apply_summit(run: Run, claim: Claim) -> None:
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
        raise Pending("a summit with neither leaders nor parties cannot be identified")
    scheduled_for = iso_day(item.get("scheduled_for"))
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
    claim.event_ids, claim.resolution = event_ids(result), {"action": "created", "summit": slug}


def corroborate_summit(run: Run, claim: Claim) -> None:
    """After the article's other claims: a known summit the article mentions gets the
    article as a source of its first event, unless a status change already cites it.
    The caller stores the claim's outcome."""
    slug = claim.resolution["summit"]
    first = str(eventstore.read_stream(StreamId("summit", slug), up_to_version=1)[0].id)
    entry = next((e for e in selectors.summit_timeline(slug) if e.event_id == first), None)
    if entry is None or run.cites(entry.sources):
        return  # retracted, or already sourced by this article
    try:
        with transaction.atomic():
            result = services.fact_corroborate(event_id=first, ctx=run.ctx(claim))
    except DomainError as exc:  # e.g. that event was retracted: the match alone stands
        claim.review_note = f"not corroborated: {exc}"
    else:
        claim.event_ids = event_ids(result)
        claim.resolution = {**claim.resolution, "action": "corroborated", "event": first}


def _earliest_mention(run: Run, ref: str) -> date | None:
    days = []
    for claim in run.article.claims.filter(kind=Claim.Kind.STATUS_CHANGE):
        time = claimed_time(claim.payload)
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


def _match_summit(run: Run, item: dict[str, Any]) -> str | None:
    parties = {str(p).upper() for p in item.get("parties") or []}
    leaders = {person_key(run, str(n)) for n in item.get("leaders") or []}
    scheduled = iso_day(item.get("scheduled_for"))
    published = run.article.published_on
    window = timedelta(days=SUMMIT_MATCH_DAYS)
    if scheduled:
        first, last = scheduled - window, scheduled + window
    else:
        first, last = published - window, published + timedelta(days=366)
    best: tuple[int, str] | None = None
    for summit in selectors.summits_scheduled_near(first=first, last=last):
        known_leaders = {person_key(run, str(n)) for n in summit.leaders}
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


def apply_status_change(run: Run, claim: Claim) -> None:
    item = claim.payload
    slug = run.summits.get(str(item.get("summit")))
    if slug is None:
        raise Pending(f"summit {item.get('summit')!r} of this article was not identified")
    change = str(item.get("status") or "")
    if change not in SUMMIT_CHANGES:
        raise Pending(f"unknown status change {change!r}")
    claimed = claimed_time(item)
    anchor = None
    reversed_event = None
    if isinstance(item.get("reverses"), int):
        reversed_event = run.status_events.get(item["reverses"])
        hours = item.get("after_hours")
        if reversed_event and isinstance(hours, int | float):
            anchor = Anchor(event_id=reversed_event, offset_hours=float(hours))
    if claimed is None and anchor is None:
        raise Pending("the article gives no date for this change")
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
        claim.event_ids = event_ids(result)
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
    claim.event_ids = event_ids(result)
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
