"""One error shape for the whole API: ``{"detail": "...", "code": "...", ...}``.

Domain errors are mapped to HTTP here, so views never translate exceptions themselves:
:class:`ConcurrencyError` -> 409 with the current version, :class:`NotFound` -> 404 with
its ``reason``, any other :class:`DomainError` -> 400 with the domain's message. An
unexpected exception is logged and answered with a JSON 500, never an HTML page.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tracker.domain.errors import DomainError, NotFound
from tracker.eventstore import ConcurrencyError

logger = logging.getLogger(__name__)


def exception_handler(exc, context):
    request = context.get("request")
    if request is not None:
        # Errors are JSON whatever the client accepts: a browser gets no HTML error page.
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
    if isinstance(exc, ConcurrencyError):
        return Response(
            {
                "detail": str(exc),
                "code": "version_conflict",
                "stream": exc.stream,
                "expected_version": exc.expected,
                "current_version": exc.actual,
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, NotFound):
        return Response({"detail": str(exc), "code": "not_found", "reason": exc.reason}, status=404)
    if isinstance(exc, DomainError):
        return Response({"detail": str(exc), "code": exc.code}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, OperationalError | InterfaceError):
        # Connection-level failures only: an IntegrityError or DataError is a bug, not an
        # outage, and is answered (and logged) as a 500 below.
        logger.exception("database unavailable")
        return Response(
            {"detail": "The database is unavailable; try again shortly.", "code": "service_unavailable"},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("unhandled error in %s", context.get("view").__class__.__name__, exc_info=exc)
        return Response(
            {"detail": "Internal server error.", "code": "server_error"},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(response.data, dict) and "detail" not in response.data:
        # Field validation errors: keep the per-field messages, add one readable summary.
        response.data = {"detail": _summary(response.data), "code": "invalid", "errors": response.data}
    elif isinstance(response.data, list):
        response.data = {"detail": " ".join(str(m) for m in response.data), "code": "invalid"}
    elif isinstance(response.data, dict):
        detail = response.data["detail"]
        response.data.setdefault("code", getattr(detail, "code", None) or "error")
    return response


def _summary(errors: dict) -> str:
    """One line naming the fields (or parameters) that were refused, with the first message."""
    parts = []
    for name, messages in errors.items():
        first = messages[0] if isinstance(messages, list) and messages else messages
        if isinstance(first, dict):
            first = "invalid"
        parts.append(f"{name}: {first}" if name != "non_field_errors" else str(first))
    return "Invalid input. " + "; ".join(parts)


@csrf_exempt  # a POST to no route is a 404, not a CSRF failure page
def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """404 for a path no route matches: JSON, like every other API error."""
    return JsonResponse(
        {"detail": f"No such path: {request.path}", "code": "not_found", "reason": "unknown"}, status=404
    )


def server_error(request: HttpRequest) -> JsonResponse:
    """500 outside DRF's reach (``handler500``): JSON, never a traceback."""
    return JsonResponse({"detail": "Internal server error.", "code": "server_error"}, status=500)
