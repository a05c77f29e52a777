"""Liveness and readiness: is the database reachable, is the broker (when there is one)?"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_status() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not ready"; the reason is logged, not shown
        logger.warning("health: database unavailable: %s", exc)
        connection.close_if_unusable_or_obsolete()
        return {"status": "unavailable", "vendor": connection.vendor, "error": type(exc).__name__}
    return {"status": "ok", "vendor": connection.vendor}


def broker_status() -> dict[str, Any]:
    url = settings.CELERY_BROKER_URL
    if not url:
        # No broker configured: tasks run eagerly in-process, which is always available.
        return {"status": "eager"}
    from config.celery import app

    transport = url.split(":", 1)[0]
    try:
        with app.connection_for_write(url) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=3)
    except Exception as exc:  # any failure means "not ready"
        logger.warning("health: broker unavailable: %s", type(exc).__name__)
        return {"status": "unavailable", "transport": transport, "error": type(exc).__name__}
    return {"status": "ok", "transport": transport}


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    database, broker = database_status(), broker_status()
    healthy = database["status"] == "ok" and broker["status"] in ("ok", "eager")
    body = {"status": "ok" if healthy else "unavailable", "database": database, "broker": broker}
    return JsonResponse(body, status=200 if healthy else 503)
