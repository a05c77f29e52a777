"""Commands: the one way to change state.

Every command has the same shape: load the stream, decide (pure domain code, which raises
:class:`~tracker.domain.errors.DomainError`), append with the version it loaded, update
the projections, all in one transaction. An ``expected_version`` from the caller is
checked before anything else, so a stale client gets a conflict whatever it asked for.
An ``idempotency_key`` already used returns the events stored the first time.

The API, the admin, ingestion and seed loading all call these functions.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from tracker import eventstore, projections
from tracker.domain import events as ev
from tracker.domain.errors import InvalidCommand, NotFound
from tracker.domain.facts import effective_facts
from tracker.domain.summit import build_timeline, check_transition
from tracker.domain.time import ValidTime
from tracker.eventstore import AppendResult, ConcurrencyError, NewEvent, RecordedEvent, StreamId
from tracker.models import Envoy, Summit


@dataclass(frozen=True)
class Anchor:
    """Valid time given relative to another event of the same stream."""

    event_id: str
    offset_hours: float


@dataclass(frozen=True)
class Context:
    """Who is acting, on what evidence, and why: stored in every event's source and metadata."""

    actor: str = "system"
    source: dict[str, Any] | None = None
    confidence: float = 1.0
    idempotency_key: str | None = None
    correlation_id: str | None = None
    causation_id: str | None = None
    extractor_version: str | None = None

    def metadata(self) -> dict[str, Any]:
        values = {
            "actor": self.actor,
            "correlation_id": self.correlation_id,
            "causation_id": self.causation_id,
            "extractor_version": self.extractor_version,
        }
        return {k: v for k, v in values.items() if v is not None}

    def event_source(self) -> dict[str, Any]:
        return self.source or {"kind": "editor", "user": self.actor}


EDITOR = Context()


def _new_event(kind: str, data: dict, ctx: Context, when: ValidTime | None = None) -> NewEvent:
    return NewEvent(
        type=kind,
        data=data,
        valid_from=when.earliest if when else None,
        valid_to=when.latest if when else None,
        valid_precision=when.precision if when else "",
        source=ctx.event_source(),
        confidence=ctx.confidence,
        metadata=ctx.metadata(),
    )


def _check_expected(stream: StreamId, loaded: Sequence[RecordedEvent], expected_version: int | None) -> int:
    actual = loaded[-1].version if loaded else 0
    if expected_version is not None and expected_version != actual:
        raise ConcurrencyError(str(stream), expected_version, actual)
    return actual


def _load_existing(stream: StreamId, expected_version: int | None) -> tuple[list[RecordedEvent], int]:
    """Load a stream that must exist; the caller's expected version is checked first."""
    loaded = eventstore.read_stream(stream)
    version = _check_expected(stream, loaded, expected_version)
    if not loaded:
        raise NotFound(f"no {stream.type} {stream.id!r}", reason="unknown")
    return loaded, version


def _commit(stream: StreamId, new: Sequence[NewEvent], version: int, ctx: Context) -> AppendResult:
    result = eventstore.append(stream, new, version, idempotency_key=ctx.idempotency_key)
    if not result.duplicate:
        projections.project(result.events)
    return result


def _replay_if_done(ctx: Context) -> AppendResult | None:
    if ctx.idempotency_key is None:
        return None
    stored = eventstore.find_by_idempotency_key(ctx.idempotency_key)
    return AppendResult(events=stored, duplicate=True) if stored else None


def _resolve_time(
    loaded: Sequence[RecordedEvent], when: ValidTime | None, anchor: Anchor | None
) -> tuple[ValidTime, dict | None]:
    if anchor is None:
        if when is None:
            raise InvalidCommand("a valid time is required: give a time, a range, or an anchor event and offset")
        return when, None
    base = next((f for f in effective_facts(loaded) if f.id == str(anchor.event_id)), None)
    if base is None or base.time is None:
        raise InvalidCommand(f"anchor event {anchor.event_id} is not a timed event of this stream")
    return base.time.shifted(anchor.offset_hours), {"event_id": base.id, "offset_hours": anchor.offset_hours}


# --- summits ---------------------------------------------------------------------------


def summit_slug_for(title: str, scheduled_for: date | None) -> str:
    base = slugify(title)[:100] or "summit"
    return f"{base}-{scheduled_for.year}" if scheduled_for and str(scheduled_for.year) not in base else base


