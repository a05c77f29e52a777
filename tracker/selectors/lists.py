"""Lists of summits, envoys and meetings (now and at a basis), an envoy at a basis, the event feed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

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

from tracker import eventstore
from tracker.domain.envoy import fold_envoy
from tracker.domain.errors import NotFound
from tracker.domain.facts import effective_facts
from tracker.domain.summit import Interval, answer_from
from tracker.domain.time import end_of_day, start_of_day
from tracker.eventstore import RecordedEvent, StreamId
from tracker.models import Envoy, Meeting, Summit, SummitInterval
from tracker.projections import row_to_interval
from tracker.selectors.base import (
    TIMELINE_ORDER,
    Basis,
    MeetingView,
    Paged,
    meetings_at,
    resolve_basis,
)
from tracker.selectors.summits import SummitSummary

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
    # As in the detail read (selectors/sql.py): bounded by the head as known at the basis.
    written = SummitInterval.objects.filter(summit_slug=OuterRef(OuterRef("slug")), known_from__lte=position)
    head = Subquery(written.order_by("-known_from").values("head_certain_from")[:1])
    sure = rows.filter(certain_from__lte=moment).filter(certain_from__lte=head)
    sure = sure.order_by(*(f"-{k}" for k in TIMELINE_ORDER)).values("pk")[:1]
    # As in the detail read: the rows that may have applied lie within the summit's widest window after T.
    reach = ExpressionWrapper(Value(moment) + OuterRef("max_uncertainty"), output_field=DateTimeField())
    maybe = rows.filter(certain_from__gt=moment, certain_from__lte=reach, valid_from__lte=moment)
    first = rows.order_by(*TIMELINE_ORDER).values("pk")[:1]
    summits = (
        Summit.objects.filter(first_position__lte=position)
        .annotate(
            sure_pk=Subquery(sure),
            shown_pk=Coalesce(
                Subquery(sure), Subquery(maybe.order_by(*TIMELINE_ORDER).values("pk")[:1]), Subquery(first)
            ),
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
    rows = list(SummitInterval.objects.filter(query).order_by(*TIMELINE_ORDER))
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
    changed = eventstore.read_streams(
        "envoy", [e.slug for e in envoys if e.last_position > basis.position], up_to_position=basis.position
    )
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
