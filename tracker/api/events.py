"""The event log: the global feed, one event, and the two amendments (retract, correct).

Events are never changed in place: PUT, PATCH and DELETE answer 405.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from tracker import selectors, services
from tracker.api.commands import SourceInput, WriteApi, context_for, created
from tracker.api.fields import Text, ValidTimeInput
from tracker.api.outputs import ErrorOutput, EventOutput, WriteOutput
from tracker.domain.events import MEETING_MODES, MEETING_STATUSES

FEED_MAX_LIMIT = 1000
WRITE_ERRORS = {400: ErrorOutput, 401: ErrorOutput, 403: ErrorOutput, 404: ErrorOutput, 409: ErrorOutput}
SLUG = r"^[-a-zA-Z0-9_]+$"


class FeedOutput(serializers.Serializer):
    results = EventOutput(many=True)
    next_after = serializers.IntegerField(help_text="Pass as `after` to read on; unchanged when nothing new came.")
    next = serializers.CharField(help_text="The URL of the next read.")
    has_more = serializers.BooleanField(help_text="True when the page was full: read on at once.")


class EventFeedApi(WriteApi):
    """The global feed: every event once, in position order, even under concurrent writes."""

    class FilterSerializer(serializers.Serializer):
        after = serializers.IntegerField(required=False, default=0, min_value=0, max_value=2**62)
        limit = serializers.IntegerField(required=False, default=100, min_value=1, max_value=FEED_MAX_LIMIT)
        stream_type = serializers.ChoiceField(choices=["summit", "envoy", "meeting"], required=False)

    @extend_schema(
        operation_id="events_feed",
        summary="The global event feed in position order (gap-safe), with the next cursor",
        parameters=[
            OpenApiParameter("after", int, description="Events with a position above this (default 0)."),
            OpenApiParameter("limit", int, description=f"At most this many events (1-{FEED_MAX_LIMIT}, default 100)."),
            OpenApiParameter("stream_type", str, enum=["summit", "envoy", "meeting"]),
        ],
        responses={200: FeedOutput, 400: ErrorOutput, 401: ErrorOutput},
    )
    def get(self, request):
        query = self.FilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        q = query.validated_data
        events = selectors.event_feed(after=q["after"], limit=q["limit"], stream_type=q.get("stream_type"))
        next_after = events[-1].position if events else q["after"]
        params = {
            "after": next_after,
            "limit": q["limit"],
            **({"stream_type": q["stream_type"]} if "stream_type" in q else {}),
        }
        return Response(
            FeedOutput(
                {
                    "results": events,
                    "next_after": next_after,
                    "next": request.build_absolute_uri(f"{request.path}?{urlencode(params)}"),
                    "has_more": len(events) == q["limit"],
                }
            ).data
        )


class EventDetailApi(WriteApi):
    """One stored event. Events are immutable: PUT, PATCH and DELETE answer 405."""

    @extend_schema(
        operation_id="events_retrieve",
        summary="One event",
        responses={200: EventOutput, 401: ErrorOutput, 404: ErrorOutput},
    )
    def get(self, request, event_id):
        return Response(EventOutput(selectors.event_get(str(event_id))).data)


class RetractionApi(WriteApi):
    """Retract an event: appends a retraction naming it and why; "as known" before still shows it."""

    write_permission = "tracker.retract_event"

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "Retraction"

        reason = Text(max_length=2000)
        expected_version = serializers.IntegerField(required=False, min_value=0, help_text="Of the event's stream.")
        source = SourceInput(required=False)

    @extend_schema(
        operation_id="events_retractions_create",
        summary="Retract an event (a new event; nothing is deleted)",
        request=InputSerializer,
        responses={201: WriteOutput, 429: ErrorOutput, **WRITE_ERRORS},
    )
    def post(self, request, event_id):
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        result = services.event_retract(
            event_id=str(event_id),
            reason=data["reason"],
            expected_version=data.get("expected_version"),
            ctx=context_for(request, source=data.get("source")),
        )
        return created(result)


class CorrectedParticipant(serializers.Serializer):
    name = Text(max_length=200)
    envoy = serializers.RegexField(SLUG, required=False, allow_null=True, max_length=120)


class CorrectedData(serializers.Serializer):
    """The fields a correction may change; each is checked so the projections can fold it."""

    title = Text(required=False, max_length=200)
    location = Text(required=False, max_length=200, allow_blank=True)
    scheduled_for = serializers.DateField(required=False, allow_null=True)
    announced_by = Text(required=False, max_length=200, allow_blank=True)
    note = Text(required=False, max_length=2000, allow_blank=True)
    parties = serializers.ListField(child=serializers.RegexField(r"^[A-Z]{2}$"), required=False, max_length=20)
    leaders = serializers.ListField(child=Text(max_length=200), required=False, max_length=20)
    mode = serializers.ChoiceField(choices=MEETING_MODES, required=False)
    status = serializers.ChoiceField(choices=MEETING_STATUSES, required=False, help_text="Meetings only.")
    participants = CorrectedParticipant(many=True, required=False, min_length=1, max_length=50)
    name = Text(required=False, max_length=120)
    country = serializers.RegexField(r"^[A-Z]{2}$", required=False, allow_blank=True)
    aliases = serializers.ListField(child=Text(max_length=200), required=False, max_length=50)
    party = serializers.RegexField(r"^[A-Z]{2}$", required=False, allow_blank=True)
    start = serializers.DateField(required=False, allow_null=True)
    end = serializers.DateField(required=False, allow_null=True)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({k: ["not a field a correction may change"] for k in unknown})
        values = super().to_internal_value(data)
        # Stored as JSON, like the original events' data.
        for key in ("scheduled_for", "start", "end"):
            if values.get(key) is not None:
                values[key] = values[key].isoformat()
        if "participants" in values:
            values["participants"] = [{"name": p["name"], "envoy": p.get("envoy")} for p in values["participants"]]
        return values


class CorrectionApi(WriteApi):
    """Correct an event's valid time or fields: appends a correction naming it and why."""

    write_permission = "tracker.correct_event"

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "Correction"

        reason = Text(max_length=2000)
        valid_time = ValidTimeInput(required=False, help_text="The corrected valid time (`at` or a window).")
        data = CorrectedData(required=False, help_text="The corrected fields.")
        expected_version = serializers.IntegerField(required=False, min_value=0, help_text="Of the event's stream.")
        source = SourceInput(required=False)

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            time = attrs.get("valid_time")
            if time and time["anchor"] is not None:
                raise serializers.ValidationError({"valid_time": ["a correction gives a time or a window"]})
            if not time and not attrs.get("data"):
                raise serializers.ValidationError("a correction must change the valid time or the data")
            return attrs

    @extend_schema(
        operation_id="events_corrections_create",
        summary="Correct an event's valid time or data (a new event)",
        request=InputSerializer,
        responses={201: WriteOutput, 429: ErrorOutput, **WRITE_ERRORS},
    )
    def post(self, request, event_id):
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        time = data.get("valid_time")
        result = services.event_correct(
            event_id=str(event_id),
            reason=data["reason"],
            when=time["when"] if time else None,
            data=data.get("data") or None,
            expected_version=data.get("expected_version"),
            ctx=context_for(request, source=data.get("source")),
        )
        return created(result)
