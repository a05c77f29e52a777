"""Projections: the read models, updated in the append's transaction and rebuildable.

``project(events)`` is called by the services right after an append, inside the same
transaction. ``rebuild()`` empties the read models and replays the whole log, append by
append, through the same decisions (the same folds, the same head-append test, the same
comparison of rows), so a rebuild gives exactly the rows that inline updates gave; only
where the rows live in between differs: in the tables inline, in memory during a rebuild,
written in bulk once per page. Nothing else writes these tables.

Summit timelines are bitemporal (:class:`~tracker.models.SummitInterval`): a change that
lands at the head of the timeline (the usual case) adds a row and touches nothing else;
a late report, a retraction or a correction refolds the stream and closes the rows whose
content changed (``known_to``), so earlier "as known at" answers stay as they were.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import groupby
from typing import Protocol

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

from tracker import eventstore
from tracker.domain.envoy import fold_envoy
from tracker.domain.events import CHANGE_OF_TYPE, FACT_CORROBORATED, META_TYPES
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
    # JSON fields compared canonically: PostgreSQL's jsonb does not keep a dict's key
    # order, so a row read back must still equal the interval it was written from.
    return tuple((k, json.dumps(values[k], sort_keys=True, default=str)) for k in _INTERVAL_FIELDS)


# --- summits ---------------------------------------------------------------------------


def _new_row(slug: str, position: int, head: datetime | None, values: dict) -> SummitInterval:
    """An interval row written by the append at ``position``, which left the timeline's
    head at ``head`` (see ``SummitInterval.head_certain_from``)."""
    return SummitInterval(summit_slug=slug, known_from=position, head_certain_from=head, **values)


class _Intervals(Protocol):
    """Where a summit's open intervals (``known_to`` NULL) live while projecting: the
    tables (:class:`_StoredIntervals`, inline) or memory (:class:`_BufferedIntervals`, a
    rebuild). Both take the same decisions' results and write the same rows."""

    def head(self, slug: str) -> Interval | None: ...
    def with_ids(self, slug: str, event_ids: Sequence[str]) -> list[Interval]: ...
    def extend(self, slug: str, intervals: Sequence[Interval], position: int) -> None: ...
    def replace(self, slug: str, timeline: Sequence[Interval], position: int) -> None: ...
    def corroborate(self, slug: str, corroboration: RecordedEvent, position: int) -> Interval | None: ...
    def flush(self) -> None: ...


class _StoredIntervals:
    """The open intervals as the database holds them, read and written one append at a time."""

    def head(self, slug: str) -> Interval | None:
        row = (
            SummitInterval.objects.filter(summit_slug=slug, known_to__isnull=True)
            .order_by(*(f"-{k}" for k in _TIMELINE_ORDER))
            .first()
        )
        return row_to_interval(row) if row else None

    def with_ids(self, slug: str, event_ids: Sequence[str]) -> list[Interval]:
        rows = SummitInterval.objects.filter(summit_slug=slug, known_to__isnull=True, event_id__in=event_ids)
        return [row_to_interval(r) for r in rows]

    def extend(self, slug: str, intervals: Sequence[Interval], position: int) -> None:
        head = intervals[-1].certain_from  # they sort after the old head
        SummitInterval.objects.bulk_create(
            [_new_row(slug, position, head, interval_to_row_values(i)) for i in intervals]
        )

    def replace(self, slug: str, timeline: Sequence[Interval], position: int) -> None:
        """Close the open rows whose content changed; open rows for the new content."""
        wanted = {i.event_id: interval_to_row_values(i) for i in timeline}
        stale = []
        for row in SummitInterval.objects.filter(summit_slug=slug, known_to__isnull=True):
            values = interval_to_row_values(row_to_interval(row))
            if values["event_id"] in wanted and _comparable(values) == _comparable(wanted[values["event_id"]]):
                del wanted[values["event_id"]]
            else:
                stale.append(row.pk)
        SummitInterval.objects.filter(pk__in=stale).update(known_to=position)
        head = timeline[-1].certain_from if timeline else None
        SummitInterval.objects.bulk_create([_new_row(slug, position, head, values) for values in wanted.values()])

    def corroborate(self, slug: str, corroboration: RecordedEvent, position: int) -> Interval | None:
        """Another source for one fact: its open row is closed and written again with the
        source and the higher confidence (see :func:`_plain_corroboration`). Returns the
        timeline's head after it."""
        head = self.head(slug)
        target = str(corroboration.data.get("event_id"))
        row = SummitInterval.objects.filter(summit_slug=slug, known_to__isnull=True, event_id=target).first()
        if row is None or head is None:
            return head  # not a status fact, or retracted: no interval shows it
        SummitInterval.objects.filter(pk=row.pk).update(known_to=position)
        new = _corroborated(row_to_interval(row), corroboration)
        SummitInterval.objects.bulk_create([_new_row(slug, position, head.certain_from, interval_to_row_values(new))])
        return new if head.event_id == target else head

    def flush(self) -> None:
        pass  # written as it goes


