"""A summit's state at a basis, its timeline, its events and diffs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import (
    Q,
)

from tracker import eventstore
from tracker.domain.errors import NotFound
from tracker.domain.facts import effective_facts
from tracker.domain.summit import Interval, StatusAnswer, answer_from, build_timeline, status_at
from tracker.eventstore import RecordedEvent, StreamId
from tracker.models import Meeting, Summit, SummitInterval
from tracker.projections import row_to_interval
from tracker.selectors import sql
from tracker.selectors.base import (
    TIMELINE_ORDER,
    Basis,
    MeetingView,
    Paged,
    meetings_at,
    resolve_basis,
)


@dataclass(frozen=True)
class SummitSummary:
    """A summit in a list: its state at the list's basis."""

    slug: str
    title: str
    status: str | None
    certainty: str
    possible_statuses: list[str | None]
    scheduled_for: Any
    location: str
    parties: list[str]
    leaders: list[str]
    version: int


@dataclass(frozen=True)
class SummitView(SummitSummary):
    """A summit at a basis, with the envoys and meetings known there."""

    envoys: list[dict[str, str]]
    meetings: list[MeetingView]
    basis: Basis


@dataclass(frozen=True)
class TimelineEntry:
    event_id: str
    status: str
    change: str
    valid_from: datetime
    valid_to: datetime | None
    certain_from: datetime
    precision: str
    certainty: str
    recorded_at: datetime | None
    sources: list[dict[str, Any]]
    announced_by: str
    confidence: float
    reverses: str | None
    rapid_reversal: bool
    elapsed_hours: float | None
    corroborations: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def _summit_row(slug: str, basis: Basis) -> Summit:
    summit = Summit.objects.filter(slug=slug).first()
    if summit is None:
        raise NotFound(f"no summit {slug!r}", reason="unknown")
    _check_known(summit, basis)
    return summit


def _check_known(summit: Summit, basis: Basis) -> None:
    if basis.position < summit.first_position:
        raise NotFound(
            f"summit {summit.slug!r} was not yet known at {basis.known_at:%Y-%m-%dT%H:%M:%SZ}", "not_yet_known"
        )


def _visible(slug: str, position: int):
    return SummitInterval.objects.filter(summit_slug=slug, known_from__lte=position).filter(
        Q(known_to__isnull=True) | Q(known_to__gt=position)
    )


def _status_from_rows(summit: Summit, basis: Basis) -> tuple[StatusAnswer, Interval | None]:
    """Status at the basis from the interval rows, by index lookups.

    The last row that surely applied (``certain_from <= T``) gives the status; rows that
    may have applied are those whose window contains T, found within the summit's widest
    window after T. Both in one statement (:func:`sql.status_rows`).
    """
    last, window = sql.status_rows(summit.slug, basis.position, basis.moment, summit.max_uncertainty)
    pending = [row_to_interval(r) for r in window]
    answer = answer_from(row_to_interval(last) if last else None, pending)
    if answer.interval is not None:
        return answer, answer.interval
    # Before the first fact's time (rare): the first interval describes the summit.
    first = pending[0] if pending else _visible(summit.slug, basis.position).order_by(*TIMELINE_ORDER).first()
    if first is None:
        raise NotFound(f"summit {summit.slug!r} has no standing facts: they were retracted", reason="retracted")
    return answer, first if isinstance(first, Interval) else row_to_interval(first)


def summit_state(slug: str, *, valid_at: datetime | None = None, known_at: datetime | None = None) -> SummitView:
    summit = sql.summit_at(slug, known_at)
    if summit is None:
        raise NotFound(f"no summit {slug!r}", reason="unknown")
    basis = Basis(valid_at=valid_at, known_at=known_at, position=summit.basis_position)
    _check_known(summit, basis)
    answer, details = _status_from_rows(summit, basis)
    rows, names = sql.meeting_rows(slug)
    meetings = meetings_at(rows, basis)
    # The summit row holds the current version; an earlier basis read it with the row.
    if basis.position >= summit.last_position:
        version = summit.version
    else:
        version = summit.basis_version or 0
    return _view(summit.slug, answer, details, meetings, version, basis, names=names)


def _view(
    slug: str,
    answer: StatusAnswer,
    details: Interval | None,
    meetings: list[MeetingView],
    version: int,
    basis: Basis,
    *,
    names: dict[str, str] | None = None,
) -> SummitView:
    """``names``: envoy names already read; those of other envoys the meetings name (a
    past basis may name an envoy the current rows no longer do) are read here."""
    envoy_slugs = sorted({p["envoy"] for m in meetings for p in m.participants if p.get("envoy")})
    names = names or {}
    missing = [s for s in envoy_slugs if s not in names]
    if missing:
        names = {**names, **sql.envoy_names(missing)}
    return SummitView(
        slug=slug,
        title=details.title if details else "",
        status=answer.status,
        certainty=answer.certainty,
        possible_statuses=list(answer.possible_statuses),
        scheduled_for=details.scheduled_for if details else None,
        location=details.location if details else "",
        parties=list(details.parties) if details else [],
        leaders=list(details.leaders) if details else [],
        envoys=[{"slug": s, "name": names[s]} for s in envoy_slugs if s in names],
        meetings=meetings,
        version=version,
        basis=basis,
    )


