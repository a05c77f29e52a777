"""Projections: the read models, updated in the append's transaction and rebuildable.

``project(events)`` is called by the services right after an append, inside the same
transaction. ``rebuild()`` empties the read models and replays the whole log through the
very same code, append by append, so a rebuild gives exactly the rows that inline updates
gave. Nothing else writes these tables.

Summit timelines are bitemporal (:class:`~tracker.models.SummitInterval`): a change that
lands at the head of the timeline (the usual case) adds a row and touches nothing else;
a late report, a retraction or a correction refolds the stream and closes the rows whose
content changed (``known_to``), so earlier "as known at" answers stay as they were.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

from tracker import eventstore
from tracker.domain.envoy import fold_envoy
from tracker.domain.events import CHANGE_OF_TYPE, META_TYPES
from tracker.domain.facts import Fact, effective_facts
from tracker.domain.meeting import fold_meeting
from tracker.domain.summit import Interval, build_timeline, fact_sort_key, fold_timeline
from tracker.domain.time import ValidTime
from tracker.eventstore import RecordedEvent, StreamId
from tracker.models import Envoy, Meeting, MeetingParticipant, Summit, SummitInterval

_INTERVAL_FIELDS = (
    "event_id", "change", "status", "valid_from", "certain_from", "precision", "rank", "tiebreak",
    "resume_status", "reverses", "elapsed_hours", "rapid_reversal", "title", "parties", "leaders",
    "location", "scheduled_for", "announced_by", "confidence", "sources", "recorded_at", "position",
    "anchor_event_id",
)  # fmt: skip
_TIMELINE_ORDER = ("certain_from", "valid_from", "rank", "tiebreak")


def _as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def interval_to_row_values(interval: Interval) -> dict:
    values = {name: getattr(interval, name) for name in _INTERVAL_FIELDS}
    values["parties"], values["leaders"] = list(interval.parties), list(interval.leaders)
    values["sources"] = list(interval.sources)
    values["scheduled_for"] = _as_date(interval.scheduled_for)
    values["resume_status"] = interval.resume_status or ""
    for key in ("event_id", "reverses", "anchor_event_id"):
        values[key] = str(values[key]) if values[key] else None
    return values


def row_to_interval(row: SummitInterval) -> Interval:
    values = {name: getattr(row, name) for name in _INTERVAL_FIELDS}
    values["parties"], values["leaders"] = tuple(row.parties), tuple(row.leaders)
    values["sources"] = tuple(row.sources)
    values["scheduled_for"] = row.scheduled_for.isoformat() if row.scheduled_for else None
    values["resume_status"] = row.resume_status or None
    for key in ("event_id", "reverses", "anchor_event_id"):
        values[key] = str(values[key]) if values[key] else None
    return Interval(**values)


def _comparable(values: dict) -> tuple:
    return tuple((k, str(values[k])) for k in _INTERVAL_FIELDS)


def current_intervals(slug: str) -> list[SummitInterval]:
    return list(SummitInterval.objects.filter(summit_slug=slug, known_to__isnull=True).order_by(*_TIMELINE_ORDER))


# --- summits ---------------------------------------------------------------------------


def _summit_head_append(slug: str, new_facts: Sequence[Fact]) -> list[Interval] | None:
    """The fast path: plain status facts that all sort after the current head."""
    if any(f.type not in CHANGE_OF_TYPE or f.anchor or f.time is None for f in new_facts):
        return None
    last_row = (
        SummitInterval.objects.filter(summit_slug=slug, known_to__isnull=True)
        .order_by(*(f"-{k}" for k in _TIMELINE_ORDER))
        .first()
    )
    last = row_to_interval(last_row) if last_row else None
    ordered = sorted(new_facts, key=fact_sort_key)
    if last is not None and fact_sort_key(ordered[0]) <= last.sort_key:
        return None
    history: list[Interval] = []
    explicit = [str(f.data["reverses"]) for f in ordered if f.data.get("reverses")]
    if explicit:
        rows = SummitInterval.objects.filter(summit_slug=slug, known_to__isnull=True, event_id__in=explicit)
        history = [row_to_interval(r) for r in rows]
    return fold_timeline(ordered, before=last, history=history)


def _project_summit(slug: str, batch: Sequence[RecordedEvent], position: int, rows: _SummitRows) -> None:
    stream = StreamId("summit", slug)
    new_facts = effective_facts(batch) if not any(e.type in META_TYPES for e in batch) else None
    appended = _summit_head_append(slug, new_facts) if new_facts else None
    head: Interval | None = None
    if appended is not None:
        SummitInterval.objects.bulk_create(
            [SummitInterval(summit_slug=slug, known_from=position, **interval_to_row_values(i)) for i in appended]
        )
        head = appended[-1]  # a head append: the new head is known without asking
    else:
        _refold_summit(slug, eventstore.read_stream(stream, up_to_position=position), position)
    rows.touch(slug, stream, batch, position, head=head)


def _refold_summit(slug: str, events: Sequence[RecordedEvent], position: int) -> None:
    timeline = build_timeline(effective_facts(events))
    wanted = {i.event_id: interval_to_row_values(i) for i in timeline}
    stale = []
    for row in SummitInterval.objects.filter(summit_slug=slug, known_to__isnull=True):
        values = interval_to_row_values(row_to_interval(row))
        if _comparable(values) == _comparable(wanted.get(values["event_id"], {k: None for k in _INTERVAL_FIELDS})):
            del wanted[values["event_id"]]
        else:
            stale.append(row.pk)
    SummitInterval.objects.filter(pk__in=stale).update(known_to=position)
    SummitInterval.objects.bulk_create(
        [SummitInterval(summit_slug=slug, known_from=position, **values) for values in wanted.values()]
    )


def _widest_window(batch: Sequence[RecordedEvent]) -> timedelta:
    widths = [timedelta(0)]
    for event in batch:
        if event.valid_from and event.valid_to:
            widths.append(event.valid_to - event.valid_from)
        if isinstance(event.data.get("valid_time"), dict):
            widths.append(ValidTime.from_dict(event.data["valid_time"]).width)
    return max(widths)


@dataclass
class _SummitRowChange:
    """What appends since the last flush did to one summit's row."""

    version: int
    last_position: int
    first_position: int
    widest: timedelta
    head: Interval | None  # the timeline's head after these appends, when known


