"""Reads: current state, state at a valid time and as known at a time, timelines, diffs.

Every read answers for a :class:`Basis`: the valid time it looked at (``valid_at``; now if
not given), what was known (``known_at``; everything if not given) and the event-log
position that knowledge corresponds to. As-of reads use the bitemporal
:class:`~tracker.models.SummitInterval` rows (index lookups); ``summit_state_replayed``
folds the raw events instead and is the reference the tests compare against.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Generic, TypeVar

from django.db import connection
from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from tracker import eventstore
from tracker.domain.envoy import fold_envoy
from tracker.domain.errors import NotFound
from tracker.domain.events import MEETING_RECORDED
from tracker.domain.facts import effective_facts
from tracker.domain.meeting import MeetingState, fold_meeting
from tracker.domain.summit import Interval, StatusAnswer, answer_from, build_timeline, status_at
from tracker.domain.time import end_of_day, start_of_day
from tracker.eventstore import RecordedEvent, StreamId
from tracker.models import Article, Claim, Envoy, Meeting, Summit, SummitInterval
from tracker.projections import row_to_interval

_ORDER = ("certain_from", "valid_from", "rank", "tiebreak")
T = TypeVar("T")


@dataclass(frozen=True)
class Basis:
    valid_at: datetime | None
    known_at: datetime | None
    position: int

    @property
    def moment(self) -> datetime:
        return self.valid_at or timezone.now()


@dataclass(frozen=True)
class MeetingView:
    meeting_id: str
    title: str
    participants: list[dict[str, Any]]
    location: str
    mode: str
    status: str
    summit: str | None
    valid_from: datetime | None
    valid_to: datetime | None
    precision: str
    sources: list[dict[str, Any]]
    confidence: float


@dataclass(frozen=True)
class SummitView:
    slug: str
    title: str
    status: str | None
    certainty: str
    possible_statuses: list[str | None]
    scheduled_for: Any
    location: str
    parties: list[str]
    leaders: list[str]
    envoys: list[dict[str, str]]
    meetings: list[MeetingView]
    version: int
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


class Paged(Generic[T]):
    """A read that pages in the database, for Django's paginator: ``count()`` and each
    slice are one query, and only the rows of the slice become views (``convert``). With
    ``lookahead`` a slice reads one row past its end and hands it to ``convert`` (None at
    the end), for views that need their successor (a timeline interval ends where the
    next begins)."""

    ordered = True  # the paginator warns about unordered querysets; ours are ordered

    def __init__(
        self,
        rows: QuerySet,
        convert: Callable[[list[Any], Any | None], list[T]],
        *,
        lookahead: bool = False,
    ) -> None:
        self._rows, self._convert, self._lookahead = rows, convert, lookahead

    def count(self) -> int:
        return self._rows.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[T]:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("a paged read is sliced by ranges only")
        start, stop = index.start or 0, index.stop
        if start < 0 or (stop is not None and stop < start):
            raise ValueError("a paged read takes forward ranges only")
        if stop is None:
            return self._convert(list(self._rows[start:]), None)
        rows = list(self._rows[start : stop + 1 if self._lookahead else stop])
        after = rows.pop() if len(rows) > stop - start else None
        return self._convert(rows, after)

    def __iter__(self) -> Iterator[T]:
        return iter(self[0:])


def resolve_basis(*, valid_at: datetime | None = None, known_at: datetime | None = None) -> Basis:
    position = eventstore.position_at(known_at) if known_at else eventstore.head_position()
    return Basis(valid_at=valid_at, known_at=known_at, position=position)


def _summit_row(slug: str, basis: Basis) -> Summit:
    summit = Summit.objects.filter(slug=slug).first()
    if summit is None:
        raise NotFound(f"no summit {slug!r}", reason="unknown")
    if basis.position < summit.first_position:
        raise NotFound(f"summit {slug!r} was not yet known at {basis.known_at:%Y-%m-%dT%H:%M:%SZ}", "not_yet_known")
    return summit


def _visible(slug: str, position: int):
    return SummitInterval.objects.filter(summit_slug=slug, known_from__lte=position).filter(
        Q(known_to__isnull=True) | Q(known_to__gt=position)
    )


def _status_from_rows(summit: Summit, basis: Basis) -> tuple[StatusAnswer, Interval | None]:
    """Status at the basis from the interval rows, by index lookups.

    The last row that surely applied (``certain_from <= T``) gives the status; rows that
    may have applied are those whose window contains T, found within the summit's widest
    window after T.
    """
    rows = _visible(summit.slug, basis.position)
    moment = basis.moment
    last = rows.filter(certain_from__lte=moment).order_by(*(f"-{k}" for k in _ORDER)).first()
    pending: list[Interval] = []
    if summit.max_uncertainty:
        window = rows.filter(
            certain_from__gt=moment, certain_from__lte=moment + summit.max_uncertainty, valid_from__lte=moment
        )
        pending = [row_to_interval(r) for r in window.order_by(*_ORDER)]
    answer = answer_from(row_to_interval(last) if last else None, pending)
    if answer.interval is not None:
        return answer, answer.interval
    first = pending[0] if pending else rows.order_by(*_ORDER).first()
    if first is None:
        raise NotFound(f"summit {summit.slug!r} has no standing facts: they were retracted", reason="retracted")
    return answer, first if isinstance(first, Interval) else row_to_interval(first)


def _stream_version(stream: StreamId, position: int) -> int:
    return eventstore.stream_version(stream, up_to_position=position)


def _meeting_view(meeting_id: str, state: MeetingState) -> MeetingView:
    return MeetingView(
        meeting_id=meeting_id,
        title=state.title,
        participants=list(state.participants),
        location=state.location,
        mode=state.mode,
        status=state.status,
        summit=state.summit,
        valid_from=state.valid_from,
        valid_to=state.valid_to,
        precision=state.precision,
        sources=list(state.sources),
        confidence=state.confidence,
    )


def _row_meeting_view(row: Meeting) -> MeetingView:
    return MeetingView(
        meeting_id=row.meeting_id,
        title=row.title,
        participants=row.participants,
        location=row.location,
        mode=row.mode,
        status=row.status,
        summit=row.summit_slug or None,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        precision=row.precision,
        sources=row.sources,
        confidence=row.confidence,
    )


def meetings_at(rows: Sequence[Meeting], basis: Basis) -> list[MeetingView]:
    """Meetings as known at the basis: rows untouched since then are read as they are;
    the others are folded from their events up to the basis position."""
    views: list[MeetingView] = []
    changed = [r.meeting_id for r in rows if r.first_position <= basis.position < r.last_position]
    events = _events_up_to("meeting", changed, basis.position)
    for row in rows:
        if row.first_position > basis.position:
            continue
        if row.meeting_id in events:
            state = fold_meeting(effective_facts(events[row.meeting_id]))
            if state is None:
                continue
            view = _meeting_view(row.meeting_id, state)
        else:
            view = _row_meeting_view(row)
        if basis.valid_at and view.valid_from and view.valid_from > basis.valid_at:
            continue
        views.append(view)
    return views


def summit_state(slug: str, *, valid_at: datetime | None = None, known_at: datetime | None = None) -> SummitView:
    basis = resolve_basis(valid_at=valid_at, known_at=known_at)
    summit = _summit_row(slug, basis)
    answer, details = _status_from_rows(summit, basis)
    meetings = meetings_at(list(Meeting.objects.filter(summit_slug=slug).order_by("valid_from", "meeting_id")), basis)
    # The summit row holds the current version; only an earlier basis asks the log.
    if basis.position >= summit.last_position:
        version = summit.version
    else:
        version = _stream_version(StreamId("summit", slug), basis.position)
    return _view(summit.slug, answer, details, meetings, version, basis)


def _view(
    slug: str,
    answer: StatusAnswer,
    details: Interval | None,
    meetings: list[MeetingView],
    version: int,
    basis: Basis,
) -> SummitView:
    envoy_slugs = sorted({p["envoy"] for m in meetings for p in m.participants if p.get("envoy")})
    names = dict(Envoy.objects.filter(slug__in=envoy_slugs).values_list("slug", "name"))
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
    rows = _visible(slug, basis.position).order_by(*_ORDER, "pk")
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


# --- lists and the feed (read by the REST API) ------------------------------------------


def summit_list(
    *,
    status: str | None = None,
    party: str | None = None,
    location: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Summit]:
    """Summits in their current state, filtered; ordered by scheduled date then slug."""
    rows = Summit.objects.all()
    if status:
        rows = rows.filter(status=status)
    if party:
        rows = rows.filter(_has_party(party))
    if location:
        rows = rows.filter(location__icontains=location)
    if date_from:
        rows = rows.filter(scheduled_for__gte=date_from)
    if date_to:
        rows = rows.filter(scheduled_for__lte=date_to)
    return rows.order_by("scheduled_for", "slug")


def _has_party(party: str) -> Q:
    """Rows whose ``parties`` (a JSON list of country codes) hold ``party``."""
    code = party.upper()
    if connection.features.supports_json_field_contains:
        return Q(parties__contains=[code])
    # SQLite has no JSON containment: match the quoted code in the JSON text (codes are
    # letters only, so the quotes cannot be forged).
    return Q(parties__icontains=f'"{code}"')


def envoy_list(*, country: str | None = None, name: str | None = None) -> QuerySet[Envoy]:
    rows = Envoy.objects.all()
    if country:
        rows = rows.filter(country=country.upper())
    if name:
        rows = rows.filter(Q(name__icontains=name) | Q(slug__icontains=name))
    return rows.order_by("name", "slug")


@dataclass(frozen=True)
class EnvoyView:
    slug: str
    name: str
    aliases: list[str]
    country: str
    roles: list[dict[str, Any]]  # each with ``active``: held at the basis's valid time
    meetings: list[MeetingView]
    version: int
    basis: Basis


def envoy_state(slug: str, *, valid_at: datetime | None = None, known_at: datetime | None = None) -> EnvoyView:
    """An envoy as known at ``known_at``: roles over time (flagged when held at ``valid_at``)
    and the meetings the envoy took part in up to ``valid_at``."""
    basis = resolve_basis(valid_at=valid_at, known_at=known_at)
    envoy = Envoy.objects.filter(slug=slug).first()
    if envoy is None:
        raise NotFound(f"no envoy {slug!r}", reason="unknown")
    if basis.position < envoy.first_position:
        raise NotFound(f"envoy {slug!r} was not yet known at that time", reason="not_yet_known")
    name, aliases, country, roles, version = envoy.name, envoy.aliases, envoy.country, envoy.roles, envoy.version
    if basis.position < envoy.last_position:
        events = eventstore.read_stream(StreamId("envoy", slug), up_to_position=basis.position)
        state = fold_envoy(effective_facts(events))
        if state is None:
            raise NotFound(f"envoy {slug!r} was retracted", reason="retracted")
        name, aliases, country = state.name, list(state.aliases), state.country
        roles, version = [r.__dict__ for r in state.roles], events[-1].version
    dated = _roles_at(roles, basis)
    meetings = Meeting.objects.filter(Q(participant_rows__envoy_slug=slug) | Q(participant_rows__name=envoy.name))
    views = meetings_at(list(meetings.distinct().order_by("valid_from", "meeting_id")), basis)
    return EnvoyView(slug, name, list(aliases), country, dated, views, version, basis)


def _roles_at(roles: Sequence[dict[str, Any]], basis: Basis) -> list[dict[str, Any]]:
    """Roles, each flagged ``active`` when held on the day of the basis's valid time."""
    day = basis.moment.date().isoformat()
    return [{**r, "active": (r.get("start") or "") <= day and (not r.get("end") or day < r["end"])} for r in roles]


