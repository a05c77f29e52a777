"""Clients for the admin tests: an editor with every tracker permission, a superuser,
and a staff user holding no permission at all."""

import pytest

from tracker.models import Event


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The users' passwords are hashed when fixtures create them: the production hasher's
    # deliberate slowness would dominate these tests' run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture
def story(db) -> str:
    """A small story, cheaper than the full seeds: two envoys, a summit scheduled then
    cancelled, and one meeting. Returns the summit's slug."""
    from datetime import UTC, date, datetime

    from tracker import services
    from tracker.domain.time import ValidTime
    from tracker.services import Context

    ctx = Context(actor="seed")
    services.envoy_register(slug="mike-pompeo", name="Mike Pompeo", country="US", ctx=ctx)
    services.envoy_register(slug="kim-yong-chol", name="Kim Yong Chol", country="KP", ctx=ctx)
    services.summit_create(
        slug="story-2018", title="Story summit", change="scheduled", when=ValidTime.on_day(date(2018, 5, 10)),
        parties=["US", "KP"], location="Singapore", ctx=ctx,
    )  # fmt: skip
    services.summit_change_status(
        slug="story-2018", change="cancelled", when=ValidTime.at(datetime(2018, 5, 24, 13, 45, tzinfo=UTC)), ctx=ctx
    )
    services.meeting_record(
        meeting_id="story-dinner", participants=["Mike Pompeo", "Kim Yong Chol"], title="Working dinner",
        when=ValidTime.on_day(date(2018, 5, 30)), location="New York", summit="story-2018", ctx=ctx,
    )  # fmt: skip
    return "story-2018"
