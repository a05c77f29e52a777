"""Summits: list, state at a basis, timeline, raw events, diff; create and change status."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from tracker import selectors, services
from tracker.api import plain
from tracker.api.commands import SourceInput, WriteApi, context_for, created
from tracker.api.fields import BASIS_PARAMETERS, BasisQuery, MomentField, Text, ValidTimeInput, time_parameter
from tracker.api.outputs import BasisOutput, ErrorOutput, EventOutput, MeetingOutput, SourceOutput, WriteOutput
from tracker.api.pagination import BasisPagination, Pagination, paginated_response
from tracker.domain.events import SUMMIT_CHANGES, SUMMIT_STATUSES

SLUG = r"^[-a-zA-Z0-9_]+$"
PARTY = r"^[A-Za-z]{2}$"
ERRORS = {400: ErrorOutput, 401: ErrorOutput, 403: ErrorOutput, 404: ErrorOutput, 429: ErrorOutput}
READ_ERRORS = {400: ErrorOutput, 401: ErrorOutput, 404: ErrorOutput}


class SummitListItem(serializers.Serializer):
    """A summit at the list's basis: the same answer as its detail read at that basis."""

    slug = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField(allow_null=True, help_text="Null before the first status fact's time.")
    certainty = serializers.ChoiceField(choices=["definite", "possible"])
    possible_statuses = serializers.ListField(child=serializers.CharField(allow_null=True))
    scheduled_for = serializers.DateField(allow_null=True)
    location = serializers.CharField()
    parties = serializers.ListField(child=serializers.CharField())
    leaders = serializers.ListField(child=serializers.CharField())
    version = serializers.IntegerField()


class SummitStateOutput(SummitListItem):
    """A summit at a basis, with the envoys and meetings known there."""

    # The fields document the answer (drf-spectacular reads them for the schema);
    # plain.summit_state builds it: the same JSON at a fraction of DRF's generic cost.
    envoys = serializers.ListField(child=serializers.DictField(child=serializers.CharField()))
    meetings = MeetingOutput(many=True)
    version = serializers.IntegerField(help_text="The stream version at the basis: pass it as expected_version.")
    basis = BasisOutput()

    def to_representation(self, instance: selectors.SummitView) -> dict[str, Any]:
        return plain.summit_state(instance)


class TimelineEntryOutput(serializers.Serializer):
    event_id = serializers.CharField()
    status = serializers.CharField()
    change = serializers.CharField(help_text="The status change (event type) that began this interval.")
    valid_from = serializers.DateTimeField()
    valid_to = serializers.DateTimeField(allow_null=True, help_text="Where the next interval begins (null: open).")
    certain_from = serializers.DateTimeField(help_text="From here the status surely holds.")
    precision = serializers.CharField()
    certainty = serializers.ChoiceField(choices=["definite", "possible"])
    recorded_at = serializers.DateTimeField(allow_null=True)
    sources = SourceOutput(many=True)
    announced_by = serializers.CharField()
    confidence = serializers.FloatField()
    reverses = serializers.CharField(allow_null=True, help_text="The event id of the interval this change undoes.")
    rapid_reversal = serializers.BooleanField(help_text="Undoes the previous change within 24 hours.")
    elapsed_hours = serializers.FloatField(allow_null=True, help_text="Hours since the change it reverses.")
    corroborations = serializers.IntegerField()


class TimelineOutput(serializers.Serializer):
    """One page of the timeline (`page`, `page_size`); `count` is the whole timeline's length."""

    count = serializers.IntegerField(help_text="Intervals in the whole timeline.")
    next = serializers.URLField(allow_null=True, help_text="The next page (null: this is the last).")
    previous = serializers.URLField(allow_null=True, help_text="The previous page (null: this is the first).")
    slug = serializers.CharField()
    basis = BasisOutput()
    intervals = TimelineEntryOutput(many=True, help_text="In valid-time order, continuing across pages.")


PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="A page number within the paginated result set."),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="Number of results to return per page (max 200)."),
]


# --- reads ------------------------------------------------------------------------------