def meeting_list(
    *,
    participant: str | None = None,
    location: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    summit: str | None = None,
    status: str | None = None,
    mode: str | None = None,
) -> QuerySet[Meeting]:
    """Meetings in their current state; ``participant`` is an envoy slug or a name."""
    rows = Meeting.objects.all()
    if participant:
        rows = rows.filter(
            Q(participant_rows__envoy_slug=participant) | Q(participant_rows__name__iexact=participant)
        ).distinct()
    if location:
        rows = rows.filter(location__icontains=location)
    if date_from:
        rows = rows.filter(valid_to__gte=start_of_day(date_from))
    if date_to:
        rows = rows.filter(valid_from__lte=end_of_day(date_to))
    if summit:
        rows = rows.filter(summit_slug=summit)
    if status:
        rows = rows.filter(status=status)
    if mode:
        rows = rows.filter(mode=mode)
    return rows.order_by("valid_from", "meeting_id")


# --- lists at a basis: a fixed number of queries per page, whatever the data size ------


@dataclass(frozen=True)
class SummitSummary:
    """A summit in a list: the fields of :class:`SummitView` that a list shows, at its basis."""

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
class EnvoySummary:
    slug: str
    name: str
    aliases: list[str]
    country: str
    roles: list[dict[str, Any]]  # each with ``active``: held at the basis's valid time
    version: int


