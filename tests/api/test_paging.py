"""A summit's timeline and raw events page in the database, in order, across page boundaries."""

import re
from datetime import UTC, datetime
from itertools import pairwise

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import SLUG
from tracker import services
from tracker.domain.time import ValidTime

TIMELINE, EVENTS = f"/api/summits/{SLUG}/timeline/", f"/api/summits/{SLUG}/events/"
# The basis, the summit row, the count and the page (with one row past it, for the timeline).
PAGE_QUERIES = 4


def _pages(client, url: str, key: str, **query) -> list[dict]:
    """Every page, following `next`; checks the envelope on each."""
    pages, response = [], client.get(url, query)
    while True:
        assert response.status_code == 200, response.json()
        body = response.json()
        pages.append(body)
        assert body["basis"]["position"] > 0 and len(body[key]) <= query.get("page_size", 50)
        if body["next"] is None:
            return pages
        response = client.get(body["next"])


def _rematch(rounds: int, first_day: int = 1) -> None:
    """A summit called off and on again, ``rounds`` times from March ``first_day``, 2019."""
    if first_day == 1:
        when = ValidTime.at(datetime(2019, 1, 1, tzinfo=UTC))
        services.summit_create(title="Rematch", slug="rematch", change="scheduled", when=when)
    for day in range(first_day, first_day + rounds):
        for hour, change in ((1, "cancelled"), (2, "reinstated")):
            when = ValidTime.within_hour(datetime(2019, 3, day, hour, tzinfo=UTC))
            services.summit_change_status(slug="rematch", change=change, when=when)


def test_timeline_pages_continue_the_intervals_across_boundaries(seeded, anon):
    whole = anon.get(TIMELINE, {"page_size": 200}).json()
    assert whole["count"] == len(whole["intervals"]) == 7 and whole["next"] is None and whole["previous"] is None
    pages = _pages(anon, TIMELINE, "intervals", page_size=2)
    assert [len(p["intervals"]) for p in pages] == [2, 2, 2, 1] and {p["count"] for p in pages} == {7}
    assert [i for p in pages for i in p["intervals"]] == whole["intervals"]
    # Each page's last interval ends where the next page's first begins.
    for page, following in pairwise(pages):
        assert page["intervals"][-1]["valid_to"] == following["intervals"][0]["valid_from"] is not None
    assert pages[-1]["intervals"][-1]["valid_to"] is None
    assert pages[1]["previous"] and "page_size=2" in pages[1]["next"]
    beyond = anon.get(TIMELINE, {"page": 9, "page_size": 2})
    assert beyond.status_code == 404 and beyond.json()["detail"]


def test_timeline_pages_keep_the_knowledge_time(seeded, anon):
    before = datetime.now(UTC).isoformat()
    cancel = next(e for e in anon.get(EVENTS).json()["results"] if e["type"] == "SummitCancelled")
    services.event_retract(event_id=cancel["id"], reason="test: the letter was a draft")
    then = _pages(anon, TIMELINE, "intervals", page_size=3, known_at=before)
    assert [i["change"] for p in then for i in p["intervals"]][2:4] == ["cancelled", "reinstated"]
    assert {p["basis"]["known_at"] for p in then} == {then[0]["basis"]["known_at"]} != {None}
    now = _pages(anon, TIMELINE, "intervals", page_size=3)
    assert "cancelled" not in [i["change"] for p in now for i in p["intervals"]]


def test_a_timeline_page_takes_a_fixed_number_of_queries(seeded, anon, django_assert_max_num_queries):
    _rematch(2)
    url = "/api/summits/rematch/timeline/"
    with django_assert_max_num_queries(PAGE_QUERIES):
        small = anon.get(url, {"page_size": 2, "page": 2}).json()
    _rematch(10, first_day=3)
    with django_assert_max_num_queries(PAGE_QUERIES):
        large = anon.get(url, {"page_size": 2, "page": 2}).json()
    assert (small["count"], large["count"]) == (5, 25)
    assert large["intervals"] == small["intervals"]
    assert [i["valid_to"] for i in small["intervals"]] == ["2019-03-02T01:00:00Z", "2019-03-02T02:00:00Z"]


def test_stream_events_page_in_the_database(seeded, anon):
    whole = anon.get(EVENTS).json()["results"]
    with CaptureQueriesContext(connection) as queries:
        pages = _pages(anon, EVENTS, "results", page_size=3)
    assert [e for p in pages for e in p["results"]] == whole
    assert [e["version"] for p in pages for e in p["results"]] == list(range(1, 8))
    # Only the page's rows are read: every read of the stream's events is bounded by LIMIT.
    reads = [q["sql"] for q in queries.captured_queries if '"tracker_event"."data"' in q["sql"]]
    limits = [re.search(r"LIMIT (\d+)", sql) for sql in reads]
    assert len(reads) == len(pages) == 3 and [int(m.group(1)) for m in limits if m] == [3, 3, 1], reads


def test_a_stream_events_page_takes_a_fixed_number_of_queries(seeded, anon, django_assert_max_num_queries):
    _rematch(1)
    url = "/api/summits/rematch/events/"
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert anon.get(url, {"page_size": 2}).json()["count"] == 3
    _rematch(5, first_day=2)
    with django_assert_max_num_queries(PAGE_QUERIES):
        body = anon.get(url, {"page_size": 2, "page": 6}).json()
    assert body["count"] == 13 and [e["version"] for e in body["results"]] == [11, 12]
