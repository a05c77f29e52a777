"""What every read shares: the basis it answers for, paging, meetings at a basis."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.db.models import (
    QuerySet,
)
from django.utils import timezone

from tracker import eventstore
from tracker.domain.facts import effective_facts
from tracker.domain.meeting import MeetingState, fold_meeting
from tracker.models import Meeting

TIMELINE_ORDER = ("certain_from", "valid_from", "rank", "tiebreak")
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


def _meeting_view(meeting_id: str, state: MeetingState) -> MeetingView:
    values = {f.name: getattr(state, f.name) for f in fields(MeetingView) if f.name != "meeting_id"}
    values["participants"], values["sources"] = list(state.participants), list(state.sources)
    return MeetingView(meeting_id=meeting_id, **values)


def meeting_view_from_row(row: Meeting) -> MeetingView:
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
    events = eventstore.read_streams("meeting", changed, up_to_position=basis.position)
    for row in rows:
        if row.first_position > basis.position:
            continue
        if row.meeting_id in events:
            state = fold_meeting(effective_facts(events[row.meeting_id]))
            if state is None:
                continue
            view = _meeting_view(row.meeting_id, state)
        else:
            view = meeting_view_from_row(row)
        if basis.valid_at and view.valid_from and view.valid_from > basis.valid_at:
            continue
        views.append(view)
    return views
