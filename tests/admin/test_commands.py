"""Each data-entry form calls its command: the right events are appended, with the
editor as the actor; domain errors and stale versions come back as form errors."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from tests.admin.conftest import form_token, last_event
from tracker import selectors
from tracker.models import Envoy, Event, Meeting, Summit

pytestmark = pytest.mark.django_db


def post_form(client, url, data, *, follow=False):
    """GET the form (as a browser would, for its token), then POST it."""
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, {"submission": form_token(page), **data}, follow=follow)


def assert_editor_event(event, event_type):
    assert event.type == event_type
    assert event.metadata["actor"] == "editor"
    assert event.source == {"kind": "editor", "user": "editor"}


def test_propose_a_summit(editor_client):
    response = post_form(
        editor_client,
        reverse("admin:tracker_summit_start"),
        {
            "title": "Kim-Putin summit",
            "change": "proposed",
            "parties": "ru, KP",
            "leaders": "Vladimir Putin\nKim Jong Un",
            "location": "Vladivostok",
            "time_kind": "range",
            "range_from": "2019-04-01",
            "range_to": "2019-04-10",
        },
    )
    summit = Summit.objects.get(slug="kim-putin-summit")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:tracker_summit_change", args=[summit.pk])
    event = last_event()
    assert_editor_event(event, "SummitProposed")
    assert event.stream == "summit/kim-putin-summit"
    assert event.data["parties"] == ["KP", "RU"]
    assert event.data["leaders"] == ["Vladimir Putin", "Kim Jong Un"]
    assert (event.valid_from, event.valid_to, event.valid_precision) == (
        datetime(2019, 4, 1, tzinfo=UTC),
        datetime(2019, 4, 10, 23, 59, 59, 999999, tzinfo=UTC),
        "range",
    )


def test_change_status_at_an_exact_time(editor_client):
    post_form(
        editor_client,
        reverse("admin:tracker_summit_start"),
        {"title": "Hanoi summit", "slug": "hanoi-2019", "change": "scheduled", "parties": "US, KP",
         "time_kind": "day", "day": "2019-02-05"},
    )  # fmt: skip
    hanoi = Summit.objects.get(slug="hanoi-2019")
    url = reverse("admin:tracker_summit_change_status", args=[hanoi.pk])
    response = post_form(
        editor_client,
        url,
        {"change": "held", "time_kind": "exact", "at": "2019-02-27T11:00", "location": "Metropole, Hanoi",
         "expected_version": hanoi.version},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    event = last_event()
    assert_editor_event(event, "SummitHeld")
    assert event.valid_from == event.valid_to == datetime(2019, 2, 27, 11, 0, tzinfo=UTC)
    assert Summit.objects.get(slug="hanoi-2019").status == "held"


def test_change_status_n_hours_after_another_event(editor_client, story):
    summit = Summit.objects.get(slug=story)
    post_form(
        editor_client,
        reverse("admin:tracker_summit_start"),
        {"title": "Second summit", "slug": "second", "change": "scheduled", "parties": "US, KP",
         "time_kind": "exact", "at": "2019-01-18T16:00"},
    )  # fmt: skip
    second = Summit.objects.get(slug="second")
    scheduled = last_event()
    response = post_form(
        editor_client,
        reverse("admin:tracker_summit_change_status", args=[second.pk]),
        {"change": "cancelled", "time_kind": "anchor", "anchor_event": str(scheduled.pk), "offset_hours": "24",
         "expected_version": second.version},
    )  # fmt: skip
    assert response.status_code == 302
    event = last_event()
    assert_editor_event(event, "SummitCancelled")
    assert event.data["anchor"] == {"event_id": str(scheduled.pk), "offset_hours": 24.0}
    assert event.valid_from == scheduled.valid_from + timedelta(hours=24)
    assert Summit.objects.get(pk=summit.pk).status == "cancelled"  # the other summit is untouched


def test_an_illegal_transition_is_a_form_error_and_appends_nothing(editor_client, seeded):
    summit = Summit.objects.get(slug=seeded)  # concluded
    before = Event.objects.count()
    response = post_form(
        editor_client,
        reverse("admin:tracker_summit_change_status", args=[summit.pk]),
        {"change": "proposed", "time_kind": "day", "day": "2018-07-01", "expected_version": summit.version},
    )
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert any("illegal transition" in e for e in errors)
    assert b"illegal transition" in response.content
    assert Event.objects.count() == before


def test_a_stale_version_is_a_form_error_and_appends_nothing(editor_client):
    post_form(
        editor_client,
        reverse("admin:tracker_summit_start"),
        {"title": "Stale", "slug": "stale", "change": "proposed", "parties": "US", "time_kind": "day",
         "day": "2019-01-01"},
    )  # fmt: skip
    stale = Summit.objects.get(slug="stale")
    url = reverse("admin:tracker_summit_change_status", args=[stale.pk])
    page = editor_client.get(url)  # the editor opens the form at version 1...
    post_form(
        editor_client, url, {"change": "scheduled", "time_kind": "day", "day": "2019-01-02", "expected_version": 1}
    )  # ...someone else records a change meanwhile...
    before = Event.objects.count()
    response = editor_client.post(  # ...and the first editor submits the old form.
        url,
        {"submission": form_token(page), "change": "cancelled", "time_kind": "day", "day": "2019-01-03",
         "expected_version": 1},
    )  # fmt: skip
    assert response.status_code == 200
    assert any("version" in e and "meanwhile" in e for e in response.context["form"].non_field_errors())
    assert Event.objects.count() == before


def test_bad_time_input_is_a_field_error(editor_client, story):
    summit = Summit.objects.get(slug=story)
    response = post_form(
        editor_client,
        reverse("admin:tracker_summit_change_status", args=[summit.pk]),
        {"change": "held", "time_kind": "range", "range_from": "2018-06-12", "range_to": "2018-06-01",
         "expected_version": summit.version},
    )  # fmt: skip
    assert response.status_code == 200
    assert "range_to" in response.context["form"].errors
    response = post_form(
        editor_client,
        reverse("admin:tracker_summit_change_status", args=[summit.pk]),
        {"change": "held", "time_kind": "exact", "at": "not a time", "expected_version": summit.version},
    )
    assert "at" in response.context["form"].errors


def test_double_submission_records_once(editor_client):
    url = reverse("admin:tracker_envoy_register")
    page = editor_client.get(url)
    data = {"submission": form_token(page), "name": "Stephen Biegun", "country": "US"}
    assert editor_client.post(url, data).status_code == 302
    before = Event.objects.count()
    again = editor_client.post(url, data, follow=True)
    assert again.status_code == 200
    assert Event.objects.count() == before
    assert b"Already recorded" in again.content


def test_register_an_envoy_and_assign_a_role(editor_client):
    response = post_form(
        editor_client,
        reverse("admin:tracker_envoy_register"),
        {"name": "Stephen Biegun", "country": "us", "aliases": "Steve Biegun\nBiegun"},
    )
    assert response.status_code == 302
    event = last_event()
    assert_editor_event(event, "EnvoyRegistered")
    assert event.data == {"name": "Stephen Biegun", "aliases": ["Biegun", "Steve Biegun"], "country": "US"}
    envoy = Envoy.objects.get(slug="stephen-biegun")
    response = post_form(
        editor_client,
        reverse("admin:tracker_envoy_assign_role", args=[envoy.pk]),
        {"title": "Special Representative for North Korea", "party": "US", "start": "2018-08-23",
         "expected_version": envoy.version},
    )  # fmt: skip
    assert response.status_code == 302
    event = last_event()
    assert_editor_event(event, "EnvoyRoleAssigned")
    assert event.data["title"] == "Special Representative for North Korea"
    assert Envoy.objects.get(slug="stephen-biegun").roles[0]["start"] == "2018-08-23"


def test_unknown_country_code_is_a_field_error(editor_client):
    response = post_form(editor_client, reverse("admin:tracker_envoy_register"), {"name": "X", "country": "ZZ"})
    assert response.status_code == 200
    assert "country" in response.context["form"].errors
    assert not Event.objects.exists()


def test_record_a_meeting(editor_client, story):
    response = post_form(
        editor_client,
        reverse("admin:tracker_meeting_record"),
        {"title": "Pompeo in Pyongyang again", "envoys": ["mike-pompeo", "kim-yong-chol"],
         "other_participants": "Andy Kim", "location": "Pyongyang", "mode": "in_person", "status": "held",
         "summit": story, "time_kind": "range", "range_from": "2018-07-06", "range_to": "2018-07-07"},
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    assert b"Pompeo in Pyongyang again" in response.content  # listed on the changelist it lands on
    event = last_event()
    assert_editor_event(event, "MeetingRecorded")
    names = [p["name"] for p in event.data["participants"]]
    assert names == ["Kim Yong Chol", "Mike Pompeo", "Andy Kim"]
    meeting = Meeting.objects.get(meeting_id=event.stream_id)
    assert meeting.summit_slug == story
    assert meeting in Meeting.objects.filter(participant_rows__envoy_slug="mike-pompeo")


def test_a_meeting_needs_a_participant(editor_client, story):
    response = post_form(
        editor_client, reverse("admin:tracker_meeting_record"),
        {"mode": "in_person", "status": "held", "time_kind": "day", "day": "2018-07-06"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "envoys" in response.context["form"].errors


def test_retract_an_event(editor_client, story):
    meeting = Event.objects.get(stream_type="meeting", stream_id="story-dinner")
    response = post_form(
        editor_client,
        reverse("admin:tracker_event_retract", args=[meeting.pk]),
        {"reason": "Not about this summit"},
    )
    assert response.status_code == 302
    event = last_event()
    assert_editor_event(event, "EventRetracted")
    assert event.data == {"event_id": str(meeting.pk), "reason": "Not about this summit"}
    assert not Meeting.objects.filter(meeting_id="story-dinner").exists()
    # Retracting it again is a domain error, shown on the form.
    response = post_form(editor_client, reverse("admin:tracker_event_retract", args=[meeting.pk]), {"reason": "again"})
    assert response.status_code == 200
    assert any("already retracted" in e for e in response.context["form"].non_field_errors())


def test_correct_an_events_time_and_data(editor_client, story):
    cancelled = Event.objects.get(stream_id=story, type="SummitCancelled")
    response = post_form(
        editor_client,
        reverse("admin:tracker_event_correct", args=[cancelled.pk]),
        {"reason": "Letter released at 09:45 EDT", "time_kind": "exact", "at": "2018-05-24T13:46",
         "data": '{"announced_by": "White House"}'},
    )  # fmt: skip
    assert response.status_code == 302
    event = last_event()
    assert_editor_event(event, "EventCorrected")
    assert event.data["event_id"] == str(cancelled.pk)
    assert event.data["data"] == {"announced_by": "White House"}
    assert event.data["valid_time"]["earliest"] == "2018-05-24T13:46:00+00:00"
    entry = next(e for e in selectors.summit_timeline(story) if e.change == "cancelled")
    assert entry.valid_from == datetime(2018, 5, 24, 13, 46, tzinfo=UTC)


def test_correction_data_must_be_a_json_object(editor_client, story):
    cancelled = Event.objects.get(stream_id=story, type="SummitCancelled")
    url = reverse("admin:tracker_event_correct", args=[cancelled.pk])
    for bad in ("{not json", "[1, 2]"):
        response = post_form(editor_client, url, {"reason": "x", "time_kind": "keep", "data": bad})
        assert response.status_code == 200
        assert "data" in response.context["form"].errors
    response = post_form(editor_client, url, {"reason": "x", "time_kind": "keep", "data": ""})
    assert any("must change" in e for e in response.context["form"].non_field_errors())


def test_unknown_event_is_a_404(editor_client):
    assert editor_client.get(reverse("admin:tracker_event_retract", args=[uuid.uuid4()])).status_code == 404