class _SummitRows:
    """Buffers summit-row updates and writes each row once per flush.

    Inline projection flushes after every append; a rebuild flushes once per page of the
    log, so a long stream does not update its summit row once per event inside the
    rebuild's single transaction (each such update would leave a dead row version behind
    for the next to step over).
    """

    def __init__(self) -> None:
        self._changes: dict[str, _SummitRowChange] = {}

    def touch(
        self, slug: str, stream: StreamId, batch: Sequence[RecordedEvent], position: int, *, head: Interval | None
    ) -> None:
        version = max(e.version for e in batch if e.stream == stream)
        first, widest = min(e.position for e in batch), _widest_window(batch)
        known = self._changes.get(slug)
        if known is not None:
            first, widest = min(first, known.first_position), max(widest, known.widest)
        self._changes[slug] = _SummitRowChange(version, position, first, widest, head)

    def flush(self) -> None:
        for slug, change in sorted(self._changes.items()):
            _write_summit_row(slug, change)
        self._changes.clear()


def _write_summit_row(slug: str, change: _SummitRowChange) -> None:
    if change.head is not None:
        head: dict | None = interval_to_row_values(change.head)
    else:
        row = current_intervals_head(slug)
        head = {name: getattr(row, name) for name in _SUMMIT_DETAILS} if row else None
    values = {
        "version": change.version,
        "last_position": change.last_position,
        **({name: head[name] for name in _SUMMIT_DETAILS} if head else _NO_DETAILS),
    }
    # One statement in the usual case; the widest window only ever grows.
    updated = Summit.objects.filter(slug=slug).update(
        max_uncertainty=Greatest(F("max_uncertainty"), Value(change.widest)), **values
    )
    if not updated:
        Summit.objects.create(slug=slug, first_position=change.first_position, max_uncertainty=change.widest, **values)


_SUMMIT_DETAILS = ("status", "title", "scheduled_for", "location", "parties", "leaders")
_NO_DETAILS = {"status": "", "title": "", "scheduled_for": None, "location": "", "parties": [], "leaders": []}


def current_intervals_head(slug: str) -> SummitInterval | None:
    return (
        SummitInterval.objects.filter(summit_slug=slug, known_to__isnull=True)
        .order_by(*(f"-{k}" for k in _TIMELINE_ORDER))
        .first()
    )


# --- envoys and meetings ---------------------------------------------------------------


