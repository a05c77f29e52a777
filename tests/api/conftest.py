"""API test fixtures: clients for the anonymous, an unprivileged reader and the editor."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

SLUG = "singapore-2018"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The users made here need no strong hashing; the default one costs a third of a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttle_history():
    # Throttle counters live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


@pytest.fixture
def reader(db, django_user_model) -> APIClient:
    """Authenticated by token, without any tracker permission."""
    user = django_user_model.objects.create_user("reader", password="reader-pass-123")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def editor_token(editor) -> str:
    return Token.objects.create(user=editor).key


@pytest.fixture
def api(editor_token) -> APIClient:
    """The editor, authenticated by token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {editor_token}")
    return client
