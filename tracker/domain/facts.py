"""From stored events to effective facts: retractions, corrections, corroborations and
anchors applied, as known at some position.

The domain reads events through the :class:`StoredEvent` protocol, so it needs nothing
from Django; :class:`tracker.eventstore.RecordedEvent` satisfies it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from .events import EVENT_CORRECTED, EVENT_RETRACTED, FACT_CORROBORATED, META_TYPES
from .time import ValidTime


class StoredEvent(Protocol):
    id: Any
    type: str
    data: dict[str, Any]
    valid_from: datetime | None
    valid_to: datetime | None
    valid_precision: str
    position: int
    recorded_at: datetime
    source: dict[str, Any]
    confidence: float


@dataclass(frozen=True)
class Fact:
    """An event as currently believed: corrected, with all its sources."""

    id: str
    type: str
    data: dict[str, Any]
    time: ValidTime | None
    position: int
    recorded_at: datetime
    confidence: float
    sources: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    anchor: dict[str, Any] | None = None


def stored_time(event: StoredEvent) -> ValidTime | None:
    if event.valid_from is None:
        return None
    return ValidTime(event.valid_from, event.valid_to or event.valid_from, event.valid_precision or "exact")


def effective_facts(events: Iterable[StoredEvent], *, known_position: int | None = None) -> list[Fact]:
    """The non-meta events of a stream as believed at ``known_position`` (None: now).

    Events are consumed in position order, so a later correction wins over an earlier one.
    """
    ordered = sorted(
        (e for e in events if known_position is None or e.position <= known_position), key=lambda e: e.position
    )
    # A retraction withdraws a fact, a correction or a corroboration: whatever it names
    # counts as never recorded (as known from the retraction's position on).
    withdrawn = {str(e.data.get("event_id")) for e in ordered if e.type == EVENT_RETRACTED}
    facts: dict[str, Fact] = {}
    for event in ordered:
        if str(event.id) in withdrawn:
            continue
        if event.type not in META_TYPES:
            anchor = event.data.get("anchor")
            facts[str(event.id)] = Fact(
                id=str(event.id),
                type=event.type,
                data=dict(event.data),
                time=stored_time(event),
                position=event.position,
                recorded_at=event.recorded_at,
                confidence=event.confidence,
                sources=(event.source,) if event.source else (),
                anchor=anchor,
            )
            continue
        target = str(event.data.get("event_id"))
        fact = facts.get(target)
        if fact is None or event.type == EVENT_RETRACTED:
            continue  # retractions were applied up front
        if event.type == EVENT_CORRECTED:
            data = {**fact.data, **event.data.get("data", {})}
            time = ValidTime.from_dict(event.data["valid_time"]) if event.data.get("valid_time") else fact.time
            anchor = data.get("anchor") if "anchor" in event.data.get("data", {}) else fact.anchor
            if event.data.get("valid_time") and "anchor" not in event.data.get("data", {}):
                anchor = None  # an explicit new time replaces the anchor
                data.pop("anchor", None)
            facts[target] = replace(fact, data=data, time=time, anchor=anchor)
        elif event.type == FACT_CORROBORATED:
            narrowed = fact.time
            if event.data.get("valid_time"):
                claimed = ValidTime.from_dict(event.data["valid_time"])
                narrowed = _narrow(fact.time, claimed)
            facts[target] = replace(
                fact,
                sources=(*fact.sources, event.source),
                confidence=max(fact.confidence, event.confidence),
                time=narrowed,
            )
    return _resolve_anchors(list(facts.values()))


def _narrow(current: ValidTime | None, claimed: ValidTime) -> ValidTime | None:
    """A corroborating claim with a narrower, overlapping interval narrows the fact."""
    if current is None:
        return claimed
    if not current.overlaps(claimed):
        return current
    earliest, latest = max(current.earliest, claimed.earliest), min(current.latest, claimed.latest)
    if (earliest, latest) == (current.earliest, current.latest):
        return current
    precision = claimed.precision if (earliest, latest) == (claimed.earliest, claimed.latest) else "range"
    return ValidTime(earliest, latest, precision)


def _resolve_anchors(facts: Sequence[Fact]) -> list[Fact]:
    """Anchored facts take their anchor's current time plus the offset (chains allowed)."""
    by_id = {f.id: f for f in facts}
    resolved: dict[str, Fact] = {}

    def resolve(fact: Fact, depth: int = 0) -> Fact:
        if fact.id in resolved:
            return resolved[fact.id]
        result = fact
        if fact.anchor and depth < 16:
            base = by_id.get(str(fact.anchor.get("event_id")))
            if base is not None:
                base = resolve(base, depth + 1)
                if base.time is not None:
                    result = replace(fact, time=base.time.shifted(float(fact.anchor.get("offset_hours", 0))))
        resolved[fact.id] = result
        return result

    return [resolve(f) for f in facts]
