"""The articles API through the client: 202 and processing (eager Celery at commit),
status, claims and events, duplicates, and bad input refused with JSON."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.ingestion.conftest import LAVROV_WANG_MONDAY, SEED_ARTICLE
from tracker.models import Article, Event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle_history():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client(editor) -> APIClient:
    api = APIClient()
    api.force_authenticate(editor)
    return api


def _post(client, capture, **kwargs):
    with capture(execute=True):
        return client.post("/api/articles/", **kwargs)


def test_post_json_is_accepted_processed_and_shows_claims_and_events(
    seeded, client, django_capture_on_commit_callbacks
):
    body = {"text": LAVROV_WANG_MONDAY.split("\n\n", 1)[1], "published_on": "2018-04-25", "title": "Lavrov in Beijing"}
    response = _post(client, django_capture_on_commit_callbacks, data=body, format="json")

    assert response.status_code == 202, response.json()
    submitted = response.json()
    assert submitted["status"] == "queued" and submitted["url"] == f"/api/articles/{submitted['id']}/"

    detail = client.get(submitted["url"]).json()
    assert detail["status"] == "done" and detail["title"] == "Lavrov in Beijing"
    (claim,) = [c for c in detail["claims"] if c["kind"] == "meeting"]
    assert claim["review_state"] == "auto" and claim["confidence"] > 0
    assert claim["evidence"]["text"] in detail["text"]
    events = {e["id"]: e for e in detail["events"]}
    (meeting_event,) = claim["event_ids"]
    assert events[meeting_event]["type"] == "MeetingRecorded"
    # Wang Yi was unknown: the article's person claim registered him as an envoy.
    assert {e["type"] for e in events.values()} == {"MeetingRecorded", "EnvoyRegistered"}
    assert {Event.objects.get(id=i).source["article_id"] for i in events} == {submitted["id"]}


def test_post_plain_text_in_the_founding_format(seeded, client, django_capture_on_commit_callbacks):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    response = _post(client, django_capture_on_commit_callbacks, data=text.encode(), content_type="text/plain")

    assert response.status_code == 202
    article = Article.objects.get(pk=response.json()["id"])
    assert article.status == "done" and str(article.published_on) == "2018-05-31"
    timeline = client.get("/api/articles/?status=done").json()
    assert [a["id"] for a in timeline["results"]] == [str(article.pk)]


def test_the_same_text_twice_is_a_duplicate_pointing_at_the_first(seeded, client, django_capture_on_commit_callbacks):
    first = _post(
        client, django_capture_on_commit_callbacks, data=LAVROV_WANG_MONDAY.encode(), content_type="text/plain"
    )
    events = Event.objects.count()
    second = _post(
        client, django_capture_on_commit_callbacks, data=LAVROV_WANG_MONDAY.encode(), content_type="text/plain"
    )

    assert second.status_code == 202
    assert second.json()["status"] == "duplicate"
    assert second.json()["duplicate_of"] == first.json()["id"]
    assert Event.objects.count() == events
    assert client.get(f"/api/articles/{second.json()['id']}/").json()["status"] == "duplicate"


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"data": {"text": "No date anywhere."}, "format": "json"}, 400, "invalid_article"),
        ({"data": {"text": "", "published_on": "2018-05-01"}, "format": "json"}, 400, "invalid"),
        ({"data": {"text": "Text.", "published_on": "0000-00-00"}, "format": "json"}, 400, "invalid"),
        ({"data": {"published_on": "2018-05-01"}, "format": "json"}, 400, "invalid"),
        ({"data": b"\xff\xfe not utf-8", "content_type": "text/plain"}, 400, "invalid_article"),
        ({"data": {"text": "x" * 1_000_001, "published_on": "2018-05-01"}, "format": "json"}, 413, "too_large"),
        ({"data": b"date 2018-05-01\n\n" + b"x" * 1_200_000, "content_type": "text/plain"}, 413, "too_large"),
    ],
)
def test_bad_input_is_a_json_error_and_stores_nothing(client, kwargs, status, code):
    response = client.post("/api/articles/", **kwargs)

    assert response.status_code == status
    assert response.json()["code"] == code and response.json()["detail"]
    assert not Article.objects.exists()


def test_writes_need_permission_and_reads_of_unknown_articles_are_404(db, django_user_model):
    anonymous = APIClient()
    assert anonymous.post("/api/articles/", {"text": "x"}, format="json").status_code == 401
    reader = APIClient()
    reader.force_authenticate(django_user_model.objects.create_user("reader"))
    assert reader.post("/api/articles/", {"text": "x"}, format="json").status_code == 403
    for path in ("/api/articles/not-a-uuid/", "/api/articles/7d1f4c55-0000-4000-8000-000000000000/"):
        response = anonymous.get(path)
        assert response.status_code == 404 and response.json()["reason"] == "unknown"
    assert anonymous.get("/api/articles/?status=bogus").status_code == 400
