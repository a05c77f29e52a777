"""Articles: submit one (202, processed by a worker), follow its status, claims and events.

``POST /api/articles/`` takes JSON ``{"text", "published_on", "title", "url"}`` or
``text/plain`` in the founding article's format (a ``date YYYY-MM-DD`` header, then the
text). Unusable input is refused with 400 (413 when too large) and nothing is stored; a
text already stored answers 202 with status ``duplicate`` and ``duplicate_of``.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from tracker import ingestion, selectors
from tracker.api.pagination import Pagination
from tracker.api.permissions import ReadOpenWriteByModelPermission
from tracker.extraction import ArticleError
from tracker.models import Article

_SURROGATE = re.compile("[\ud800-\udfff]")
# Room for the JSON envelope and escapes around a text of the maximum size.
_ENVELOPE_BYTES = 64 * 1024


class PlainTextParser(BaseParser):
    media_type = "text/plain"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        return stream.read() if stream is not None else b""


class ArticleThrottle(ScopedRateThrottle):
    """Submissions are throttled (scope ``articles``); reading status is not."""

    def allow_request(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)

    def get_rate(self) -> str | None:
        # Read the rates on each request, not once at import (ScopedRateThrottle's class
        # attribute), so a changed setting applies, as for the other writes.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


def _unicode_text(value: str | None) -> str | None:
    if value is not None and _SURROGATE.search(value):
        raise serializers.ValidationError("Text must be valid Unicode (no lone surrogates).")
    return value


class ArticleInput(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False, help_text="The article's text.")
    published_on = serializers.DateField(
        required=False, allow_null=True, help_text="YYYY-MM-DD. Without it, the text must start with 'date YYYY-MM-DD'."
    )
    title = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=500)
    url = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=2000)

    def validate_title(self, value: str | None) -> str | None:
        return _unicode_text(value)

    def validate_url(self, value: str | None) -> str | None:
        return _unicode_text(value)


class SubmittedOutput(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.CharField()
    reason = serializers.CharField()
    duplicate_of = serializers.UUIDField(source="duplicate_of_id", allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, article: Article) -> str:
        return reverse("article-detail", args=[article.pk])


class ArticleRowOutput(SubmittedOutput):
    title = serializers.CharField()
    source_url = serializers.CharField(source="url")
    published_on = serializers.DateField(allow_null=True)
    sha256 = serializers.CharField(allow_null=True)
    via = serializers.CharField()
    submitted_by = serializers.CharField()
    created_at = serializers.DateTimeField()
    processed_at = serializers.DateTimeField(allow_null=True)
    extractor_version = serializers.CharField()


class ClaimOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    index = serializers.IntegerField()
    payload = serializers.JSONField()
    confidence = serializers.FloatField()
    evidence = serializers.SerializerMethodField()
    review_state = serializers.CharField()
    review_note = serializers.CharField()
    reviewed_by = serializers.CharField()
    reviewed_at = serializers.DateTimeField(allow_null=True)
    event_ids = serializers.ListField(child=serializers.CharField())
    resolution = serializers.JSONField()

    def get_evidence(self, claim) -> dict[str, Any] | None:
        if claim.evidence_start is None:
            return None
        return {"start": claim.evidence_start, "end": claim.evidence_end, "text": claim.evidence_text}


class ArticleEventOutput(serializers.Serializer):
    id = serializers.UUIDField()
    stream = serializers.CharField()
    version = serializers.IntegerField()
    position = serializers.IntegerField()
    type = serializers.CharField()
    data = serializers.JSONField()
    valid_from = serializers.DateTimeField(allow_null=True)
    valid_to = serializers.DateTimeField(allow_null=True)
    valid_precision = serializers.CharField()
    recorded_at = serializers.DateTimeField()
    confidence = serializers.FloatField()


class ArticleDetailOutput(ArticleRowOutput):
    """For the schema: the row, plus the text, the claims and the events."""

    text = serializers.CharField()
    claims = ClaimOutput(many=True)
    events = ArticleEventOutput(many=True)


class ErrorOutput(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()


def _refuse(detail: str, code: str, http_status: int) -> Response:
    return Response({"detail": detail, "code": code}, status=http_status)


class ArticleListApi(APIView):
    """Submit an article for ingestion, or list submitted articles."""

    permission_classes = [ReadOpenWriteByModelPermission]
    write_permission = "tracker.add_article"
    pagination_class = Pagination  # so the schema documents the paginated object it answers
    throttle_classes = [ArticleThrottle]
    throttle_scope = "articles"
    parser_classes = [JSONParser, PlainTextParser]

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=Article.Status.values, required=False)
        via = serializers.ChoiceField(choices=["api", "admin", "cli", "inbox", "feed", "seed"], required=False)

    @extend_schema(
        parameters=[FilterSerializer],
        responses={200: ArticleRowOutput(many=True), 400: ErrorOutput, 401: ErrorOutput, 404: ErrorOutput},
    )
    def get(self, request):
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.article_list(**filters.validated_data), request, view=self)
        return paginator.get_paginated_response(ArticleRowOutput(page, many=True).data)

    @extend_schema(
        request={"application/json": ArticleInput, "text/plain": OpenApiTypes.STR},
        responses={
            202: SubmittedOutput,
            400: OpenApiResponse(ErrorOutput, description="Unusable article: the reason says why."),
            413: OpenApiResponse(ErrorOutput, description="Larger than ARTICLE_MAX_BYTES."),
        },
    )
    def post(self, request):
        limit = settings.ARTICLE_MAX_BYTES
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if declared.isdigit() and int(declared) > limit + _ENVELOPE_BYTES:
            return _too_large(limit)
        try:
            data = request.data
        except RequestDataTooBig:
            return _too_large(limit)
        if isinstance(data, bytes):
            try:
                fields: dict[str, Any] = {"text": data.decode("utf-8")}
            except UnicodeDecodeError:
                return _refuse("The text is not UTF-8.", "invalid_article", status.HTTP_400_BAD_REQUEST)
        else:
            payload = ArticleInput(data=data)
            payload.is_valid(raise_exception=True)
            fields = dict(payload.validated_data)
        if len(fields["text"].encode("utf-8", errors="surrogatepass")) > limit:
            return _too_large(limit)
        try:
            article = ingestion.article_submit(**fields, actor=request.user.get_username(), via="api")
        except ArticleError as exc:
            return _refuse(f"Unusable article: {exc.reason}.", "invalid_article", status.HTTP_400_BAD_REQUEST)
        return Response(SubmittedOutput(article).data, status=status.HTTP_202_ACCEPTED)


def _too_large(limit: int) -> Response:
    return _refuse(f"The article is larger than {limit} bytes.", "too_large", status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)


class ArticleDetailApi(APIView):
    """An article's status, the claims extracted from it and the events they became."""

    permission_classes = [ReadOpenWriteByModelPermission]

    @extend_schema(responses={200: ArticleDetailOutput, 404: ErrorOutput})
    def get(self, request, article_id: str):
        article = selectors.article_get(article_id)
        data = {
            **ArticleRowOutput(article).data,
            "text": article.body,
            "claims": ClaimOutput(selectors.article_claims(article), many=True).data,
            "events": ArticleEventOutput([_event_row(e) for e in selectors.article_events(article)], many=True).data,
        }
        return Response(data)


def _event_row(event) -> dict[str, Any]:
    return {
        "id": event.id,
        "stream": str(event.stream),
        "version": event.version,
        "position": event.position,
        "type": event.type,
        "data": event.data,
        "valid_from": event.valid_from,
        "valid_to": event.valid_to,
        "valid_precision": event.valid_precision,
        "recorded_at": event.recorded_at,
        "confidence": event.confidence,
    }
