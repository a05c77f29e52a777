"""The summit: its status machine, its timeline, and its state at a valid time.

The timeline is a fold of the summit's status facts in *valid-time* order (never arrival
order), so ingesting the same facts in any order gives the same answers. Facts are ordered
by their latest possible time (then earliest, lifecycle rank and content): that makes
"surely happened by T" a prefix of the timeline, which an index range can find. Each status fact
becomes one :class:`Interval`, a snapshot of the summit from that fact on; the interval
ends where the next one begins. The fold can start from any interval's snapshot, which is
what lets the projection recompute only the tail that a new fact touches.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .errors import IllegalTransition, InvalidCommand
from .events import CHANGE_OF_TYPE, SUMMIT_CHANGES
from .facts import Fact
from .time import ValidTime, hours_between

RAPID_REVERSAL_HOURS = 24.0

# Order of changes that share a valid time: the lifecycle order.
RANK = {change: n for n, change in enumerate(SUMMIT_CHANGES)}

# Which changes may directly follow each status (see REACHABLE for what check_transition uses).
ALLOWED: dict[str | None, frozenset[str]] = {
    None: frozenset({"proposed", "scheduled"}),
    "proposed": frozenset({"proposed", "scheduled", "cancelled", "postponed", "held"}),
    "scheduled": frozenset({"scheduled", "rescheduled", "cancelled", "postponed", "held"}),
    "cancelled": frozenset({"reinstated", "proposed", "scheduled"}),
    "postponed": frozenset({"rescheduled", "reinstated", "scheduled", "cancelled"}),
    "held": frozenset({"held", "concluded"}),
    "concluded": frozenset(),
}

# A change undoes the previous one when it is one of these (cancelled then reinstated...).
UNDOES: dict[str, frozenset[str]] = {
    "reinstated": frozenset({"cancelled", "postponed"}),
    "cancelled": frozenset({"proposed", "scheduled", "rescheduled", "reinstated"}),
    "postponed": frozenset({"scheduled", "rescheduled", "reinstated"}),
    "rescheduled": frozenset({"postponed"}),
}

DETAIL_KEYS = ("title", "parties", "leaders", "location", "scheduled_for")
_NOT_SORTED_ON = ("reverses", "anchor", "note", "announced_by")


@dataclass(frozen=True)
class Interval:
    """The summit from one status fact on (until the next interval's ``valid_from``)."""

    event_id: str
    change: str
    status: str
    valid_from: datetime  # the fact's earliest time: the status may hold from here
    certain_from: datetime  # the fact's latest time: the status surely holds from here (the order key)
    precision: str
    rank: int
    tiebreak: str
    resume_status: str | None  # what a reinstatement returns to
    reverses: str | None = None
    elapsed_hours: float | None = None
    rapid_reversal: bool = False
    title: str = ""
    parties: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    location: str = ""
    scheduled_for: str | None = None
    announced_by: str = ""
    confidence: float = 1.0
    sources: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    recorded_at: datetime | None = None
    position: int = 0
    anchor_event_id: str | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.certain_from, self.valid_from, self.rank, self.tiebreak)

    @property
    def time(self) -> ValidTime:
        return ValidTime(self.valid_from, self.certain_from, self.precision)


@dataclass(frozen=True)
class StatusAnswer:
    status: str | None
    certainty: str  # "definite" or "possible"
    possible_statuses: tuple[str | None, ...]
    interval: Interval | None


def change_of(fact_type: str) -> str | None:
    return CHANGE_OF_TYPE.get(fact_type)


def fact_sort_key(fact: Fact) -> tuple:
    change = CHANGE_OF_TYPE[fact.type]
    assert fact.time is not None
    tiebreak = json.dumps({k: v for k, v in fact.data.items() if k not in _NOT_SORTED_ON}, sort_keys=True)
    return (fact.time.latest, fact.time.earliest, RANK[change], tiebreak)


def status_facts(facts: Sequence[Fact]) -> list[Fact]:
    """The status facts in valid-time order (facts without a valid time are skipped)."""
    chosen = [f for f in facts if f.type in CHANGE_OF_TYPE and f.time is not None]
    return sorted(chosen, key=fact_sort_key)


def _next_status(previous: Interval | None, change: str) -> tuple[str, str | None]:
    before = previous.status if previous else None
    if change in ("scheduled", "rescheduled"):
        return "scheduled", None
    if change in ("cancelled", "postponed"):
        return change, before if before in ("proposed", "scheduled") else "scheduled"
    if change == "reinstated":
        return (previous.resume_status if previous and previous.resume_status else "scheduled"), None
    return change, None