@dataclass(slots=True)
class _OpenRow:
    interval: Interval
    row: SummitInterval | None  # until the flush that writes it
    pk: int | None = None  # after


class _BufferedIntervals:
    """The same operations for a rebuild, with the open intervals kept in memory in
    timeline order and the writes buffered until :meth:`flush`: bulk inserts, and one
    UPDATE per closing position, instead of a query or two per append.

    It writes exactly the rows :class:`_StoredIntervals` would (``test_projections``
    replays random histories both ways and compares every row).
    """

    def __init__(self) -> None:
        self._open: dict[str, dict[str, _OpenRow]] = defaultdict(dict)  # slug -> event id -> row
        self._new: list[_OpenRow] = []
        self._closed: dict[int, list[int]] = defaultdict(list)  # position -> pks of saved rows

    def head(self, slug: str) -> Interval | None:
        rows = self._open.get(slug)
        # Dicts keep insertion order, and rows are inserted in timeline order.
        return next(reversed(rows.values())).interval if rows else None

    def with_ids(self, slug: str, event_ids: Sequence[str]) -> list[Interval]:
        rows = self._open.get(slug, {})
        return [rows[i].interval for i in event_ids if i in rows]

    def extend(self, slug: str, intervals: Sequence[Interval], position: int) -> None:
        rows, head = self._open[slug], intervals[-1].certain_from
        for interval in intervals:
            rows[interval.event_id] = self._opened(slug, interval, interval_to_row_values(interval), position, head)

    def replace(self, slug: str, timeline: Sequence[Interval], position: int) -> None:
        old, rows = self._open.pop(slug, {}), self._open[slug]
        head = timeline[-1].certain_from if timeline else None
        for interval in timeline:
            values = interval_to_row_values(interval)
            kept = old.pop(interval.event_id, None)
            if kept is not None and _comparable(interval_to_row_values(kept.interval)) == _comparable(values):
                rows[interval.event_id] = kept
                continue
            if kept is not None:
                self._close(kept, position)
            rows[interval.event_id] = self._opened(slug, interval, values, position, head)
        for gone in old.values():
            self._close(gone, position)

    def corroborate(self, slug: str, corroboration: RecordedEvent, position: int) -> Interval | None:
        head = self.head(slug)
        kept = self._open.get(slug, {}).get(str(corroboration.data.get("event_id")))
        if kept is None or head is None:
            return head
        self._close(kept, position)
        new = _corroborated(kept.interval, corroboration)
        # Same key, so the same place in timeline order.
        self._open[slug][new.event_id] = self._opened(
            slug, new, interval_to_row_values(new), position, head.certain_from
        )
        return self.head(slug)

    def _opened(self, slug: str, interval: Interval, values: dict, position: int, head: datetime) -> _OpenRow:
        opened = _OpenRow(interval, _new_row(slug, position, head, values))
        self._new.append(opened)
        return opened

    def _close(self, gone: _OpenRow, position: int) -> None:
        if gone.row is not None:
            gone.row.known_to = position  # not written yet: written closed
        else:
            self._closed[position].append(gone.pk)

    def flush(self) -> None:
        # The closings name rows written by earlier flushes only.
        for position, pks in self._closed.items():
            SummitInterval.objects.filter(pk__in=pks).update(known_to=position)
        SummitInterval.objects.bulk_create([opened.row for opened in self._new], batch_size=1000)
        for opened in self._new:
            # Keep the key only: the open rows of every summit stay in memory to the end.
            assert opened.row is not None and opened.row.pk is not None, "bulk_create returns keys here"
            opened.pk, opened.row = opened.row.pk, None
        self._closed.clear()
        self._new = []