class SummitListApi(WriteApi):
    """Summits: the list (at a basis) and creation."""

    write_permission = "tracker.add_summit"
    pagination_class = BasisPagination

    class FilterSerializer(BasisQuery):
        status = serializers.ChoiceField(
            choices=SUMMIT_STATUSES, required=False, help_text="The status at the basis (`valid_at`, `known_at`)."
        )
        party = serializers.RegexField(PARTY, required=False, help_text="ISO 3166-1 alpha-2 code, e.g. KP.")
        location = Text(required=False, max_length=200, help_text="Part of the location, any case.")
        date_from = serializers.DateField(required=False, help_text="Scheduled on or after this date.")
        date_to = serializers.DateField(required=False, help_text="Scheduled on or before this date.")

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "SummitCreate"

        title = Text(max_length=200)
        change = serializers.ChoiceField(choices=["proposed", "scheduled"], default="proposed")
        valid_time = ValidTimeInput()
        slug = serializers.RegexField(SLUG, required=False, max_length=100, help_text="Default: from the title.")
        parties = serializers.ListField(child=serializers.RegexField(PARTY), required=False, max_length=20)
        leaders = serializers.ListField(child=Text(max_length=200), required=False, max_length=20)
        location = Text(required=False, max_length=200, allow_blank=True)
        scheduled_for = serializers.DateField(required=False)
        note = Text(required=False, max_length=2000, allow_blank=True)
        source = SourceInput(required=False)
        confidence = serializers.FloatField(required=False, min_value=0, max_value=1, default=1.0)

    @extend_schema(
        operation_id="summits_list",
        summary="List summits at a basis (default: now, everything known), filtered and paginated",
        description="Each summit as its detail read answers at the same `valid_at` and `known_at`; the "
        "filters apply to its state there. Summits not yet known at `known_at` are absent.",
        parameters=[FilterSerializer],
        responses={200: SummitListItem(many=True), 400: ErrorOutput, 401: ErrorOutput, 404: ErrorOutput},
    )
    def get(self, request):
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        basis, items = selectors.summit_list_at(**filters.validated_data)
        return paginated_response(items=items, serializer_class=SummitListItem, request=request, view=self, basis=basis)

    @extend_schema(
        operation_id="summits_create",
        summary="Create a summit with its first status change (proposed or scheduled)",
        request=InputSerializer,
        responses={201: WriteOutput, **ERRORS},
    )
    def post(self, request):
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data["valid_time"]["anchor"] is not None:
            raise serializers.ValidationError(
                {"valid_time": ["a new summit's first change needs a time, not an anchor"]}
            )
        result = services.summit_create(
            title=data["title"],
            change=data["change"],
            when=data["valid_time"]["when"],
            parties=data.get("parties", []),
            leaders=data.get("leaders", []),
            location=data.get("location", ""),
            scheduled_for=data.get("scheduled_for"),
            slug=data.get("slug"),
            note=data.get("note", ""),
            ctx=context_for(request, source=data.get("source"), confidence=data["confidence"]),
        )
        return created(result)


class SummitDetailApi(WriteApi):
    """A summit at a basis: `valid_at` (valid time) and `known_at` (what was recorded by then)."""

    @extend_schema(
        operation_id="summits_retrieve",
        summary="A summit's state at a valid time, as known at a time",
        parameters=BASIS_PARAMETERS,
        responses={200: SummitStateOutput, **READ_ERRORS},
    )
    def get(self, request, slug: str):
        view = selectors.summit_state(slug, **BasisQuery.validated(request.query_params))
        return Response(plain.summit_state(view))


class SummitTimelineApi(WriteApi):
    """The status intervals, reversals flagged (`rapid_reversal` within 24 hours), paginated."""

    class FilterSerializer(serializers.Serializer):
        known_at = MomentField(required=False)

    @extend_schema(
        operation_id="summits_timeline",
        summary="Status intervals in valid-time order, with sources and reversals, paginated",
        parameters=[BASIS_PARAMETERS[1], *PAGE_PARAMETERS],
        responses={200: TimelineOutput, **READ_ERRORS},
    )
    def get(self, request, slug: str):
        query = self.FilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        basis, entries = selectors.summit_timeline_paged(slug, known_at=query.validated_data.get("known_at"))
        paginator = Pagination()
        page = paginator.paginate_queryset(entries, request, view=self)
        body = {
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "slug": slug,
            "basis": basis,
            "intervals": page,
        }
        return Response(TimelineOutput(body).data)


class SummitEventsApi(WriteApi):
    """The raw events of the summit's stream, as known at `known_at`, paginated in the database."""

    pagination_class = BasisPagination

    class FilterSerializer(serializers.Serializer):
        known_at = MomentField(required=False)

    @extend_schema(
        operation_id="summits_events",
        summary="The summit stream's raw events, in version order",
        parameters=[BASIS_PARAMETERS[1]],
        responses={200: EventOutput(many=True), **READ_ERRORS},
    )
    def get(self, request, slug: str):
        query = self.FilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        basis, events = selectors.summit_events_paged(slug, known_at=query.validated_data.get("known_at"))
        return paginated_response(items=events, serializer_class=EventOutput, request=request, view=self, basis=basis)