def summit_create(
    *,
    title: str,
    change: str = "proposed",
    when: ValidTime,
    parties: Sequence[str] = (),
    leaders: Sequence[str] = (),
    location: str = "",
    scheduled_for: date | None = None,
    slug: str | None = None,
    note: str = "",
    ctx: Context = EDITOR,
) -> AppendResult:
    """Start a summit's stream with its first status change (proposed or scheduled)."""
    if change not in ("proposed", "scheduled"):
        raise InvalidCommand("a summit starts as proposed or scheduled")
    if not title.strip():
        raise InvalidCommand("a summit needs a title")
    slug = slug or summit_slug_for(title, scheduled_for)
    stream = StreamId("summit", slug)
    with transaction.atomic():
        if done := _replay_if_done(ctx):
            return done
        loaded = eventstore.read_stream(stream)
        if loaded:
            raise InvalidCommand(f"summit {slug!r} already exists")
        data = {
            "title": title.strip(),
            "parties": sorted({p.upper() for p in parties}),
            "leaders": list(leaders),
            "location": location,
            "scheduled_for": scheduled_for.isoformat() if scheduled_for else None,
            "note": note,
        }
        return _commit(stream, [_new_event(ev.SUMMIT_CHANGES[change], data, ctx, when)], 0, ctx)


def summit_change_status(
    *,
    slug: str,
    change: str,
    when: ValidTime | None = None,
    anchor: Anchor | None = None,
    expected_version: int | None = None,
    announced_by: str = "",
    scheduled_for: date | None = None,
    location: str = "",
    reverses: str | None = None,
    note: str = "",
    ctx: Context = EDITOR,
) -> AppendResult:
    stream = StreamId("summit", slug)
    with transaction.atomic():
        if done := _replay_if_done(ctx):
            return done
        loaded, version = _load_existing(stream, expected_version)
        if change not in ev.SUMMIT_CHANGES:
            raise InvalidCommand(f"unknown change {change!r}; expected one of {', '.join(ev.SUMMIT_CHANGES)}")
        time, anchor_data = _resolve_time(loaded, when, anchor)
        data: dict[str, Any] = {"note": note}
        if announced_by:
            data["announced_by"] = announced_by
        if scheduled_for:
            data["scheduled_for"] = scheduled_for.isoformat()
        if location:
            data["location"] = location
        if reverses:
            data["reverses"] = str(reverses)
        if anchor_data:
            data["anchor"] = anchor_data
        check_transition(build_timeline(effective_facts(loaded)), change, time, data)
        return _commit(stream, [_new_event(ev.SUMMIT_CHANGES[change], data, ctx, time)], version, ctx)


def _summit_command(change: str):
    def command(**kwargs: Any) -> AppendResult:
        return summit_change_status(change=change, **kwargs)

    command.__name__ = f"summit_{change}"
    command.__doc__ = f"Record that a summit was {change} (see summit_change_status)."
    return command


summit_propose = _summit_command("proposed")
summit_schedule = _summit_command("scheduled")
summit_reschedule = _summit_command("rescheduled")
summit_cancel = _summit_command("cancelled")
summit_reinstate = _summit_command("reinstated")
summit_postpone = _summit_command("postponed")
summit_mark_held = _summit_command("held")
summit_conclude = _summit_command("concluded")


# --- envoys ----------------------------------------------------------------------------


def envoy_register(
    *, name: str, country: str = "", aliases: Sequence[str] = (), slug: str | None = None, ctx: Context = EDITOR
) -> AppendResult:
    if not name.strip():
        raise InvalidCommand("an envoy needs a name")
    slug = slug or slugify(name)
    stream = StreamId("envoy", slug)
    with transaction.atomic():
        if done := _replay_if_done(ctx):
            return done
        if eventstore.stream_version(stream):
            raise InvalidCommand(f"envoy {slug!r} is already registered")
        data = {"name": name.strip(), "aliases": sorted(set(aliases)), "country": country.upper()}
        return _commit(stream, [_new_event(ev.ENVOY_REGISTERED, data, ctx)], 0, ctx)


def envoy_assign_role(
    *,
    slug: str,
    title: str,
    start: date | None = None,
    end: date | None = None,
    party: str = "",
    expected_version: int | None = None,
    ctx: Context = EDITOR,
) -> AppendResult:
    stream = StreamId("envoy", slug)
    with transaction.atomic():
        if done := _replay_if_done(ctx):
            return done
        _, version = _load_existing(stream, expected_version)
        if not title.strip():
            raise InvalidCommand("a role needs a title")
        if start and end and end < start:
            raise InvalidCommand("a role cannot end before it starts")
        data = {
            "title": title.strip(),
            "party": party.upper(),
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
        }
        when = ValidTime.on_day(start) if start else None
        return _commit(stream, [_new_event(ev.ENVOY_ROLE_ASSIGNED, data, ctx, when)], version, ctx)


# --- meetings --------------------------------------------------------------------------


def _participant(value: str | dict) -> dict[str, Any]:
    if isinstance(value, dict):
        name, envoy = str(value.get("name", "")).strip(), value.get("envoy")
    else:
        name, envoy = str(value).strip(), None
    if not name:
        raise InvalidCommand("a participant needs a name")
    if envoy is None:
        match = Envoy.objects.filter(slug=slugify(name)).values_list("slug", flat=True).first()
        envoy = match
    return {"name": name, "envoy": envoy}


