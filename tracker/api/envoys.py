"""Envoys: list, detail with roles over time and meetings; register; assign a role."""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from tracker import selectors, services
from tracker.api.commands import SourceInput, WriteApi, context_for, created
from tracker.api.fields import BASIS_PARAMETERS, BasisQuery, Text
from tracker.api.outputs import BasisOutput, ErrorOutput, MeetingOutput, WriteOutput
from tracker.api.pagination import BasisPagination, paginated_response

SLUG = r"^[-a-zA-Z0-9_]+$"
COUNTRY = r"^[A-Za-z]{2}$"
WRITE_ERRORS = {400: ErrorOutput, 401: ErrorOutput, 403: ErrorOutput, 404: ErrorOutput, 429: ErrorOutput}


class RoleOutput(serializers.Serializer):
    title = serializers.CharField()
    party = serializers.CharField()
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    event_id = serializers.CharField()
    active = serializers.BooleanField(required=False, help_text="Held on the day of the basis's valid time.")


class EnvoyListItem(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    aliases = serializers.ListField(child=serializers.CharField())
    country = serializers.CharField()
    roles = RoleOutput(many=True)
    version = serializers.IntegerField()


class EnvoyDetailOutput(EnvoyListItem):
    meetings = MeetingOutput(many=True)
    basis = BasisOutput()


class EnvoyListApi(WriteApi):
    """Envoys: the list (at a basis) and registration."""

    write_permission = "tracker.add_envoy"
    pagination_class = BasisPagination

    class FilterSerializer(BasisQuery):
        country = serializers.RegexField(COUNTRY, required=False, help_text="ISO 3166-1 alpha-2 code.")
        name = Text(required=False, max_length=200, help_text="Part of the name or slug, any case.")

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "EnvoyRegister"

        name = Text(max_length=120)
        country = serializers.RegexField(COUNTRY, required=False, allow_blank=True)
        aliases = serializers.ListField(child=Text(max_length=200), required=False, max_length=50)
        slug = serializers.RegexField(SLUG, required=False, max_length=120, help_text="Default: from the name.")
        source = SourceInput(required=False)

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            if not attrs.get("slug") and not slugify(attrs["name"]):
                raise serializers.ValidationError({"slug": ["the name gives no ASCII slug: give one"]})
            return attrs

    @extend_schema(
        operation_id="envoys_list",
        summary="List envoys known at a basis (default: now, everything known)",
        description="Envoys as recorded by `known_at` (those changed since are shown as they were then), "
        "roles flagged `active` at `valid_at`. `country` and `name` match the current record.",
        parameters=[FilterSerializer],
        responses={200: EnvoyListItem(many=True), 400: ErrorOutput, 401: ErrorOutput, 404: ErrorOutput},
    )
    def get(self, request):
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        basis, items = selectors.envoy_list_at(**filters.validated_data)
        return paginated_response(items=items, serializer_class=EnvoyListItem, request=request, view=self, basis=basis)

    @extend_schema(
        operation_id="envoys_create",
        summary="Register an envoy",
        request=InputSerializer,
        responses={201: WriteOutput, **WRITE_ERRORS},
    )
    def post(self, request):
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        result = services.envoy_register(
            name=data["name"],
            country=data.get("country", ""),
            aliases=data.get("aliases", []),
            slug=data.get("slug"),
            ctx=context_for(request, source=data.get("source")),
        )
        return created(result)


class EnvoyDetailApi(WriteApi):
    """An envoy at a basis: roles over time (`active` at `valid_at`) and meetings."""

    @extend_schema(
        operation_id="envoys_retrieve",
        summary="An envoy with roles over time and meetings, at a basis",
        parameters=BASIS_PARAMETERS,
        responses={200: EnvoyDetailOutput, 400: ErrorOutput, 401: ErrorOutput, 404: ErrorOutput},
    )
    def get(self, request, slug: str):
        query = BasisQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        view = selectors.envoy_state(slug, **query.validated_data)
        return Response(EnvoyDetailOutput(view).data)


class EnvoyRoleApi(WriteApi):
    """A role (title, party, dates) for an envoy."""

    write_permission = "tracker.change_envoy"

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "EnvoyRoleAssign"

        title = Text(max_length=200)
        party = serializers.RegexField(COUNTRY, required=False, allow_blank=True)
        start = serializers.DateField(required=False)
        end = serializers.DateField(required=False)
        expected_version = serializers.IntegerField(required=False, min_value=0)
        source = SourceInput(required=False)

    @extend_schema(
        operation_id="envoys_roles_create",
        summary="Assign a role to an envoy",
        request=InputSerializer,
        responses={201: WriteOutput, 409: ErrorOutput, **WRITE_ERRORS},
    )
    def post(self, request, slug: str):
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        result = services.envoy_assign_role(
            slug=slug,
            title=data["title"],
            start=data.get("start"),
            end=data.get("end"),
            party=data.get("party", ""),
            expected_version=data.get("expected_version"),
            ctx=context_for(request, source=data.get("source")),
        )
        return created(result)
