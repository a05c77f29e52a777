"""Shared fixtures and the service markers.

``@pytest.mark.postgres`` tests need PostgreSQL (``DATABASE_URL``) and ``@pytest.mark.redis``
tests need Redis and a real Celery worker (``CELERY_BROKER_URL``). Without them they are
skipped, unless ``REQUIRE_SERVICES=1`` (CI's second run), where a missing service fails
the test instead: a run against the real services cannot quietly skip them.
"""

import os

import pytest
from django.conf import settings
from django.db import connection

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def _missing(item) -> str | None:
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    if item.get_closest_marker("redis") and not settings.CELERY_BROKER_URL:
        return "needs Redis and a Celery worker: set CELERY_BROKER_URL=redis://..."
    return None


def pytest_runtest_setup(item):
    reason = _missing(item)
    if reason is None:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but this test {reason}", pytrace=False)
    pytest.skip(reason)
