"""One error shape for the whole API: ``{"detail": "...", "code": "...", ...}``.

Domain errors are mapped to HTTP here, so views never translate exceptions themselves.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tracker.domain.errors import DomainError, NotFound
from tracker.eventstore import ConcurrencyError

logger = logging.getLogger(__name__)


def exception_handler(exc, context):
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
    if isinstance(exc, DatabaseError):
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
    if response is not None and isinstance(response.data, dict) and "detail" not in response.data:
        # Field validation errors: keep the per-field messages, add one readable summary.
        response.data = {"detail": "Invalid input.", "code": "invalid", "errors": response.data}
    elif response is not None and isinstance(response.data, list):
        response.data = {"detail": " ".join(str(m) for m in response.data), "code": "invalid"}
    return response
