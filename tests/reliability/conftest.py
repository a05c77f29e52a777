"""Clients for the access and limits tests: the anonymous, the unprivileged, the editor."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fresh_throttle_history():
    # Throttle counters live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


@pytest.fixture
def reader(db, django_user_model) -> APIClient:
    """Authenticated by token, holding no permission at all."""
    return token_client(django_user_model.objects.create_user("reader", password="reader-pass-123"))


@pytest.fixture
def viewer(db, django_user_model) -> APIClient:
    """A staff user who may *view* everything in the tracker but change nothing."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", password="viewer-pass-123", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="tracker", codename__startswith="view_")
    )
    return token_client(user)


@pytest.fixture
def api(editor) -> APIClient:
    """The editor (every tracker permission), authenticated by token."""
    return token_client(editor)