def _summit_head_append(slug: str, new_facts: Sequence[Fact], intervals: _Intervals) -> list[Interval] | None:
    """The fast path: plain status facts that all sort after the current head."""
    if any(f.type not in CHANGE_OF_TYPE or f.anchor or f.time is None for f in new_facts):
        return None
    last = intervals.head(slug)
    ordered = sorted(new_facts, key=fact_sort_key)
    if last is not None and fact_sort_key(ordered[0]) <= last.sort_key:
        return None
    explicit = [str(f.data["reverses"]) for f in ordered if f.data.get("reverses")]
    history = intervals.with_ids(slug, explicit) if explicit else []
    return fold_timeline(ordered, before=last, history=history)


def _plain_corroboration(batch: Sequence[RecordedEvent]) -> RecordedEvent | None:
    """The append's one event, if it corroborates a fact without narrowing its time.

    Folding the stream again would change one interval only, the corroborated fact's: a
    corroboration adds a source and may raise the confidence, which no other interval
    depends on (they carry status, times and details forward, never sources). A narrowed
    time can reorder the timeline and move anchored facts, so that takes the refold.
    ``test_projections`` holds the open rows to a fresh fold of the stream."""
    if len(batch) == 1 and batch[0].type == FACT_CORROBORATED and not batch[0].data.get("valid_time"):
        return batch[0]
    return None


def _corroborated(interval: Interval, corroboration: RecordedEvent) -> Interval:
    # As effective_facts applies a corroboration.
    return replace(
        interval,
        sources=(*interval.sources, corroboration.source),
        confidence=max(interval.confidence, corroboration.confidence),
    )


def _project_summit(
    slug: str, batch: Sequence[RecordedEvent], position: int, rows: _SummitRows, intervals: _Intervals
) -> None:
    new_facts = effective_facts(batch) if not any(e.type in META_TYPES for e in batch) else None
    appended = _summit_head_append(slug, new_facts, intervals) if new_facts else None
    corroboration = _plain_corroboration(batch) if appended is None else None
    if appended is not None:
        intervals.extend(slug, appended, position)
        head = appended[-1]
    elif corroboration is not None:
        head = intervals.corroborate(slug, corroboration, position)
    else:
        events = eventstore.read_stream(StreamId("summit", slug), up_to_position=position)
        timeline = build_timeline(effective_facts(events))
        intervals.replace(slug, timeline, position)
        head = timeline[-1] if timeline else None
    rows.touch(slug, StreamId("summit", slug), batch, position, head=head)


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
    head: Interval | None  # the timeline's head after these appends (None: no timeline)


