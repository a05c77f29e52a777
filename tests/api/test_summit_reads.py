"""Summit reads through the client, on the seeded Singapore 2018 story."""

from datetime import UTC, datetime

import pytest

from tests.api.conftest import SLUG
from tracker import services
from tracker.domain.time import ValidTime

DETAIL = f"/api/summits/{SLUG}/"


def test_list_items_and_filters(seeded, anon):
    body = anon.get("/api/summits/").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert set(item) == {
        "slug", "title", "status", "certainty", "possible_statuses", "scheduled_for", "location", "parties",
        "leaders", "version",
    }  # fmt: skip
    assert (item["certainty"], item["possible_statuses"]) == ("definite", ["concluded"])
    assert body["basis"]["valid_at"] is None and body["basis"]["known_at"] is None
    assert (item["slug"], item["status"], item["scheduled_for"]) == (SLUG, "concluded", "2018-06-12")
    assert item["parties"] == ["KP", "US"] and item["version"] == 7

    def slugs(query: str) -> list[str]:
        response = anon.get(f"/api/summits/?{query}")
        assert response.status_code == 200, response.json()
        return [s["slug"] for s in response.json()["results"]]

    assert slugs("party=kp") == [SLUG]
    assert slugs("party=FR") == []
    assert slugs("status=concluded&location=sentosa") == [SLUG]
    assert slugs("status=cancelled") == []
    assert slugs("date_from=2018-06-12&date_to=2018-06-12") == [SLUG]
    assert slugs("date_from=2018-06-13") == []


def test_list_rejects_bad_filters(seeded, anon):
    for query in ("status=maybe", "party=USA", "date_from=yesterday"):
        response = anon.get(f"/api/summits/?{query}")
        assert response.status_code == 400
        name = query.split("=")[0]
        assert name in response.json()["errors"] and name in response.json()["detail"]


def test_on_the_evening_of_may_24_the_summit_was_cancelled(seeded, anon):
    body = anon.get(DETAIL, {"valid_at": "2018-05-24T20:00:00Z"}).json()
    assert (body["status"], body["certainty"], body["possible_statuses"]) == ("cancelled", "definite", ["cancelled"])
    assert body["basis"]["valid_at"] == "2018-05-24T20:00:00Z"
    assert body["basis"]["known_at"] is None and body["basis"]["position"] > 0
    # Meetings are resolved at the same basis: none after May 24.
    assert body["meetings"] and all(m["valid_from"] < "2018-05-25" for m in body["meetings"])


def test_on_may_26_it_was_back_on_and_now_it_is_concluded(seeded, anon):
    may_26 = anon.get(DETAIL, {"valid_at": "2018-05-26"}).json()
    assert may_26["status"] == "scheduled"
    # A bare date means the end of that day, UTC.
    assert may_26["basis"]["valid_at"] == "2018-05-26T23:59:59.999999Z"
    assert "moon-kju-2018-05-26" in {m["meeting_id"] for m in may_26["meetings"]}
    now = anon.get(DETAIL).json()
    assert (now["status"], now["version"], now["location"]) == ("concluded", 7, "Capella Hotel, Sentosa, Singapore")
    assert {"slug": "kim-yong-chol", "name": "Kim Yong Chol"} in now["envoys"]


def test_inside_an_uncertain_hour_the_answer_is_possible(seeded, anon):
    # The reinstatement is known to the hour (13:00-14:00 on May 25).
    body = anon.get(DETAIL, {"valid_at": "2018-05-25T13:30:00Z"}).json()
    assert body["certainty"] == "possible"
    assert set(body["possible_statuses"]) == {"cancelled", "scheduled"}


def test_naive_datetimes_are_utc(seeded, anon):
    body = anon.get(DETAIL, {"valid_at": "2018-05-24T20:00:00"}).json()
    assert body["basis"]["valid_at"] == "2018-05-24T20:00:00Z" and body["status"] == "cancelled"


