"""Writes through the client: permissions, optimistic concurrency, domain errors, throttling."""

import pytest
from django.urls import reverse

from tests.api.conftest import SLUG
from tracker.models import Event, Summit

CHANGES = f"/api/summits/{SLUG}/status-changes/"
# The seeded summit is concluded at version 7; a change placed before the conclusion
# (a late report about June 12) is legal.
HELD_EARLY = {"change": "held", "valid_time": {"at": "2018-06-12T03:00:00Z"}, "expected_version": 7}


def _event_count() -> int:
    return Event.objects.count()


def test_status_change_201_with_the_event_and_new_version(seeded, api):
    response = api.post(CHANGES, {**HELD_EARLY, "note": "handshake", "announced_by": "White House"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["stream"], body["version"], body["duplicate"]) == (f"summit/{SLUG}", 8, False)
    event = body["event"]
    assert (event["type"], event["version"], event["data"]["note"]) == ("SummitHeld", 8, "handshake")
    assert event["source"] == {"kind": "editor", "user": "editor"} and event["metadata"]["actor"] == "editor"
    assert api.get(f"/api/summits/{SLUG}/").json()["version"] == 8


def test_status_may_be_given_instead_of_change_and_times_in_three_shapes(seeded, api):
    body = {"status": "cancelled", "valid_time": {"earliest": "2018-05-24", "latest": "2018-05-24"}}
    response = api.post(CHANGES, {**body, "expected_version": 7}, format="json")
    # Placed in valid-time order (a second report of the cancellation, at day precision).
    assert response.status_code == 201, response.json()
    assert response.json()["event"]["valid_time"] == {
        "earliest": "2018-05-24T00:00:00Z", "latest": "2018-05-24T23:59:59.999999Z", "precision": "day",
    }  # fmt: skip
    cancelled = response.json()["event"]["id"]
    anchored = {"change": "reinstated", "valid_time": {"after_event": cancelled, "offset_hours": 24}}
    response = api.post(CHANGES, {**anchored, "expected_version": 8}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["event"]["data"]["anchor"] == {"event_id": cancelled, "offset_hours": 24.0}
    assert response.json()["event"]["valid_time"]["earliest"] == "2018-05-25T00:00:00Z"


def test_stale_expected_version_is_409_whatever_the_change(seeded, api):
    before = _event_count()
    for change in ("held", "proposed", "no-such-change"):
        response = api.post(CHANGES, {**HELD_EARLY, "change": change, "expected_version": 3}, format="json")
        assert response.status_code == 409, change
        body = response.json()
        assert body["current_version"] == 7 and body["expected_version"] == 3 and "version" in body["detail"]
    assert _event_count() == before


def test_two_writers_with_the_same_expected_version(seeded, api):
    first = api.post(CHANGES, HELD_EARLY, format="json")
    second = api.post(CHANGES, {**HELD_EARLY, "valid_time": {"at": "2018-06-12T04:00:00Z"}}, format="json")
    assert (first.status_code, second.status_code) == (201, 409)
    assert second.json()["current_version"] == 8


def test_illegal_transition_is_400_with_the_domain_message(seeded, api):
    before = _event_count()
    response = api.post(
        CHANGES, {"change": "proposed", "valid_time": {"at": "2018-07-01"}, "expected_version": 7}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "illegal_transition"
    assert "a concluded summit cannot be proposed" in response.json()["detail"]
    assert _event_count() == before


@pytest.mark.parametrize(
    "body, field",
    [
        ({"valid_time": {"at": "2018-06-12"}, "expected_version": 7}, "non_field_errors"),
        ({"change": "held", "status": "held", "valid_time": {"at": "2018-06-12"}, "expected_version": 7}, None),
        ({"change": "held", "expected_version": 7}, "valid_time"),
        ({"change": "held", "valid_time": {"at": "2018-06-12"}}, "expected_version"),
        ({"change": "held", "valid_time": {"at": "2018-06-12"}, "expected_version": -1}, "expected_version"),
        ({"change": "held", "valid_time": {}, "expected_version": 7}, "valid_time"),
        ({"change": "held", "valid_time": {"earliest": "2018-06-12"}, "expected_version": 7}, "valid_time"),
        ({"change": "held", "valid_time": {"at": "2018-06-12", "earliest": "2018-06-11"}, "expected_version": 7}, None),
        (
            {"change": "held", "valid_time": {"earliest": "2018-06-13", "latest": "2018-06-12"}, "expected_version": 7},
            None,
        ),
        ({"change": "held", "valid_time": {"at": "9999-12-31"}, "expected_version": 7}, "valid_time"),
        ({"change": "held", "valid_time": {"at": "2018-06-12"}, "expected_version": 7, "note": "a\\u0000b"}, None),
    ],
)
def test_bad_bodies_are_400_and_store_nothing(seeded, api, body, field):
    before = _event_count()
    response = api.post(CHANGES, body, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["detail"]
    if field:
        assert field in response.json()["errors"]
    assert _event_count() == before


def test_nul_characters_are_refused(seeded, api):
    body = {**HELD_EARLY, "note": "a\x00b"}
    response = api.post(CHANGES, body, format="json")
    assert response.status_code == 400 and "note" in response.json()["errors"]


def test_anonymous_writes_are_401_and_unprivileged_403(seeded, anon, reader):
    writes = [
        ("/api/summits/", {"title": "X", "valid_time": {"at": "2019-01-01"}}),
        (CHANGES, HELD_EARLY),
        ("/api/envoys/", {"name": "Jane Doe"}),
        ("/api/envoys/mike-pompeo/roles/", {"title": "Envoy"}),
        ("/api/meetings/", {"participants": [{"name": "A"}]}),
    ]
    event_id = Event.objects.values_list("id", flat=True).first()
    writes += [
        (reverse("event-retractions", args=[event_id]), {"reason": "x"}),
        (reverse("event-corrections", args=[event_id]), {"reason": "x", "data": {"note": "y"}}),
    ]
    before = _event_count()
    for url, body in writes:
        response = anon.post(url, body, format="json")
        assert response.status_code == 401, url
        assert response.json()["detail"] and response["WWW-Authenticate"].startswith("Token")
        response = reader.post(url, body, format="json")
        assert response.status_code == 403, url
        assert response.json()["detail"]
    assert _event_count() == before


def test_session_authentication_needs_csrf(seeded, editor):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(CHANGES, HELD_EARLY, format="json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert client.get(f"/api/summits/{SLUG}/").status_code == 200


def test_events_cannot_be_changed_or_deleted(seeded, api, anon):
    event_id = Event.objects.values_list("id", flat=True).first()
    for url in (f"/api/events/{event_id}/", "/api/events/"):
        for client in (api, anon):
            for method in ("put", "patch", "delete"):
                response = getattr(client, method)(url, {"type": "X"}, format="json")
                assert response.status_code == 405, (url, method)
                assert method.upper() in response.json()["detail"]
    assert api.get(f"/api/events/{event_id}/").json()["id"] == str(event_id)


def test_create_summit_then_change_it(db, api):
    response = api.post(
        "/api/summits/",
        {
            "title": "Trump-Kim summit in Hanoi",
            "change": "scheduled",
            "valid_time": {"at": "2019-02-05T20:00:00-05:00"},
            "parties": ["us", "KP"],
            "leaders": ["Donald Trump", "Kim Jong Un"],
            "location": "Hanoi",
            "scheduled_for": "2019-02-27",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["stream"] == "summit/trump-kim-summit-in-hanoi-2019"
    summit = Summit.objects.get()
    assert (summit.status, summit.parties, str(summit.scheduled_for)) == ("scheduled", ["KP", "US"], "2019-02-27")
    again = api.post("/api/summits/", {"title": "Trump-Kim summit in Hanoi", "valid_time": {"at": "2019-02-06"},
                                       "scheduled_for": "2019-02-27"}, format="json")  # fmt: skip
    assert again.status_code == 400 and "already exists" in again.json()["detail"]
    url = "/api/summits/trump-kim-summit-in-hanoi-2019/status-changes/"
    response = api.post(
        url, {"change": "held", "valid_time": {"at": "2019-02-27"}, "expected_version": 1}, format="json"
    )
    assert response.status_code == 201 and response.json()["version"] == 2


def test_status_change_on_an_unknown_summit_is_404(db, api):
    response = api.post("/api/summits/nowhere/status-changes/", HELD_EARLY | {"expected_version": 0}, format="json")
    assert response.status_code == 404 and response.json()["reason"] == "unknown"


def test_register_envoy_assign_role_and_record_meeting(seeded, api, anon):
    response = api.post(
        "/api/envoys/", {"name": "Stephen Biegun", "country": "us", "aliases": ["Biegun"]}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["stream"] == "envoy/stephen-biegun"
    assert api.post("/api/envoys/", {"name": "Stephen Biegun"}, format="json").status_code == 400
    assert api.post("/api/envoys/", {"name": "Ким"}, format="json").status_code == 400  # no ASCII slug
    role = {"title": "Special Representative for North Korea", "start": "2018-08-23", "expected_version": 1}
    response = api.post("/api/envoys/stephen-biegun/roles/", role, format="json")
    assert response.status_code == 201, response.json()
    stale = api.post("/api/envoys/stephen-biegun/roles/", role, format="json")
    assert stale.status_code == 409
    meeting = {
        "participants": [{"name": "Stephen Biegun"}, {"name": "Kim Hyok Chol"}],
        "valid_time": {"earliest": "2019-02-06", "latest": "2019-02-08"},
        "location": "Pyongyang",
        "summit": SLUG,
        "title": "Working-level talks",
    }
    response = api.post("/api/meetings/", meeting, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["event"]["data"]["participants"][0] == {"name": "Stephen Biegun", "envoy": "stephen-biegun"}
    detail = anon.get("/api/envoys/stephen-biegun/").json()
    assert [r["title"] for r in detail["roles"]] == ["Special Representative for North Korea"]
    assert [m["title"] for m in detail["meetings"]] == ["Working-level talks"]
    assert api.post("/api/meetings/", {**meeting, "summit": "nowhere"}, format="json").status_code == 404
    assert api.post("/api/meetings/", {**meeting, "mode": "telepathy"}, format="json").status_code == 400
    assert api.post("/api/meetings/", {**meeting, "participants": []}, format="json").status_code == 400


def test_retract_and_correct_events(seeded, api, anon):
    events = anon.get(f"/api/summits/{SLUG}/events/").json()["results"]
    cancelled = next(e for e in events if e["type"] == "SummitCancelled")
    url = f"/api/events/{cancelled['id']}/corrections/"
    response = api.post(url, {"reason": "the letter was sent at 14:00", "valid_time": {"at": "2018-05-24T14:00:00Z"}},
                        format="json")  # fmt: skip
    assert response.status_code == 201, response.json()
    assert response.json()["event"]["type"] == "EventCorrected"
    timeline = anon.get(f"/api/summits/{SLUG}/timeline/").json()["intervals"]
    assert next(i for i in timeline if i["change"] == "cancelled")["valid_from"] == "2018-05-24T14:00:00Z"
    bad = api.post(url, {"reason": "x", "data": {"scheduled_for": "someday"}}, format="json")
    assert bad.status_code == 400 and "data" in bad.json()["errors"]
    unknown_field = api.post(url, {"reason": "x", "data": {"status": "held", "secret": 1}}, format="json")
    assert unknown_field.status_code == 400
    assert api.post(url, {"reason": "x"}, format="json").status_code == 400
    response = api.post(f"/api/events/{cancelled['id']}/retractions/", {"reason": "test"}, format="json")
    assert response.status_code == 201
    assert anon.get(f"/api/summits/{SLUG}/", {"valid_at": "2018-05-24T20:00:00Z"}).json()["status"] == "scheduled"
    again = api.post(f"/api/events/{cancelled['id']}/retractions/", {"reason": "test"}, format="json")
    assert again.status_code == 400 and "already retracted" in again.json()["detail"]
    missing = api.post("/api/events/00000000-0000-0000-0000-000000000000/retractions/", {"reason": "x"}, format="json")
    assert missing.status_code == 404


def test_idempotency_key_replays_the_first_write(seeded, api):
    first = api.post(CHANGES, HELD_EARLY, format="json", HTTP_IDEMPOTENCY_KEY="abc-1")
    again = api.post(CHANGES, HELD_EARLY, format="json", HTTP_IDEMPOTENCY_KEY="abc-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["duplicate"] is True and again.json()["event"]["id"] == first.json()["event"]["id"]
    assert Event.objects.filter(stream_id=SLUG).count() == 8


def test_writes_are_throttled_and_reads_are_not(seeded, api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"writes": "2/min", "articles": "2/min"},
    }  # fmt: skip
    statuses = [api.post("/api/envoys/", {"name": f"Envoy {n}"}, format="json").status_code for n in range(3)]
    assert statuses == [201, 201, 429]
    throttled = api.post("/api/envoys/", {"name": "Envoy 9"}, format="json")
    assert throttled.status_code == 429 and "throttled" in throttled.json()["detail"]
    assert all(api.get("/api/envoys/").status_code == 200 for _ in range(5))