def _visible_at(position: int) -> Q:
    return Q(known_from__lte=position) & (Q(known_to__isnull=True) | Q(known_to__gt=position))


def summit_list_at(
    *,
    valid_at: datetime | None = None,
    known_at: datetime | None = None,
    status: str | None = None,
    party: str | None = None,
    location: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> tuple[Basis, Paged[SummitSummary]]:
    """Summits at a basis, filtered on their state there, by scheduled date then slug.

    Each item answers as :func:`summit_state` does, in a fixed number of queries per page:
    correlated subqueries pick, for every summit at once, the interval rows the detail read
    looks up one at a time (the last row surely applied at T; else the first that may have
    applied; else the first), so the filters, the count and the order run in the database.
    ``status`` filters on the status at T, the other filters on the summit's details there.
    Summits not yet known at ``known_at``, or with every fact retracted by then, are absent.
    """
    basis = resolve_basis(valid_at=valid_at, known_at=known_at)
    moment, position = basis.moment, basis.position
    rows = SummitInterval.objects.filter(_visible_at(position), summit_slug=OuterRef("slug"))
    sure = rows.filter(certain_from__lte=moment).order_by(*(f"-{k}" for k in _ORDER)).values("pk")[:1]
    # As in the detail read: the rows that may have applied lie within the summit's widest window after T.
    reach = ExpressionWrapper(Value(moment) + OuterRef("max_uncertainty"), output_field=DateTimeField())
    maybe = rows.filter(certain_from__gt=moment, certain_from__lte=reach, valid_from__lte=moment)
    first = rows.order_by(*_ORDER).values("pk")[:1]
    summits = (
        Summit.objects.filter(first_position__lte=position)
        .annotate(
            sure_pk=Subquery(sure),
            shown_pk=Coalesce(Subquery(sure), Subquery(maybe.order_by(*_ORDER).values("pk")[:1]), Subquery(first)),
        )
        .filter(Exists(rows))  # else every fact was retracted by then
    )
    shown = SummitInterval.objects.filter(pk=OuterRef("shown_pk")).order_by()
    if status:
        summits = summits.filter(Exists(SummitInterval.objects.filter(pk=OuterRef("sure_pk"), status=status)))
    details = Q()
    if party:
        details &= _has_party(party)
    if location:
        details &= Q(location__icontains=location)
    if date_from:
        details &= Q(scheduled_for__gte=date_from)
    if date_to:
        details &= Q(scheduled_for__lte=date_to)
    if details:
        summits = summits.filter(Exists(shown.filter(details)))
    summits = summits.annotate(
        shown_date=Subquery(shown.values("scheduled_for")[:1]),
        version_at=Case(
            When(last_position__lte=position, then=F("version")),
            default=eventstore.version_subquery("summit", OuterRef("slug"), position),
        ),
    ).order_by(F("shown_date").asc(nulls_last=True), "slug")
    return basis, Paged(summits, lambda page, _: _summit_summaries(page, basis))


def _summit_summaries(summits: Sequence[Summit], basis: Basis) -> list[SummitSummary]:
    """One query for a page: the rows the list picked, and the rows whose window contains T."""
    moment = basis.moment
    query = Q(pk__in={s.shown_pk for s in summits} | {s.sure_pk for s in summits if s.sure_pk})
    reach = {s.slug: s.max_uncertainty for s in summits if s.max_uncertainty}
    if reach:
        query |= Q(
            _visible_at(basis.position),
            summit_slug__in=list(reach),
            certain_from__gt=moment,
            certain_from__lte=moment + max(reach.values()),
            valid_from__lte=moment,
        )
    rows = list(SummitInterval.objects.filter(query).order_by(*_ORDER))
    by_pk = {row.pk: row for row in rows}
    pending: dict[str, list[Interval]] = defaultdict(list)
    for row in rows:
        widest = reach.get(row.summit_slug, timedelta(0))
        if row.valid_from <= moment < row.certain_from <= moment + widest:
            pending[row.summit_slug].append(row_to_interval(row))
    items = []
    for summit in summits:
        sure = row_to_interval(by_pk[summit.sure_pk]) if summit.sure_pk else None
        answer = answer_from(sure, pending[summit.slug])
        shown = row_to_interval(by_pk[summit.shown_pk])
        items.append(
            SummitSummary(
                slug=summit.slug,
                title=shown.title,
                status=answer.status,
                certainty=answer.certainty,
                possible_statuses=list(answer.possible_statuses),
                scheduled_for=shown.scheduled_for,
                location=shown.location,
                parties=list(shown.parties),
                leaders=list(shown.leaders),
                version=summit.version_at or 0,
            )
        )
    return items


def _events_up_to(stream_type: str, ids: Sequence[str], position: int) -> dict[str, list[RecordedEvent]]:
    """The events of several streams up to ``position``, by stream id: one query."""
    return eventstore.read_streams(stream_type, ids, up_to_position=position)


def envoy_list_at(
    *,
    valid_at: datetime | None = None,
    known_at: datetime | None = None,
    country: str | None = None,
    name: str | None = None,
) -> tuple[Basis, Paged[EnvoySummary]]:
    """Envoys known at the basis, roles flagged ``active`` at its valid time. Envoys changed
    since are folded from their events up to the basis (one query per page); the filters
    apply to the current rows."""
    basis = resolve_basis(valid_at=valid_at, known_at=known_at)
    rows = envoy_list(country=country, name=name).filter(first_position__lte=basis.position)
    return basis, Paged(rows, lambda page, _: _envoy_summaries(page, basis))


def _envoy_summaries(envoys: Sequence[Envoy], basis: Basis) -> list[EnvoySummary]:
    changed = _events_up_to("envoy", [e.slug for e in envoys if e.last_position > basis.position], basis.position)
    items = []
    for envoy in envoys:
        name, aliases, country, roles, version = envoy.name, envoy.aliases, envoy.country, envoy.roles, envoy.version
        if envoy.slug in changed:
            state = fold_envoy(effective_facts(changed[envoy.slug]))
            if state is None:
                continue
            name, aliases, country = state.name, list(state.aliases), state.country
            roles, version = [r.__dict__ for r in state.roles], changed[envoy.slug][-1].version
        items.append(EnvoySummary(envoy.slug, name, list(aliases), country, _roles_at(roles, basis), version))
    return items


def meeting_list_at(
    *, valid_at: datetime | None = None, known_at: datetime | None = None, **filters: Any
) -> tuple[Basis, Paged[MeetingView]]:
    """Meetings known at the basis and begun by its valid time, as :func:`meetings_at`
    resolves them (those changed since are folded up to the basis: one query per page).
    ``filters`` are :func:`meeting_list`'s and apply to the current rows."""
    basis = resolve_basis(valid_at=valid_at, known_at=known_at)
    rows = meeting_list(**filters).filter(first_position__lte=basis.position)
    if valid_at is not None:
        rows = rows.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=valid_at))
    return basis, Paged(rows, lambda page, _: meetings_at(page, basis))


def event_feed(*, after: int = 0, limit: int = 100, stream_type: str | None = None) -> list[RecordedEvent]:
    """The global feed after ``after``, in position order (gap-safe: see the event store)."""
    return eventstore.read_all(after=after, limit=limit, stream_type=stream_type)


def event_get(event_id: str) -> RecordedEvent:
    event = eventstore.get_event(event_id)
    if event is None:
        raise NotFound(f"no event {event_id}", reason="unknown")
    return event


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
    return [_row_meeting_view(r) for r in rows.order_by("valid_from", "meeting_id")]


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
