"""Who may do what: login required, writes need the command's permission, and events
cannot be added, changed or deleted through the admin by anyone."""

import pytest
from django.urls import reverse

from tests.admin.conftest import last_event
from tracker.models import Event, Meeting, Summit

pytestmark = pytest.mark.django_db

PAGES = [
    ("admin:tracker_summit_changelist", []),
    ("admin:tracker_summit_start", []),
    ("admin:tracker_meeting_record", []),
    ("admin:tracker_envoy_register", []),
    ("admin:tracker_event_changelist", []),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_anonymous_users_are_sent_to_login(client, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_post_to_a_command_appends_nothing(client, story):
    before = Event.objects.count()
    summit = Summit.objects.get(slug=story)
    response = client.post(reverse("admin:tracker_summit_change_status", args=[summit.pk]), {"change": "cancelled"})
    assert response.status_code == 302
    assert Event.objects.count() == before


def test_staff_without_permissions_cannot_write(bare_staff_client, story):
    summit = Summit.objects.get(slug=story)
    event = last_event()
    before = Event.objects.count()
    for url in (
        reverse("admin:tracker_summit_start"),
        reverse("admin:tracker_summit_change_status", args=[summit.pk]),
        reverse("admin:tracker_meeting_record"),
        reverse("admin:tracker_envoy_register"),
        reverse("admin:tracker_event_retract", args=[event.pk]),
        reverse("admin:tracker_event_correct", args=[event.pk]),
    ):
        assert bare_staff_client.get(url).status_code == 403, url
        assert bare_staff_client.post(url, {"reason": "x", "change": "cancelled"}).status_code == 403, url
    assert bare_staff_client.get(reverse("admin:tracker_summit_changelist")).status_code == 403
    assert Event.objects.count() == before


def test_events_cannot_be_added_changed_or_deleted_even_by_a_superuser(superuser_client, story):
    event = last_event()
    stored = (event.type, event.data, event.version)
    assert superuser_client.get(reverse("admin:tracker_event_add")).status_code == 403
    change_url = reverse("admin:tracker_event_change", args=[event.pk])
    page = superuser_client.get(change_url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content  # a read-only view: no save button
    assert superuser_client.post(change_url, {"type": "Tampered", "data": "{}"}).status_code == 403
    assert (
        superuser_client.post(reverse("admin:tracker_event_delete", args=[event.pk]), {"post": "yes"}).status_code
        == 403
    )
    changelist = superuser_client.post(
        reverse("admin:tracker_event_changelist"), {"action": "delete_selected", "_selected_action": [str(event.pk)]}
    )
    assert changelist.status_code in (200, 302)
    reloaded = Event.objects.get(pk=event.pk)
    assert (reloaded.type, reloaded.data, reloaded.version) == stored


@pytest.mark.parametrize("model", ["summit", "envoy", "meeting"])
def test_projections_have_no_add_change_or_delete(superuser_client, story, model):
    assert superuser_client.get(reverse(f"admin:tracker_{model}_add")).status_code == 403
    row = {"summit": Summit, "meeting": Meeting}.get(model)
    if row is not None:
        obj = row.objects.first()
        assert (
            superuser_client.post(reverse(f"admin:tracker_{model}_delete", args=[obj.pk]), {"post": "yes"}).status_code
            == 403
        )
        assert row.objects.filter(pk=obj.pk).exists()