class _SummitRows:
    """Buffers summit-row updates and writes each row once per flush.

    Inline projection flushes after every append. A rebuild, which starts from empty
    tables, creates every summit row in bulk once at the end (:meth:`create_all`) rather
    than updating each once per page of the log.
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

    def create_all(self) -> None:
        """Write every buffered row as a new one (the table holds none of them yet)."""
        Summit.objects.bulk_create(
            [
                Summit(
                    slug=slug,
                    first_position=change.first_position,
                    max_uncertainty=change.widest,
                    **_summit_values(change),
                )
                for slug, change in sorted(self._changes.items())
            ],
            batch_size=1000,
        )
        self._changes.clear()


def _summit_values(change: _SummitRowChange) -> dict:
    head = interval_to_row_values(change.head) if change.head is not None else None
    return {
        "version": change.version,
        "last_position": change.last_position,
        **({name: head[name] for name in _SUMMIT_DETAILS} if head else _NO_DETAILS),
    }


def _write_summit_row(slug: str, change: _SummitRowChange) -> None:
    values = _summit_values(change)
    # One statement in the usual case; the widest window only ever grows.
    updated = Summit.objects.filter(slug=slug).update(
        max_uncertainty=Greatest(F("max_uncertainty"), Value(change.widest)), **values
    )
    if not updated:
        Summit.objects.create(slug=slug, first_position=change.first_position, max_uncertainty=change.widest, **values)


_SUMMIT_DETAILS = ("status", "title", "scheduled_for", "location", "parties", "leaders")
_NO_DETAILS = {"status": "", "title": "", "scheduled_for": None, "location": "", "parties": [], "leaders": []}


# --- envoys and meetings ---------------------------------------------------------------


def _envoy_row(slug: str, events: Sequence[RecordedEvent], position: int) -> Envoy | None:
    """The envoy's row as of ``position`` (unsaved), or None if its stream folds to nothing."""
    state = fold_envoy(effective_facts(events))
    if state is None:
        return None
    return Envoy(
        slug=slug,
        name=state.name,
        aliases=list(state.aliases),
        country=state.country,
        roles=[r.__dict__ for r in state.roles],
        version=events[-1].version,
        first_position=events[0].position,
        last_position=position,
    )


def _meeting_rows(
    meeting_id: str, events: Sequence[RecordedEvent], position: int
) -> tuple[Meeting, list[MeetingParticipant]] | None:
    """The meeting's row and participant rows as of ``position`` (unsaved), or None."""
    state = fold_meeting(effective_facts(events))
    if state is None:
        return None
    meeting = Meeting(
        meeting_id=meeting_id,
        title=state.title,
        participants=list(state.participants),
        location=state.location,
        mode=state.mode,
        status=state.status,
        summit_slug=state.summit or "",
        valid_from=state.valid_from,
        valid_to=state.valid_to,
        precision=state.precision,
        sources=list(state.sources),
        source_count=len(state.sources),
        confidence=state.confidence,
        version=events[-1].version,
        first_position=events[0].position,
        last_position=position,
    )
    participants = [
        MeetingParticipant(meeting=meeting, name=p["name"], envoy_slug=p.get("envoy") or "") for p in state.participants
    ]
    return meeting, participants


def _values(row: Envoy | Meeting, *, leave: Sequence[str]) -> dict:
    names = [f.attname for f in row._meta.concrete_fields if f.attname not in ("id", *leave)]
    return {name: getattr(row, name) for name in names}


def _project_envoy(slug: str, position: int) -> None:
    row = _envoy_row(slug, eventstore.read_stream(StreamId("envoy", slug), up_to_position=position), position)
    if row is None:
        Envoy.objects.filter(slug=slug).delete()
        return
    Envoy.objects.update_or_create(
        slug=slug, defaults=_values(row, leave=("slug", "first_position")), create_defaults=_values(row, leave=())
    )


def _project_meeting(meeting_id: str, position: int) -> None:
    events = eventstore.read_stream(StreamId("meeting", meeting_id), up_to_position=position)
    rows = _meeting_rows(meeting_id, events, position)
    if rows is None:
        Meeting.objects.filter(meeting_id=meeting_id).delete()
        return
    wanted, participants = rows
    meeting, _ = Meeting.objects.update_or_create(
        meeting_id=meeting_id,
        defaults=_values(wanted, leave=("meeting_id", "first_position")),
        create_defaults=_values(wanted, leave=()),
    )
    meeting.participant_rows.all().delete()
    for participant in participants:
        participant.meeting = meeting
    MeetingParticipant.objects.bulk_create(participants)


