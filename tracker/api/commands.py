"""What every write view shares: who acts, on what source, and the 201 answer."""

from __future__ import annotations

import uuid
from typing import Any

from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.api.fields import Text
from tracker.api.negotiation import Negotiation
from tracker.api.outputs import WriteOutput
from tracker.api.permissions import ReadOpenWriteByModelPermission
from tracker.api.throttling import WriteThrottle
from tracker.eventstore import AppendResult
from tracker.services import Context

IDEMPOTENCY_HEADER = "Idempotency-Key"


class SourceInput(serializers.Serializer):
    """The evidence for a write. Without one, the source is the acting editor."""

    kind = serializers.ChoiceField(choices=["editor", "article", "document", "statement", "other"], default="editor")
    url = serializers.URLField(required=False, max_length=2000)
    title = Text(required=False, max_length=500)
    outlet = Text(required=False, max_length=200)
    reference = Text(required=False, max_length=500)
    evidence = Text(required=False, max_length=5000, help_text="The text the fact was read from.")
    article_id = serializers.UUIDField(required=False, help_text="An article stored here (its id).")


class WriteApi(APIView):
    """Base of the API views: reads open (by setting), writes by model permission and throttled."""

    permission_classes = [ReadOpenWriteByModelPermission]
    throttle_classes = [WriteThrottle]
    throttle_scope = "writes"
    content_negotiation_class = Negotiation


def context_for(request, *, source: dict[str, Any] | None = None, confidence: float = 1.0) -> Context:
    """The acting user, the source (always naming the user) and an optional idempotency key."""
    user = request.user.get_username()
    key = request.headers.get(IDEMPOTENCY_HEADER)
    given = {name: str(value) if isinstance(value, uuid.UUID) else value for name, value in (source or {}).items()}
    return Context(
        actor=user,
        source={"kind": "editor", **given, "user": user},
        confidence=confidence,
        # Scoped to the user, so one client's key can never replay another's write.
        idempotency_key=f"api:{request.user.pk}:{key[:150]}" if key else None,
    )


def created(result: AppendResult) -> Response:
    return Response(WriteOutput(result).data, status=status.HTTP_201_CREATED)