def _project_envoy(slug: str, position: int) -> None:
    events = eventstore.read_stream(StreamId("envoy", slug), up_to_position=position)
    state = fold_envoy(effective_facts(events))
    if state is None:
        Envoy.objects.filter(slug=slug).delete()
        return
    values = {
        "name": state.name,
        "aliases": list(state.aliases),
        "country": state.country,
        "roles": [r.__dict__ for r in state.roles],
        "version": events[-1].version,
        "last_position": position,
    }
    Envoy.objects.update_or_create(
        slug=slug, defaults=values, create_defaults={**values, "first_position": events[0].position}
    )


def _project_meeting(meeting_id: str, position: int) -> None:
    events = eventstore.read_stream(StreamId("meeting", meeting_id), up_to_position=position)
    state = fold_meeting(effective_facts(events))
    if state is None:
        Meeting.objects.filter(meeting_id=meeting_id).delete()
        return
    values = {
        "title": state.title,
        "participants": list(state.participants),
        "location": state.location,
        "mode": state.mode,
        "status": state.status,
        "summit_slug": state.summit or "",
        "valid_from": state.valid_from,
        "valid_to": state.valid_to,
        "precision": state.precision,
        "sources": list(state.sources),
        "source_count": len(state.sources),
        "confidence": state.confidence,
        "version": events[-1].version,
        "last_position": position,
    }
    meeting, _ = Meeting.objects.update_or_create(
        meeting_id=meeting_id, defaults=values, create_defaults={**values, "first_position": events[0].position}
    )
    meeting.participant_rows.all().delete()
    MeetingParticipant.objects.bulk_create(
        [
            MeetingParticipant(meeting=meeting, name=p["name"], envoy_slug=p.get("envoy") or "")
            for p in state.participants
        ]
    )


def project(events: Sequence[RecordedEvent]) -> None:
    """Bring the read models up to date with one append's events (same transaction)."""
    rows = _SummitRows()
    _project_append(events, rows)
    rows.flush()


def _project_append(events: Sequence[RecordedEvent], rows: _SummitRows) -> None:
    if not events:
        return
    position = max(e.position for e in events)
    by_stream: dict[StreamId, list[RecordedEvent]] = defaultdict(list)
    for event in events:
        by_stream[event.stream].append(event)
    for stream, batch in sorted(by_stream.items()):
        if stream.type == "summit":
            _project_summit(stream.id, batch, position, rows)
        elif stream.type == "envoy":
            _project_envoy(stream.id, position)
        elif stream.type == "meeting":
            _project_meeting(stream.id, position)


def clear() -> None:
    MeetingParticipant.objects.all().delete()
    Meeting.objects.all().delete()
    Envoy.objects.all().delete()
    SummitInterval.objects.all().delete()
    Summit.objects.all().delete()


def rebuild(*, progress: Callable[[int], None] | None = None, batch_size: int = 2000) -> int:
    """Empty the read models and replay the log, append by append. Returns events replayed."""
    replayed = 0
    with transaction.atomic():
        clear()
        after = 0
        pending: list[RecordedEvent] = []
        while True:
            page = eventstore.read_all(after=after, limit=batch_size)
            if not page:
                break
            after = page[-1].position
            pending.extend(page)
            # Keep the last append whole: it may continue on the next page.
            last_append = pending[-1].append_id
            complete = [e for e in pending if e.append_id != last_append]
            pending = [e for e in pending if e.append_id == last_append]
            replayed += _replay(complete, progress)
        replayed += _replay(pending, progress)
    return replayed


def _replay(events: Iterable[RecordedEvent], progress: Callable[[int], None] | None) -> int:
    count = 0
    rows = _SummitRows()
    for _, append_events in groupby(events, key=lambda e: e.append_id):
        batch = list(append_events)
        _project_append(batch, rows)
        count += len(batch)
        if progress:
            progress(len(batch))
    rows.flush()
    return count


def snapshot() -> dict[str, list[tuple]]:
    """Every projection row, without surrogate keys: what a rebuild must reproduce."""

    def rows(model, order: Sequence[str], exclude: Sequence[str] = ("id",)) -> list[tuple]:
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in exclude]
        return [tuple(str(r[n]) for n in names) for r in model.objects.order_by(*order).values(*names)]

    return {
        "summits": rows(Summit, ["slug"]),
        "intervals": rows(SummitInterval, ["summit_slug", "known_from", "event_id"]),
        "envoys": rows(Envoy, ["slug"]),
        "meetings": rows(Meeting, ["meeting_id"]),
        "participants": rows(MeetingParticipant, ["meeting__meeting_id", "name"], exclude=("id", "meeting_id")),
    }