@pytest.mark.parametrize("name", ["valid_at", "known_at"])
def test_invalid_times_are_400_naming_the_parameter(db, anon, name):
    for value in ("tomorrow", "2018-13-01", "2018-05-24T25:00", "99999-01-01", "0001-01-01", "2018-05-24T20:00+25:00"):
        response = anon.get(DETAIL, {name: value})
        assert response.status_code == 400, value
        body = response.json()
        assert name in body["errors"] and name in body["detail"]


def test_known_at_before_anything_was_recorded_is_not_yet_known(seeded, anon):
    response = anon.get(DETAIL, {"known_at": "2000-01-01"})
    assert response.status_code == 404
    assert response.json()["reason"] == "not_yet_known"


def test_known_at_shows_the_old_belief_after_a_retraction(seeded, anon, editor):
    cancel = next(e for e in anon.get(f"{DETAIL}events/").json()["results"] if e["type"] == "SummitCancelled")
    before = datetime.now(UTC)
    services.event_retract(event_id=cancel["id"], reason="test: letter was a draft")
    now = anon.get(DETAIL, {"valid_at": "2018-05-24T20:00:00Z"}).json()
    assert now["status"] == "scheduled"
    then = anon.get(DETAIL, {"valid_at": "2018-05-24T20:00:00Z", "known_at": before.isoformat()}).json()
    assert then["status"] == "cancelled" and then["version"] == 7 and now["version"] == 8


def test_unknown_and_retracted_summits_are_404_with_a_reason(seeded, anon):
    unknown = anon.get("/api/summits/no-such-summit/")
    assert unknown.status_code == 404
    assert unknown.json()["reason"] == "unknown" and unknown.json()["detail"]
    result = services.summit_create(title="Ghost summit", when=ValidTime.at(datetime(2019, 1, 1, tzinfo=UTC)))
    services.event_retract(event_id=str(result.events[0].id), reason="never happened")
    retracted = anon.get(f"/api/summits/{result.events[0].stream.id}/")
    assert retracted.status_code == 404
    assert retracted.json()["reason"] == "retracted"


def test_timeline_flags_the_rapid_reversal(seeded, anon):
    body = anon.get(f"{DETAIL}timeline/").json()
    intervals = body["intervals"]
    assert [i["change"] for i in intervals] == [
        "proposed", "scheduled", "cancelled", "reinstated", "scheduled", "held", "concluded",
    ]  # fmt: skip
    assert [i["valid_from"] for i in intervals] == sorted(i["valid_from"] for i in intervals)
    cancelled, reinstated = intervals[2], intervals[3]
    assert reinstated["status"] == "scheduled"
    assert reinstated["reverses"] == cancelled["event_id"]
    assert reinstated["rapid_reversal"] is True and reinstated["elapsed_hours"] == 23.75
    assert cancelled["valid_to"] == reinstated["valid_from"] == "2018-05-25T13:00:00Z"
    assert cancelled["certainty"] == "definite" and reinstated["certainty"] == "possible"
    assert not any(i["rapid_reversal"] for i in intervals if i is not reinstated)
    assert intervals[-1]["valid_to"] is None
    for interval in intervals:
        assert interval["sources"] and interval["sources"][0]["kind"] == "seed" and interval["recorded_at"]
    assert body["basis"]["position"] > 0


