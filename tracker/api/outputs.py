"""Output serializers shared by several views: the basis, events, meetings, sources, errors."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tracker.eventstore import AppendResult, RecordedEvent


class SourceOutput(serializers.Serializer):
    """Where a fact comes from: an article (with the evidence text), an editor, a seed file..."""

    kind = serializers.CharField(help_text="article, editor, seed, ...")
    user = serializers.CharField(required=False, allow_null=True, help_text="The editor, for editor entries.")
    article_id = serializers.JSONField(required=False, allow_null=True)
    url = serializers.CharField(required=False, allow_null=True)
    title = serializers.CharField(required=False, allow_null=True)
    outlet = serializers.CharField(required=False, allow_null=True)
    reference = serializers.CharField(required=False, allow_null=True)
    evidence = serializers.CharField(required=False, allow_null=True, help_text="The text the fact was read from.")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        # Sources are stored as given: show every key, with `kind` always present.
        value = dict(instance) if isinstance(instance, dict) else {}
        value.setdefault("kind", "unknown")
        return value


class BasisOutput(serializers.Serializer):
    valid_at = serializers.DateTimeField(allow_null=True, help_text="The valid time answered for (null: now).")
    known_at = serializers.DateTimeField(allow_null=True, help_text="The knowledge time (null: everything known).")
    position = serializers.IntegerField(help_text="The event-log position that knowledge corresponds to.")


class ValidTimeOutput(serializers.Serializer):
    earliest = serializers.DateTimeField()
    latest = serializers.DateTimeField()
    precision = serializers.CharField()


class EventOutput(serializers.Serializer):
    id = serializers.UUIDField()
    stream = serializers.CharField(help_text="type/id, e.g. summit/singapore-2018")
    version = serializers.IntegerField(help_text="Version within the stream (1, 2, 3, ... no gaps).")
    position = serializers.IntegerField(help_text="Global position in the event log.")
    type = serializers.CharField()
    schema_version = serializers.IntegerField()
    data = serializers.DictField()
    valid_time = ValidTimeOutput(allow_null=True)
    recorded_at = serializers.DateTimeField()
    source = SourceOutput()
    confidence = serializers.FloatField()
    metadata = serializers.DictField()

    def to_representation(self, instance: RecordedEvent) -> dict[str, Any]:
        valid_time = None
        if instance.valid_from is not None:
            valid_time = {
                "earliest": instance.valid_from,
                "latest": instance.valid_to or instance.valid_from,
                "precision": instance.valid_precision or "exact",
            }
        return super().to_representation(
            {
                "id": instance.id,
                "stream": str(instance.stream),
                "version": instance.version,
                "position": instance.position,
                "type": instance.type,
                "schema_version": instance.schema_version,
                "data": instance.data,
                "valid_time": valid_time,
                "recorded_at": instance.recorded_at,
                "source": instance.source,
                "confidence": instance.confidence,
                "metadata": instance.metadata,
            }
        )


class ParticipantOutput(serializers.Serializer):
    name = serializers.CharField()
    envoy = serializers.CharField(allow_null=True, help_text="The envoy's slug, when known.")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return {"name": instance.get("name", ""), "envoy": instance.get("envoy") or None}


class MeetingOutput(serializers.Serializer):
    meeting_id = serializers.CharField()
    title = serializers.CharField()
    participants = ParticipantOutput(many=True)
    location = serializers.CharField()
    mode = serializers.CharField()
    status = serializers.CharField()
    summit = serializers.CharField(allow_null=True)
    valid_from = serializers.DateTimeField(allow_null=True)
    valid_to = serializers.DateTimeField(allow_null=True)
    precision = serializers.CharField()
    sources = SourceOutput(many=True)
    confidence = serializers.FloatField()


class WriteOutput(serializers.Serializer):
    """What a write appended: its events and the stream's new version."""

    stream = serializers.CharField()
    version = serializers.IntegerField(help_text="The stream's version after the write.")
    duplicate = serializers.BooleanField(help_text="True when an Idempotency-Key replayed an earlier write.")
    event = EventOutput(help_text="The (first) event appended.")
    events = EventOutput(many=True)

    def to_representation(self, instance: AppendResult) -> dict[str, Any]:
        first = instance.events[0]
        return super().to_representation(
            {
                "stream": str(first.stream),
                "version": instance.version_of(first.stream),
                "duplicate": instance.duplicate,
                "event": first,
                "events": instance.events,
            }
        )


class ErrorOutput(serializers.Serializer):
    """Every error has this shape."""

    class Meta:
        ref_name = "Error"

    detail = serializers.CharField()
    code = serializers.CharField()
    reason = serializers.CharField(required=False, help_text="404: unknown, not_yet_known or retracted.")
    errors = serializers.DictField(required=False, help_text="400: messages per field or parameter.")
    stream = serializers.CharField(required=False)
    expected_version = serializers.IntegerField(required=False)
    current_version = serializers.IntegerField(required=False)
