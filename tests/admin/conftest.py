"""Clients for the admin tests: an editor with every tracker permission, a superuser,
and a staff user holding no permission at all."""

import pytest

from tracker.models import Event


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "root-pass-123")
    client.force_login(user)
    return client


@pytest.fixture
def bare_staff_client(client, django_user_model):
    user = django_user_model.objects.create_user("intern", password="intern-pass-123", is_staff=True)
    client.force_login(user)
    return client


def last_event() -> Event:
    return Event.objects.order_by("-position").first()


def form_token(response) -> str:
    """The submission token the rendered form carries (its idempotency key)."""
    return response.context["form"]["submission"].value()