def test_timeline_sources_carry_the_editor_and_evidence(seeded, api):
    response = api.post(
        f"{DETAIL}status-changes/",
        {
            "change": "concluded",
            "valid_time": {"at": "2018-06-12T06:00:00Z"},
            "expected_version": 7,
            "source": {"kind": "article", "url": "https://example.org/a", "evidence": "the summit ended"},
        },
        format="json",
    )
    # A concluded summit cannot be concluded again: rejected by the domain, nothing stored.
    assert response.status_code == 400
    assert "illegal transition" in response.json()["detail"]
    response = api.post(
        f"{DETAIL}status-changes/",
        {
            "change": "held",
            "valid_time": {"at": "2018-06-12T02:00:00Z"},
            "expected_version": 7,
            "source": {"kind": "article", "url": "https://example.org/a", "evidence": "Trump and Kim shook hands"},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    event_id = response.json()["event"]["id"]
    held = [i for i in api.get(f"{DETAIL}timeline/").json()["intervals"] if i["event_id"] == event_id]
    assert held[0]["sources"] == [
        {"kind": "article", "url": "https://example.org/a", "evidence": "Trump and Kim shook hands", "user": "editor"}
    ]


def test_stream_events_in_version_order(seeded, anon):
    body = anon.get(f"{DETAIL}events/").json()
    assert body["count"] == 7
    events = body["results"]
    assert [e["version"] for e in events] == list(range(1, 8))
    assert events[2]["type"] == "SummitCancelled"
    assert events[2]["valid_time"] == {
        "earliest": "2018-05-24T13:45:00Z", "latest": "2018-05-24T13:45:00Z", "precision": "minute",
    }  # fmt: skip
    assert anon.get(f"{DETAIL}events/", {"known_at": "2000-01-01"}).status_code == 404


def test_diff_between_may_24_and_may_26(seeded, anon):
    response = anon.get(f"{DETAIL}diff/", {"from": "2018-05-24T20:00:00Z", "to": "2018-05-26"})
    assert response.status_code == 200
    body = response.json()
    assert body["from"]["status"] == "cancelled" and body["to"]["status"] == "scheduled"
    assert {"field": "status", "from": "cancelled", "to": "scheduled"} in body["changes"]
    assert [c["change"] for c in body["status_changes"]] == ["reinstated"]
    assert [m["meeting_id"] for m in body["meetings_added"]] == ["moon-kju-2018-05-26"]


def test_diff_needs_a_valid_from(seeded, anon):
    assert anon.get(f"{DETAIL}diff/").status_code == 400
    response = anon.get(f"{DETAIL}diff/", {"from": "2018-05-24", "known_to": "soon"})
    assert response.status_code == 400 and "known_to" in response.json()["errors"]


def test_reads_can_require_authentication(seeded, anon, reader, settings):
    settings.API_ANONYMOUS_READS = False
    response = anon.get(DETAIL)
    assert response.status_code == 401 and response.json()["detail"]
    assert reader.get(DETAIL).status_code == 200


def _make_summits(first: int, count: int) -> None:
    for n in range(first, first + count):
        services.summit_create(
            title=f"Summit {n}", change="scheduled", parties=["US", "KP"], location="Hanoi",
            when=ValidTime.at(datetime(2019, 1, 1 + n % 28, tzinfo=UTC)),
        )  # fmt: skip


def _on_and_off(slug: str, times: int) -> None:
    for n in range(times):
        for hour, change in ((1, "cancelled"), (2, "reinstated")):
            when = ValidTime.within_hour(datetime(2019, 3, 1 + n, hour, tzinfo=UTC))
            services.summit_change_status(slug=slug, change=change, when=when)


# The most queries a list page (basis, count, page, interval rows) and a summit read may
# take, whatever the data size.
LIST_QUERIES, DETAIL_QUERIES = 4, 7


def test_list_and_detail_use_a_fixed_number_of_queries(seeded, anon, django_assert_max_num_queries):
    _make_summits(0, 1)
    _on_and_off("summit-0", 1)
    url, moment = "/api/summits/summit-0/", {"valid_at": "2019-03-01T01:30:00Z"}
    with django_assert_max_num_queries(LIST_QUERIES):
        anon.get("/api/summits/?party=US")
    with django_assert_max_num_queries(DETAIL_QUERIES):
        anon.get(url, moment)
    _make_summits(1, 20)
    _on_and_off("summit-0", 10)
    with django_assert_max_num_queries(LIST_QUERIES):
        assert anon.get("/api/summits/?party=US").json()["count"] == 22
    with django_assert_max_num_queries(DETAIL_QUERIES):
        body = anon.get(url, moment).json()
    assert body["status"] == "scheduled" and body["possible_statuses"] == ["scheduled", "cancelled"]
    assert body["version"] == 23
    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert anon.get(f"{DETAIL}", {"valid_at": "2018-05-26", "known_at": "2100-01-01"}).status_code == 200