def _project_others_in_bulk(streams: dict[StreamId, int], up_to_position: int) -> None:
    """Rebuild: rewrite the rows of many envoys and meetings at once. Each stream is read
    up to ``up_to_position`` (the end of what was replayed), so it yields the events up
    to the last append that touched it, and its row is stamped with that append's
    position (``streams``), exactly as :func:`_project_envoy` and :func:`_project_meeting`."""
    envoys = {s.id: p for s, p in streams.items() if s.type == "envoy"}
    meetings = {s.id: p for s, p in streams.items() if s.type == "meeting"}
    if envoys:
        events = eventstore.read_streams("envoy", sorted(envoys), up_to_position=up_to_position)
        rows = [_envoy_row(slug, events[slug], envoys[slug]) for slug in sorted(envoys)]
        Envoy.objects.filter(slug__in=envoys).delete()
        Envoy.objects.bulk_create([r for r in rows if r is not None])
    if meetings:
        events = eventstore.read_streams("meeting", sorted(meetings), up_to_position=up_to_position)
        built = [_meeting_rows(mid, events[mid], meetings[mid]) for mid in sorted(meetings)]
        kept = [b for b in built if b is not None]
        Meeting.objects.filter(meeting_id__in=meetings).delete()  # their participants go with them
        Meeting.objects.bulk_create([meeting for meeting, _ in kept])
        participants = []
        for meeting, rows in kept:
            for row in rows:
                row.meeting = meeting  # now saved: takes its key
                participants.append(row)
        MeetingParticipant.objects.bulk_create(participants)


class _Projector:
    """One run of the projection. Inline (``project``) it writes as it goes; a rebuild
    keeps the open intervals in memory and buffers every write until :meth:`flush`,
    projecting each envoy and meeting once per flush at the last position that touched
    it (their rows hold only the latest state, so the in-between writes are not needed)."""

    def __init__(self, *, buffered: bool) -> None:
        self.intervals: _Intervals = _BufferedIntervals() if buffered else _StoredIntervals()
        self.summits = _SummitRows()
        self._buffered = buffered
        self._others: dict[StreamId, int] = {}  # envoy and meeting streams -> last position

    def append(self, events: Sequence[RecordedEvent]) -> None:
        if not events:
            return
        position = max(e.position for e in events)
        by_stream: dict[StreamId, list[RecordedEvent]] = defaultdict(list)
        for event in events:
            by_stream[event.stream].append(event)
        for stream, batch in sorted(by_stream.items()):
            if stream.type == "summit":
                _project_summit(stream.id, batch, position, self.summits, self.intervals)
            elif stream.type in ("envoy", "meeting"):
                self._others[stream] = position
        if not self._buffered:
            self._project_others()

    def flush(self, *, up_to_position: int | None = None) -> None:
        self.intervals.flush()
        if not self._buffered:
            self.summits.flush()
        elif self._others:
            assert up_to_position is not None
            _project_others_in_bulk(self._others, up_to_position)
            self._others.clear()

    def finish(self) -> None:
        """End a rebuild: the summit rows, written once."""
        self.summits.create_all()

    def _project_others(self) -> None:
        for stream, position in sorted(self._others.items()):
            if stream.type == "envoy":
                _project_envoy(stream.id, position)
            else:
                _project_meeting(stream.id, position)
        self._others.clear()


def project(events: Sequence[RecordedEvent]) -> None:
    """Bring the read models up to date with one append's events (same transaction)."""
    projector = _Projector(buffered=False)
    projector.append(events)
    projector.flush()


def clear() -> None:
    MeetingParticipant.objects.all().delete()
    Meeting.objects.all().delete()
    Envoy.objects.all().delete()
    SummitInterval.objects.all().delete()
    Summit.objects.all().delete()


def rebuild(*, progress: Callable[[int], None] | None = None, batch_size: int = 2000) -> int:
    """Empty the read models and replay the log, append by append, writing once per page
    of ``batch_size`` events. Returns the number of events replayed."""
    replayed = 0
    projector = _Projector(buffered=True)
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
            replayed += _replay(projector, complete, progress)
        replayed += _replay(projector, pending, progress)
        projector.finish()
    return replayed


def _replay(projector: _Projector, events: Iterable[RecordedEvent], progress: Callable[[int], None] | None) -> int:
    count, last = 0, 0
    for _, append_events in groupby(events, key=lambda e: e.append_id):
        batch = list(append_events)
        projector.append(batch)
        count += len(batch)
        last = batch[-1].position
        if progress:
            progress(len(batch))
    projector.flush(up_to_position=last)
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
