"""Limits and validation: sizes, page sizes, the feed's `limit`, query parameters, and JSON
errors for everything under /api/. Bad input gets a clear 4xx and changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tracker import services
from tracker.models import Article, Event

pytestmark = pytest.mark.django_db
SUMMIT = "singapore-2018"
ARTICLE = "date 2018-05-31\n\nPompeo met Kim Yong Chol in New York on Wednesday."


def _json_error(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert "Traceback" not in body["detail"]
    return body


# --- article size -----------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["text/plain", "application/json"])
def test_an_article_over_the_size_limit_gets_a_json_413(api, settings, content_type):
    settings.ARTICLE_MAX_BYTES = 2_000
    text = ARTICLE + " More." * 400
    assert len(text.encode()) > 2_000
    if content_type == "text/plain":
        response = api.post(reverse("article-list"), data=text, content_type=content_type)
    else:
        response = api.post(reverse("article-list"), data={"text": text}, format="json")
    assert _json_error(response, 413)["code"] == "too_large"
    assert Article.objects.count() == 0


def test_the_default_article_limit_is_one_megabyte(api, settings):
    assert settings.ARTICLE_MAX_BYTES == 1_000_000
    body = "x" * 1_100_000
    response = api.post(reverse("article-list"), data=f"date 2018-05-31\n\n{body}", content_type="text/plain")
    _json_error(response, 413)
    assert Article.objects.count() == 0


def test_a_multibyte_article_is_measured_in_bytes(api, settings):
    settings.ARTICLE_MAX_BYTES = 1_000
    text = "date 2018-05-31\n\n" + "\u00e9" * 600  # 600 characters, 1,200 bytes
    response = api.post(reverse("article-list"), data={"text": text}, format="json")
    _json_error(response, 413)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"\xff\xfe\x00garbage", "text/plain"),
        (b"no date header at all", "text/plain"),
        (b"date 0000-00-00\n\nKim met Moon.", "text/plain"),
        (b'{"text": ', "application/json"),
        (b'{"text": 12}', "application/json"),
        (b'{"text": "Kim met Moon.", "published_on": "9999-99-99"}', "application/json"),
        (b'["a", "list"]', "application/json"),
        (b"<html><script>alert(1)</script></html>", "text/html"),
    ],
)
def test_unusable_articles_get_a_json_400_and_nothing_is_stored(api, body, content_type):
    response = api.generic("POST", reverse("article-list"), data=body, content_type=content_type)
    assert response.status_code in (400, 415)
    _json_error(response, response.status_code)
    assert Article.objects.count() == 0


# --- page sizes and the feed -------------------------------------------------------------


def test_page_size_is_capped(db, anon):
    for n in range(205):
        services.envoy_register(name=f"Envoy Number {n}", country="US")
    response = anon.get(reverse("envoy-list"), {"page_size": 100_000})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 205
    assert len(body["results"]) == 200
    assert anon.get(reverse("envoy-list"), {"page_size": "lots"}).status_code == 200  # falls back to the default


def test_the_feed_limit_is_capped(seeded, anon):
    ok = anon.get(reverse("event-feed"), {"limit": 1000})
    assert ok.status_code == 200
    assert len(ok.json()["results"]) == Event.objects.count()
    for limit in (1001, 10**12, 0, -1, "ten"):
        assert _json_error(anon.get(reverse("event-feed"), {"limit": limit}), 400)["code"] == "invalid"


INVALID_QUERIES = (
    ("event-feed", {}, {"after": -1}),
    ("event-feed", {}, {"after": "1e9"}),
    ("event-feed", {}, {"after": 2**70}),
    ("event-feed", {}, {"stream_type": "article"}),
    ("summit-detail", {"slug": SUMMIT}, {"valid_at": "yesterday"}),
    ("summit-detail", {"slug": SUMMIT}, {"valid_at": "0000-00-00"}),
    ("summit-detail", {"slug": SUMMIT}, {"valid_at": "9999-12-31"}),
    ("summit-detail", {"slug": SUMMIT}, {"known_at": "2018-05-24T25:00:00"}),
    ("summit-detail", {"slug": SUMMIT}, {"known_at": "2018-05-24\x00"}),
    ("summit-diff", {"slug": SUMMIT}, {}),
    ("summit-diff", {"slug": SUMMIT}, {"from": "2018-05-24", "to": "not a date"}),
    ("summit-list", {}, {"status": "exploded"}),
    ("summit-list", {}, {"party": "USA"}),
    ("summit-list", {}, {"date_from": "2018-02-30"}),
    ("summit-events", {"slug": SUMMIT}, {"known_at": "x" * 5000}),
    ("article-list", {}, {"status": "burning"}),
)


def test_invalid_query_parameters_get_a_json_400(seeded, anon):
    for name, kwargs, params in INVALID_QUERIES:
        body = _json_error(anon.get(reverse(name, kwargs=kwargs), params), 400)
        assert body["code"] == "invalid", (name, params)


# --- JSON everywhere under /api/ ----------------------------------------------------------


def test_undecodable_query_strings_get_a_json_400(seeded, anon):
    # Percent-encoded bytes that are not UTF-8 (a lone surrogate, a stray continuation byte).
    for raw in ("%ED%A0%80", "%80", "%FF%FE"):
        url = reverse("summit-timeline", kwargs={"slug": SUMMIT}) + f"?known_at={raw}"
        _json_error(anon.get(url), 400)


UNKNOWN_PATHS = (
    "/api/nothing-here/",
    "/api/summits/no-such-summit/",
    "/api/summits/no-such-summit/timeline/",
    "/api/envoys/nobody/",
    "/api/events/00000000-0000-0000-0000-000000000000/",
    "/api/articles/not-an-id/",
    "/api/articles/00000000-0000-0000-0000-000000000000/",
)


def test_unknown_things_are_a_json_404(seeded, anon):
    for path in UNKNOWN_PATHS:
        _json_error(anon.get(path), 404)


def test_unknown_things_are_a_json_404_for_a_browser_too(seeded, anon):
    _json_error(anon.get("/api/summits/no-such-summit/", HTTP_ACCEPT="text/html,application/xhtml+xml"), 404)


def test_events_cannot_be_changed_through_the_api(seeded, api):
    event_id = Event.objects.values_list("id", flat=True).first()
    url = reverse("event-detail", kwargs={"event_id": event_id})
    before = Event.objects.count()
    for method in ("put", "patch", "delete"):
        assert _json_error(getattr(api, method)(url, data={"type": "x"}, format="json"), 405)
    assert Event.objects.count() == before


MALFORMED_WRITES = (
    b"{not json",
    b'{"change": "cancelled", "valid_time": {"at": "2018-05-24"}, "expected_version": "seven"}',
    b'{"change": "cancelled", "valid_time": {"at": "0000-00-00"}, "expected_version": 7}',
    b'{"change": "cancelled", "valid_time": {"at": "9999-12-31"}, "expected_version": 7}',
    b'{"change": "cancelled", "valid_time": {"earliest": "2018-05-25", "latest": "2018-05-24"}, "expected_version": 7}',
    b'{"change": "\\ud800", "valid_time": {"at": "2018-05-24"}, "expected_version": 7}',
    b'{"change": "cancelled", "valid_time": {"after_event": "00000000-0000-0000-0000-000000000000", '
    b'"offset_hours": 1e308}, "expected_version": 7}',
    b"[]",
    b'"just a string"',
    b'{"change": "cancelled", "valid_time": [1, 2], "expected_version": 7, "note": "' + b"n" * 5000 + b'"}',
)


def test_malformed_writes_get_a_json_400_and_store_nothing(seeded, api):
    before = Event.objects.count()
    url = reverse("summit-status-changes", kwargs={"slug": SUMMIT})
    for body in MALFORMED_WRITES:
        response = api.generic("POST", url, data=body, content_type="application/json")
        _json_error(response, 400)
    assert Event.objects.count() == before
