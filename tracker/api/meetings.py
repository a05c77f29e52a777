"""Meetings: list with filters; record one."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tracker import selectors, services
from tracker.api.commands import SourceInput, WriteApi, context_for, created
from tracker.api.fields import BasisQuery, Text, ValidTimeInput
from tracker.api.outputs import ErrorOutput, MeetingOutput, WriteOutput
from tracker.api.pagination import BasisPagination, paginated_response
from tracker.domain.events import MEETING_MODES, MEETING_STATUSES

SLUG = r"^[-a-zA-Z0-9_]+$"


class ParticipantInput(serializers.Serializer):
    name = Text(max_length=200)
    envoy = serializers.RegexField(SLUG, required=False, max_length=120, help_text="The envoy's slug, if known.")


class MeetingListApi(WriteApi):
    """Meetings: the list at a basis (filters: participant, location, dates, summit, status, mode)
    and recording."""

    write_permission = "tracker.record_meeting"
    pagination_class = BasisPagination

    class FilterSerializer(BasisQuery):
        participant = Text(required=False, max_length=200, help_text="An envoy slug or a participant's name.")
        location = Text(required=False, max_length=200, help_text="Part of the place, any case.")
        date_from = serializers.DateField(required=False, help_text="Meetings that may fall on or after this day.")
        date_to = serializers.DateField(required=False, help_text="Meetings that may fall on or before this day.")
        summit = serializers.RegexField(SLUG, required=False, max_length=120, help_text="The summit's slug.")
        status = serializers.ChoiceField(choices=MEETING_STATUSES, required=False)
        mode = serializers.ChoiceField(choices=MEETING_MODES, required=False)

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "MeetingRecord"

        participants = ParticipantInput(many=True, min_length=1, max_length=50)
        valid_time = ValidTimeInput(required=False, help_text="When it took place; omit if unknown.")
        location = Text(required=False, max_length=200, allow_blank=True)
        mode = serializers.ChoiceField(choices=MEETING_MODES, default="in_person")
        status = serializers.ChoiceField(choices=MEETING_STATUSES, default="held")
        summit = serializers.RegexField(SLUG, required=False, max_length=120, help_text="The summit it prepares.")
        title = Text(required=False, max_length=300, allow_blank=True)
        meeting_id = serializers.RegexField(SLUG, required=False, max_length=120, help_text="Default: generated.")
        source = SourceInput(required=False)
        confidence = serializers.FloatField(required=False, min_value=0, max_value=1, default=1.0)

    @extend_schema(
        operation_id="meetings_list",
        summary="List meetings at a basis (default: now, everything known), filtered and paginated",
        description="Meetings recorded by `known_at` that had begun by `valid_at` (if given), each as known "
        "at `known_at`, as in a summit's detail read. The filters match the current record.",
        parameters=[FilterSerializer],
        responses={200: MeetingOutput(many=True), 400: ErrorOutput, 401: ErrorOutput, 404: ErrorOutput},
    )
    def get(self, request):
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        basis, items = selectors.meeting_list_at(**filters.validated_data)
        return paginated_response(items=items, serializer_class=MeetingOutput, request=request, view=self, basis=basis)

    @extend_schema(
        operation_id="meetings_create",
        summary="Record a meeting",
        request=InputSerializer,
        responses={201: WriteOutput, **{c: ErrorOutput for c in (400, 401, 403, 404, 429)}},
    )
    def post(self, request):
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        time = data.get("valid_time")
        if time and time["anchor"] is not None:
            raise serializers.ValidationError({"valid_time": ["a meeting needs a time or a window, not an anchor"]})
        result = services.meeting_record(
            participants=[dict(p) for p in data["participants"]],
            when=time["when"] if time else None,
            location=data.get("location", ""),
            mode=data["mode"],
            status=data["status"],
            summit=data.get("summit"),
            title=data.get("title", ""),
            meeting_id=data.get("meeting_id"),
            ctx=context_for(request, source=data.get("source"), confidence=data["confidence"]),
        )
        return created(result)
