"""Meetings: two or more envoys or leaders, a place, a time, a mode and a status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .events import MEETING_RECORDED, MEETING_STATUS_CHANGED
from .facts import Fact


@dataclass(frozen=True)
class MeetingState:
    participants: tuple[dict[str, Any], ...]  # {"name": ..., "envoy": slug or None}
    location: str
    mode: str
    status: str
    summit: str | None
    valid_from: datetime | None
    valid_to: datetime | None
    precision: str
    sources: tuple[dict[str, Any], ...]
    confidence: float
    title: str = ""


def fold_meeting(facts: Sequence[Fact]) -> MeetingState | None:
    recorded = next((f for f in facts if f.type == MEETING_RECORDED), None)
    if recorded is None:
        return None
    d = recorded.data
    status, location, time = d.get("status", "held"), d.get("location", ""), recorded.time
    sources = list(recorded.sources)
    for fact in sorted((f for f in facts if f.type == MEETING_STATUS_CHANGED), key=lambda f: f.position):
        status = fact.data.get("status", status)
        location = fact.data.get("location") or location
        time = fact.time or time
        sources.extend(fact.sources)
    return MeetingState(
        participants=tuple(d.get("participants", ())),
        location=location,
        mode=d.get("mode", "unknown"),
        status=status,
        summit=d.get("summit"),
        valid_from=time.earliest if time else None,
        valid_to=time.latest if time else None,
        precision=time.precision if time else "",
        sources=tuple(sources),
        confidence=recorded.confidence,
        title=d.get("title", ""),
    )
