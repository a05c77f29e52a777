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


def pytest_configure(config):
    # Password hashing is deliberately slow; tests log users in constantly.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture
def seeded(db):
    """The curated Singapore 2018 story, loaded through the commands as `make run` does."""
    from tracker.seeds import load_timeline, seed_files

    for path in seed_files():
        load_timeline(path)
    return "singapore-2018"


@pytest.fixture
def editor(db, django_user_model):
    """A staff user holding every tracker permission."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password="editor-pass-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="tracker"))
    return user