def fold_timeline(
    ordered: Sequence[Fact], *, before: Interval | None = None, history: Sequence[Interval] = ()
) -> list[Interval]:
    """Fold status facts (already in valid-time order) into intervals, starting after ``before``.

    ``history`` is the timeline up to ``before`` (used to resolve an explicit ``reverses``).
    """
    out: list[Interval] = []
    previous = before
    known = {i.event_id: i for i in history}
    for fact in ordered:
        change = CHANGE_OF_TYPE[fact.type]
        status, resume = _next_status(previous, change)
        undone: Interval | None = None
        explicit = fact.data.get("reverses")
        if explicit and str(explicit) in known:
            undone = known[str(explicit)]
        elif previous is not None and previous.change in UNDOES.get(change, ()):
            undone = previous
        elapsed = hours_between(undone.time, fact.time) if undone else None
        data = fact.data
        scheduled_for = data.get("scheduled_for") or (previous.scheduled_for if previous else None)
        interval = Interval(
            event_id=fact.id,
            change=change,
            status=status,
            valid_from=fact.time.earliest,
            certain_from=fact.time.latest,
            precision=fact.time.precision,
            rank=RANK[change],
            tiebreak=fact_sort_key(fact)[3],
            resume_status=resume,
            reverses=undone.event_id if undone else None,
            elapsed_hours=elapsed,
            rapid_reversal=elapsed is not None and 0 <= elapsed <= RAPID_REVERSAL_HOURS,
            title=data.get("title") or (previous.title if previous else ""),
            parties=tuple(data.get("parties") or (previous.parties if previous else ())),
            leaders=tuple(data.get("leaders") or (previous.leaders if previous else ())),
            location=data.get("location") or (previous.location if previous else ""),
            scheduled_for=scheduled_for,
            announced_by=data.get("announced_by") or "",
            confidence=fact.confidence,
            sources=fact.sources,
            recorded_at=fact.recorded_at,
            position=fact.position,
            anchor_event_id=str(fact.anchor["event_id"]) if fact.anchor else None,
        )
        out.append(interval)
        known[interval.event_id] = interval
        previous = interval
    return out


def build_timeline(facts: Sequence[Fact]) -> list[Interval]:
    """The reference fold: the whole timeline from all facts."""
    return fold_timeline(status_facts(facts))


def status_at(timeline: Sequence[Interval], moment: datetime) -> StatusAnswer:
    """The status at valid time ``moment``.

    The timeline is ordered by each fact's latest possible time, so the facts that surely
    happened by ``moment`` (latest <= moment) are a prefix: its last interval gives the
    status. Later facts that only may have happened by then (earliest <= moment < latest)
    make the answer ``possible``, listing every status the summit may have been in.
    """
    sure = [row for row in timeline if row.certain_from <= moment]
    pending = [row for row in timeline if row.certain_from > moment and row.valid_from <= moment]
    return answer_from(sure[-1] if sure else None, pending)


def answer_from(last_sure: Interval | None, pending: Sequence[Interval]) -> StatusAnswer:
    """Combine the last surely-applied interval with the ones that may have applied."""
    status = last_sure.status if last_sure else None
    possible: list[str | None] = [status]
    for row in pending:
        if row.status not in possible:
            possible.append(row.status)
    if last_sure is None and not pending:
        return StatusAnswer(None, "definite", (), None)
    certainty = "definite" if len(possible) == 1 else "possible"
    return StatusAnswer(status, certainty, tuple(possible), last_sure)


def _status_after(change: str) -> str:
    return {"rescheduled": "scheduled", "reinstated": "scheduled"}.get(change, change)


def _reachable(allowed: dict[str | None, frozenset[str]]) -> dict[str | None, frozenset[str]]:
    """For each status, every change the machine can make from it in one or more steps."""
    closure: dict[str | None, frozenset[str]] = {}
    for start in allowed:
        seen: set[str] = set()
        frontier = [start]
        while frontier:
            status = frontier.pop()
            for change in allowed[status]:
                if change not in seen:
                    seen.add(change)
                    frontier.append(_status_after(change))
        closure[start] = frozenset(seen)
    return closure


REACHABLE = _reachable(ALLOWED)


def check_transition(timeline: Sequence[Interval], change: str, when: ValidTime, data: dict[str, Any]) -> None:
    """Reject a change the status machine could never make where it falls in valid time.

    News arrives out of order, so the facts between two known ones may still be missing:
    a change is legal when the machine can reach it from the status before it (in one or
    more steps), and can still reach the next known change after it. A legal story is
    therefore accepted whatever order its facts arrive in, while "held -> proposed" or
    "concluded -> cancelled" are refused.
    """
    if change not in SUMMIT_CHANGES:
        raise InvalidCommand(f"unknown summit change {change!r}; expected one of {', '.join(SUMMIT_CHANGES)}")
    if not timeline and change not in ALLOWED[None]:
        raise IllegalTransition(f"a summit must first be proposed or scheduled, not {change}")
    probe = (when.latest, when.earliest, RANK[change])
    before = [row for row in timeline if row.sort_key[:3] <= probe]
    after = [row for row in timeline if row.sort_key[:3] > probe]
    previous = before[-1].status if before else None
    if change not in REACHABLE[previous]:
        if previous is None:
            raise IllegalTransition(f"a summit must first be proposed or scheduled, not {change}")
        allowed = ", ".join(sorted(ALLOWED[previous])) or "nothing"
        raise IllegalTransition(f"illegal transition: a {previous} summit cannot be {change} (allowed: {allowed})")
    if after and after[0].change not in REACHABLE[_status_after(change)]:
        raise IllegalTransition(
            f"illegal transition: {change} at this time would come before {after[0].change}, "
            f"which a {_status_after(change)} summit can never reach"
        )