def meeting_record(
    *,
    participants: Sequence[str | dict],
    when: ValidTime | None,
    location: str = "",
    mode: str = "in_person",
    status: str = "held",
    summit: str | None = None,
    title: str = "",
    meeting_id: str | None = None,
    ctx: Context = EDITOR,
) -> AppendResult:
    if mode not in ev.MEETING_MODES:
        raise InvalidCommand(f"unknown meeting mode {mode!r}; expected one of {', '.join(ev.MEETING_MODES)}")
    if status not in ev.MEETING_STATUSES:
        raise InvalidCommand(f"unknown meeting status {status!r}; expected one of {', '.join(ev.MEETING_STATUSES)}")
    people = [_participant(p) for p in participants]
    if len(people) < 1:
        raise InvalidCommand("a meeting needs at least one named participant")
    meeting_id = meeting_id or uuid.uuid4().hex[:16]
    stream = StreamId("meeting", meeting_id)
    with transaction.atomic():
        if done := _replay_if_done(ctx):
            return done
        if summit and not Summit.objects.filter(slug=summit).exists():
            raise NotFound(f"no summit {summit!r}", reason="unknown")
        if eventstore.stream_version(stream):
            raise InvalidCommand(f"meeting {meeting_id!r} already exists")
        data = {
            "participants": people,
            "location": location,
            "mode": mode,
            "status": status,
            "summit": summit,
            "title": title,
        }
        return _commit(stream, [_new_event(ev.MEETING_RECORDED, data, ctx, when)], 0, ctx)


def meeting_change_status(
    *,
    meeting_id: str,
    status: str,
    when: ValidTime | None = None,
    location: str = "",
    expected_version: int | None = None,
    ctx: Context = EDITOR,
) -> AppendResult:
    if status not in ev.MEETING_STATUSES:
        raise InvalidCommand(f"unknown meeting status {status!r}")
    stream = StreamId("meeting", meeting_id)
    with transaction.atomic():
        if done := _replay_if_done(ctx):
            return done
        _, version = _load_existing(stream, expected_version)
        data = {"status": status, "location": location}
        return _commit(stream, [_new_event(ev.MEETING_STATUS_CHANGED, data, ctx, when)], version, ctx)


# --- corrections -----------------------------------------------------------------------


def _target(event_id: str, kind: str) -> RecordedEvent:
    target = eventstore.get_event(event_id)
    if target is None:
        raise NotFound(f"no event {event_id}", reason="unknown")
    # A wrong correction or corroboration can be withdrawn; nothing else amends an amendment.
    retractable = (ev.EVENT_CORRECTED, ev.FACT_CORROBORATED)
    if target.type in ev.META_TYPES and not (kind == ev.EVENT_RETRACTED and target.type in retractable):
        raise InvalidCommand(f"a {target.type} event cannot be amended that way")
    return target


def _amend(event_id: str, kind: str, data: dict, expected_version: int | None, ctx: Context) -> AppendResult:
    with transaction.atomic():
        if done := _replay_if_done(ctx):
            return done
        target = _target(event_id, kind)
        version = eventstore.stream_version(target.stream)
        if expected_version is not None and expected_version != version:
            raise ConcurrencyError(str(target.stream), expected_version, version)
        # Only a retraction takes an event out of effective_facts; ask for those naming
        # this one rather than loading and folding the whole stream (a summit's stream
        # grows by a corroboration with every article that mentions it).
        if any(e.type == ev.EVENT_RETRACTED for e in eventstore.amendments_of(target)):
            raise InvalidCommand(f"event {event_id} is already retracted")
        payload = {"event_id": str(target.id), **data}
        return _commit(target.stream, [_new_event(kind, payload, ctx)], version, ctx)


def event_retract(
    *, event_id: str, reason: str, expected_version: int | None = None, ctx: Context = EDITOR
) -> AppendResult:
    if not reason.strip():
        raise InvalidCommand("a retraction needs a reason")
    return _amend(event_id, ev.EVENT_RETRACTED, {"reason": reason.strip()}, expected_version, ctx)


def event_correct(
    *,
    event_id: str,
    reason: str,
    when: ValidTime | None = None,
    data: dict[str, Any] | None = None,
    expected_version: int | None = None,
    ctx: Context = EDITOR,
) -> AppendResult:
    if when is None and not data:
        raise InvalidCommand("a correction must change the valid time or the data")
    if not reason.strip():
        raise InvalidCommand("a correction needs a reason")
    payload: dict[str, Any] = {"reason": reason.strip(), "data": dict(data or {})}
    if when is not None:
        payload["valid_time"] = when.to_dict()
    return _amend(event_id, ev.EVENT_CORRECTED, payload, expected_version, ctx)


def fact_corroborate(*, event_id: str, when: ValidTime | None = None, ctx: Context) -> AppendResult:
    """Another source reports the same fact: add it (and narrow the time if it is narrower)."""
    payload: dict[str, Any] = {}
    if when is not None:
        payload["valid_time"] = when.to_dict()
    return _amend(event_id, ev.FACT_CORROBORATED, payload, None, ctx)
