"""Read models of W4's longest histories, folded in one pass by the project's domain code.

Projecting a summit append by append (``projections.project``, or ``rebuild``, which
replays the same way) costs about 3 ms an event on this machine, mostly ORM work per
append: 111,010 events would take five to six minutes, more than half of the
``make bench`` budget. The summits under test are built so that every event is its own
append and lands at the head of the timeline (valid times strictly increase), and for
such a stream the projector's rows are known in closed form: one interval row per
status fact, from :func:`tracker.domain.summit.build_timeline` (the fold the projector
itself runs), known from the fact's own position and never closed; and one summit row
with the head interval's details. :func:`fold_summit` writes exactly those rows.

That claim is checked in every run, not trusted: :func:`compare_with_projector` folds a
summit that the project's projector did build and requires the same rows, field by
field; W4 then also compares answers with :func:`tracker.selectors.summit_state_replayed`
(the reference fold of the raw events) on every size.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from tracker import eventstore
from tracker.domain.events import META_TYPES
from tracker.domain.facts import effective_facts
from tracker.domain.summit import Interval, build_timeline
from tracker.eventstore import RecordedEvent, StreamId
from tracker.models import Summit, SummitInterval
from tracker.projections import interval_to_row_values

_SUMMIT_FIELDS = (
    "title", "status", "scheduled_for", "location", "parties", "leaders", "version", "first_position",
    "last_position", "max_uncertainty",
)  # fmt: skip


def _interval_rows(slug: str, events: Sequence[RecordedEvent]) -> list[dict[str, Any]]:
    """Every interval row a head-append projection leaves: known from its own append."""
    timeline = build_timeline(effective_facts(events))
    return [
        {"summit_slug": slug, "known_from": i.position, "known_to": None, **interval_to_row_values(i)} for i in timeline
    ]


def _summit_row(slug: str, events: Sequence[RecordedEvent], head: Interval | None) -> dict[str, Any]:
    widths = [e.valid_to - e.valid_from for e in events if e.valid_from and e.valid_to]
    values = interval_to_row_values(head) if head else {}
    return {
        "slug": slug,
        "title": values.get("title", ""),
        "status": values.get("status", ""),
        "scheduled_for": values.get("scheduled_for"),
        "location": values.get("location", ""),
        "parties": values.get("parties", []),
        "leaders": values.get("leaders", []),
        "version": events[-1].version,
        "first_position": events[0].position,
        "last_position": events[-1].position,
        "max_uncertainty": max(widths, default=timedelta(0)),
    }


def _read(slug: str) -> list[RecordedEvent]:
    events = eventstore.read_stream(StreamId("summit", slug))
    if not events:
        raise ValueError(f"summit/{slug} has no events")
    if any(e.type in META_TYPES for e in events):
        raise ValueError(f"summit/{slug} has amendments: a one-pass fold is not what the projector would give")
    ends = [e.valid_to for e in events]
    if any(e.valid_from is None or e.valid_to is None for e in events) or ends != sorted(set(ends)):
        raise ValueError(f"summit/{slug}: not every event lands at the head of its timeline")
    return events


def fold_summit(slug: str, *, batch_size: int = 5000) -> int:
    """Write the read models of summit ``slug`` (bulk-built, never projected); returns rows."""
    from django.db import transaction

    events = _read(slug)
    rows = _interval_rows(slug, events)
    head = build_timeline(effective_facts(events))[-1] if rows else None
    with transaction.atomic():
        SummitInterval.objects.bulk_create([SummitInterval(**row) for row in rows], batch_size=batch_size)
        Summit.objects.create(**_summit_row(slug, events, head))
    return len(rows)


def _stored_intervals(slug: str) -> list[dict[str, Any]]:
    names = [f.attname for f in SummitInterval._meta.concrete_fields if f.attname != "id"]
    return list(SummitInterval.objects.filter(summit_slug=slug).order_by("known_from", "event_id").values(*names))


def _normal(row: dict[str, Any]) -> dict[str, str]:
    return {key: str(value) for key, value in row.items()}


def compare_with_projector(slug: str) -> int:
    """Fold summit ``slug`` (already projected by the project's projector) in memory and
    require the same interval and summit rows; returns the rows compared."""
    events = _read(slug)
    folded = sorted(_interval_rows(slug, events), key=lambda r: (r["known_from"], str(r["event_id"])))
    stored = _stored_intervals(slug)
    if len(folded) != len(stored):
        raise AssertionError(f"{slug}: fold gives {len(folded)} interval rows, the projector {len(stored)}")
    for mine, theirs in zip(folded, stored, strict=True):
        if _normal(mine) != _normal({k: theirs[k] for k in mine}):
            diff = {k: (mine[k], theirs[k]) for k in mine if str(mine[k]) != str(theirs[k])}
            raise AssertionError(f"{slug}: folded interval row differs from the projector's: {diff}")
    head = build_timeline(effective_facts(events))[-1] if folded else None
    mine = _summit_row(slug, events, head)
    theirs = Summit.objects.filter(slug=slug).values("slug", *_SUMMIT_FIELDS).get()
    if _normal(mine) != _normal(theirs):
        diff = {k: (mine[k], theirs[k]) for k in mine if str(mine[k]) != str(theirs[k])}
        raise AssertionError(f"{slug}: folded summit row differs from the projector's: {diff}")
    return len(stored) + 1
