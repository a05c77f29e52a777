"""Meeting claims, and the envoys their participants become.

A meeting matches a known one with the same participants, overlapping dates, the same mode
and a compatible place; the claim then corroborates it, or advances a planned meeting to
held or cancelled. A meeting reported held where another source says cancelled (or the
reverse) waits for review with the reason. A participant who is no known envoy is
registered from the article's persons.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils.text import slugify

from tracker import selectors, services
from tracker.domain.events import MEETING_MODES, MEETING_STATUSES
from tracker.domain.time import ValidTime
from tracker.ingestion.run import Pending, Run, claimed_time, event_ids, person_key
from tracker.models import Claim

# (existing status, claimed status) -> what the claim does to the meeting.
_PLANNED = ("proposed", "scheduled")
# How long before a summit's first known fact a meeting can still be part of preparing it:
# the article's link is dropped beyond (a 2000 visit recalled in a 2018 story is background).
SUMMIT_PREPARATION = timedelta(days=365)


def _meeting_action(existing: str, claimed: str) -> str:
    if existing == claimed or claimed in _PLANNED:
        return "corroborate"  # a report of the plan agrees with what came of it
    if existing in _PLANNED:
        return "advance"  # planned, now reported held or cancelled
    return "contradict"  # held against cancelled


def apply_meeting(run: Run, claim: Claim) -> None:
    item = claim.payload
    when = claimed_time(item)
    if when is None:
        raise Pending("the article gives no date for this meeting")
    names = [str(p).strip() for p in item.get("participants") or [] if str(p).strip()]
    if not names:
        raise Pending("no named participant")
    status = str(item.get("status") or "held")
    mode = str(item.get("mode") or "unknown")
    if status not in MEETING_STATUSES or mode not in MEETING_MODES:
        raise Pending(f"unknown meeting status {status!r} or mode {mode!r}")
    location = str(item.get("location") or "")
    summit = _summit_prepared(run.summits.get(str(item.get("summit"))), when)
    keys = {person_key(run, n) for n in names}
    match = None
    for view in selectors.meetings_overlapping(earliest=when.earliest, latest=when.latest):
        if {p.get("envoy") or person_key(run, p.get("name", "")) for p in view.participants} != keys:
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
    claim.event_ids = event_ids(result)
    claim.resolution = {"action": "created", "meeting": result.events[0].stream.id}


def _summit_prepared(slug: str | None, when: ValidTime) -> str | None:
    """The summit the article links the meeting to, unless the meeting ended long before
    anything is known of that summit."""
    if slug is None:
        return None
    timeline = selectors.summit_timeline(slug)
    if timeline and when.latest < min(e.valid_from for e in timeline) - SUMMIT_PREPARATION:
        return None
    return slug


def _merge_meeting(run: Run, claim: Claim, view: Any, time: ValidTime, when: ValidTime, status: str) -> None:
    meeting_id = view.meeting_id
    resolution: dict[str, Any] = {"meeting": meeting_id}
    if run.cites(view.sources):
        claim.resolution = {**resolution, "action": "matched"}
        return
    action = _meeting_action(view.status, status)
    if action == "contradict":
        raise Pending(f"contradicts meeting {meeting_id}: reported {view.status}, this article says {status}")
    if action == "advance":
        narrowed = _intersection(time, when)
        result = services.meeting_change_status(meeting_id=meeting_id, status=status, when=narrowed, ctx=run.ctx(claim))
        claim.event_ids, claim.resolution = event_ids(result), {**resolution, "action": "advanced"}
        return
    fact = selectors.meeting_recorded_event_id(meeting_id)
    if fact is None:
        raise Pending(f"meeting {meeting_id} has no recorded event to corroborate")
    result = services.fact_corroborate(event_id=fact, when=when, ctx=run.ctx(claim))
    claim.event_ids, claim.resolution = event_ids(result), {**resolution, "action": "corroborated", "event": fact}


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


def _envoy_for(run: Run, claim: Claim, name: str) -> str | None:
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
    person.event_ids = event_ids(result)
    person.resolution = {"action": "created", "envoy": key}
    person.save()
    run.names[key] = key
    for alias in aliases:
        run.names.setdefault(slugify(alias), key)
    return key