def summit_state_replayed(
    slug: str, *, valid_at: datetime | None = None, known_at: datetime | None = None
) -> SummitView:
    """The reference answer: fold the raw events, no projection involved."""
    basis = resolve_basis(valid_at=valid_at, known_at=known_at)
    events = eventstore.read_stream(StreamId("summit", slug), up_to_position=basis.position)
    if not events:
        raise NotFound(f"no summit {slug!r} at this basis", reason="unknown")
    timeline = build_timeline(effective_facts(events))
    if not timeline:
        raise NotFound(f"summit {slug!r} has no standing facts: they were retracted", reason="retracted")
    answer = status_at(timeline, basis.moment)
    meetings = meetings_at(list(Meeting.objects.filter(summit_slug=slug).order_by("valid_from", "meeting_id")), basis)
    return _view(slug, answer, answer.interval or timeline[0], meetings, events[-1].version, basis)


def summit_timeline(slug: str, *, known_at: datetime | None = None) -> list[TimelineEntry]:
    _, entries = summit_timeline_paged(slug, known_at=known_at)
    return entries[0:]


def summit_timeline_paged(slug: str, *, known_at: datetime | None = None) -> tuple[Basis, Paged[TimelineEntry]]:
    """The timeline as known at ``known_at``, read page by page in valid-time order."""
    basis = resolve_basis(known_at=known_at)
    _summit_row(slug, basis)
    # The primary key last: rows equal on every timeline key still page in one order.
    rows = _visible(slug, basis.position).order_by(*TIMELINE_ORDER, "pk")
    return basis, Paged(rows, _timeline_entries, lookahead=True)


def _timeline_entries(rows: Sequence[SummitInterval], after: SummitInterval | None) -> list[TimelineEntry]:
    """Entries for consecutive rows; ``after`` is the row following the last (its
    ``valid_from`` ends the last interval), None at the end of the timeline."""
    intervals = [row_to_interval(r) for r in rows]
    ends = [i.valid_from for i in intervals[1:]] + [after.valid_from if after else None]
    return [
        TimelineEntry(
            event_id=row.event_id,
            status=row.status,
            change=row.change,
            valid_from=row.valid_from,
            valid_to=end,
            certain_from=row.certain_from,
            precision=row.precision,
            certainty="definite" if row.certain_from == row.valid_from else "possible",
            recorded_at=row.recorded_at,
            sources=list(row.sources),
            announced_by=row.announced_by,
            confidence=row.confidence,
            reverses=row.reverses,
            rapid_reversal=row.rapid_reversal,
            elapsed_hours=row.elapsed_hours,
            corroborations=max(len(row.sources) - 1, 0),
        )
        for row, end in zip(intervals, ends, strict=True)
    ]


def summit_events(slug: str, *, known_at: datetime | None = None) -> list[RecordedEvent]:
    basis = resolve_basis(known_at=known_at)
    _summit_row(slug, basis)
    return eventstore.read_stream(StreamId("summit", slug), up_to_position=basis.position)


def summit_events_paged(slug: str, *, known_at: datetime | None = None) -> tuple[Basis, eventstore.StreamPages]:
    """The summit stream's events as known at ``known_at``, read page by page in version order."""
    basis = resolve_basis(known_at=known_at)
    _summit_row(slug, basis)
    return basis, eventstore.StreamPages(StreamId("summit", slug), up_to_position=basis.position)


_DIFF_FIELDS = ("status", "certainty", "possible_statuses", "scheduled_for", "location", "title", "parties", "leaders")


def summit_diff(
    slug: str,
    *,
    valid_from: datetime | None,
    valid_to: datetime | None,
    known_from: datetime | None = None,
    known_to: datetime | None = None,
) -> dict[str, Any]:
    """What changed between two bases: field changes, and status changes in between."""
    before = summit_state(slug, valid_at=valid_from, known_at=known_from)
    after = summit_state(slug, valid_at=valid_to, known_at=known_to)
    changes = [
        {"field": name, "from": getattr(before, name), "to": getattr(after, name)}
        for name in _DIFF_FIELDS
        if getattr(before, name) != getattr(after, name)
    ]
    low, high = before.basis.moment, after.basis.moment
    between = [e for e in summit_timeline(slug, known_at=known_to) if min(low, high) < e.valid_from <= max(low, high)]
    before_ids = {m.meeting_id for m in before.meetings}
    return {
        "from": before,
        "to": after,
        "changes": changes,
        "status_changes": between,
        "meetings_added": [m for m in after.meetings if m.meeting_id not in before_ids],
    }
