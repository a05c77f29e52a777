"""Plain-dict representations of the hottest answers, equal to their serializers' output.

DRF's generic ``Serializer.to_representation`` deep-copies its fields and visits each one
through ``get_attribute``: half a millisecond for a summit with a few meetings, more than
the reads themselves. These functions build the same JSON directly. The serializers stay
the documentation (drf-spectacular reads their fields for the OpenAPI schema) and
delegate here (``to_representation``), so there is one representation;
``tests/api/test_plain_representations.py`` checks it against DRF's generic one, field
for field and in the same key order.

The rules they reproduce: a None attribute is None whatever its field; ``CharField`` is
``str()``, ``IntegerField`` ``int()``, ``FloatField`` ``float()``; a list field maps
its child over the items (None stays None); dates and datetimes go through DRF's own
fields (ISO 8601, UTC as ``Z``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any

from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from tracker.selectors import Basis, MeetingView, SummitView

_DATETIME = serializers.DateTimeField()
_DATE = serializers.DateField()


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _texts(values: Iterable[Any] | None) -> list[str | None] | None:
    return None if values is None else [_text(v) for v in values]


def _zone() -> tzinfo | None:
    """The zone DRF's DateTimeField renders in, looked up once per answer (DRF looks it
    up for every value); None where the fast path in :func:`_datetime` does not apply."""
    if getattr(_DATETIME, "format", api_settings.DATETIME_FORMAT).lower() != ISO_8601:
        return None
    return _DATETIME.default_timezone()


def _datetime(value: Any, zone: tzinfo | None = None) -> str | None:
    """``DateTimeField().to_representation``; for an aware datetime and a ``zone`` from
    :func:`_zone`, its ISO 8601 branch done here."""
    if value is None:
        return None
    if zone is None or not isinstance(value, datetime) or value.tzinfo is None:
        return _DATETIME.to_representation(value)
    try:
        text = value.astimezone(zone).isoformat()
    except OverflowError:
        return _DATETIME.to_representation(value)  # DRF's own error
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _number(value: Any, kind: type) -> Any:
    return None if value is None else kind(value)


def source(value: Any) -> dict[str, Any]:
    """``SourceOutput``: sources are stored as given; every key shown, ``kind`` always."""
    shown = dict(value) if isinstance(value, dict) else {}
    shown.setdefault("kind", "unknown")
    return shown


def sources(values: Iterable[Any] | None) -> list[dict[str, Any]] | None:
    return None if values is None else [source(v) for v in values]


def participant(value: Any) -> dict[str, Any]:
    """``ParticipantOutput``."""
    return {"name": value.get("name", ""), "envoy": value.get("envoy") or None}


def meeting(view: MeetingView, zone: tzinfo | None = None) -> dict[str, Any]:
    """``MeetingOutput``."""
    participants = view.participants
    return {
        "meeting_id": _text(view.meeting_id),
        "title": _text(view.title),
        "participants": None if participants is None else [participant(p) for p in participants],
        "location": _text(view.location),
        "mode": _text(view.mode),
        "status": _text(view.status),
        "summit": _text(view.summit),
        "valid_from": _datetime(view.valid_from, zone),
        "valid_to": _datetime(view.valid_to, zone),
        "precision": _text(view.precision),
        "sources": sources(view.sources),
        "confidence": _number(view.confidence, float),
    }


def basis(value: Basis, zone: tzinfo | None = None) -> dict[str, Any]:
    """``BasisOutput``."""
    return {
        "valid_at": _datetime(value.valid_at, zone),
        "known_at": _datetime(value.known_at, zone),
        "position": _number(value.position, int),
    }


def summit_state(view: SummitView) -> dict[str, Any]:
    """``SummitStateOutput``: a summit at a basis."""
    scheduled = view.scheduled_for
    envoys = view.envoys
    meetings = view.meetings
    zone = _zone()
    return {
        "slug": _text(view.slug),
        "title": _text(view.title),
        "status": _text(view.status),
        "certainty": _text(view.certainty),
        "possible_statuses": _texts(view.possible_statuses),
        # DateField passes strings through (the interval keeps the date as ISO text).
        "scheduled_for": None if scheduled is None else _DATE.to_representation(scheduled),
        "location": _text(view.location),
        "parties": _texts(view.parties),
        "leaders": _texts(view.leaders),
        "version": _number(view.version, int),
        "envoys": None
        if envoys is None
        else [None if e is None else {str(k): _text(v) for k, v in e.items()} for e in envoys],
        "meetings": None if meetings is None else [meeting(m, zone) for m in meetings],
        "basis": None if view.basis is None else basis(view.basis, zone),
    }