class FieldChangeOutput(serializers.Serializer):
    field = serializers.CharField()
    # `from` is a Python keyword: declared through the fields mapping below.

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"] = AnyValue(allow_null=True)
        fields["to"] = AnyValue(allow_null=True)
        return fields


@extend_schema_field({})  # any JSON value: a status, a date, a list of codes...
class AnyValue(serializers.JSONField):
    pass


class DiffOutput(serializers.Serializer):
    changes = FieldChangeOutput(many=True, help_text="Fields whose value differs between the two bases.")
    status_changes = TimelineEntryOutput(many=True, help_text="Status changes with a valid time in between.")
    meetings_added = MeetingOutput(many=True)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"] = SummitStateOutput()
        fields["to"] = SummitStateOutput()
        return fields


class SummitDiffApi(WriteApi):
    """The summit at `from` and at `to`, the fields that differ and the status changes between."""

    class FilterSerializer(serializers.Serializer):
        known_from = MomentField(required=False)
        known_to = MomentField(required=False)

        def get_fields(self) -> dict[str, Any]:
            fields = super().get_fields()
            fields["from"] = MomentField(required=True)
            fields["to"] = MomentField(required=False)
            return fields

    @extend_schema(
        operation_id="summits_diff",
        summary="What changed between two valid times (and knowledge times)",
        parameters=[
            time_parameter("from", "The earlier valid time (required)."),
            time_parameter("to", "The later valid time; default now."),
            time_parameter("known_from", "What was known for the `from` side; default everything."),
            time_parameter("known_to", "What was known for the `to` side; default everything."),
        ],
        responses={200: DiffOutput, **READ_ERRORS},
    )
    def get(self, request, slug: str):
        query = self.FilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        q = query.validated_data
        diff = selectors.summit_diff(
            slug,
            valid_from=q["from"],
            valid_to=q.get("to"),
            known_from=q.get("known_from"),
            known_to=q.get("known_to"),
        )
        return Response(DiffOutput(diff).data)


# --- writes -----------------------------------------------------------------------------


@extend_schema_field({"type": "string", "description": "One of: " + ", ".join(SUMMIT_CHANGES) + "."})
class ChangeName(Text):
    """Not an enum here: the domain checks it, after the expected version, so that a stale
    client gets 409 whatever it asked for."""


class SummitStatusChangeApi(WriteApi):
    """A status change. The expected version is checked first: stale gives 409."""

    write_permission = "tracker.record_summit_change"

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "SummitStatusChange"

        change = ChangeName(required=False, max_length=32, help_text="The change: " + ", ".join(SUMMIT_CHANGES))
        status = ChangeName(required=False, max_length=32, help_text="Or the status to move to (same names).")
        valid_time = ValidTimeInput()
        expected_version = serializers.IntegerField(min_value=0, help_text="The version you read; 409 if stale.")
        source = SourceInput(required=False)
        note = Text(required=False, max_length=2000, allow_blank=True)
        announced_by = Text(required=False, max_length=200, allow_blank=True)
        scheduled_for = serializers.DateField(required=False)
        location = Text(required=False, max_length=200, allow_blank=True)
        reverses = serializers.UUIDField(required=False, help_text="The event this change undoes, if not the last.")
        confidence = serializers.FloatField(required=False, min_value=0, max_value=1, default=1.0)

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            if ("change" in attrs) == ("status" in attrs):
                raise serializers.ValidationError("give either `change` or `status`")
            return attrs

    @extend_schema(
        operation_id="summits_status_changes_create",
        summary="Record a status change; 409 if expected_version is stale",
        request=InputSerializer,
        responses={201: WriteOutput, 409: ErrorOutput, **ERRORS},
    )
    def post(self, request, slug: str):
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        result = services.summit_change_status(
            slug=slug,
            change=data.get("change") or data["status"],
            when=data["valid_time"]["when"],
            anchor=data["valid_time"]["anchor"],
            expected_version=data["expected_version"],
            announced_by=data.get("announced_by", ""),
            scheduled_for=data.get("scheduled_for"),
            location=data.get("location", ""),
            reverses=str(data["reverses"]) if data.get("reverses") else None,
            note=data.get("note", ""),
            ctx=context_for(request, source=data.get("source"), confidence=data["confidence"]),
        )
        return created(result)
