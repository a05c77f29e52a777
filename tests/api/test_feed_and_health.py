"""The global feed (gap-safe, with its cursor), envoy and meeting reads, /health/, errors."""

from datetime import UTC, datetime

import pytest

from tests.support.processes import run_in_processes
from tracker import services
from tracker.domain.time import ValidTime
from tracker.models import Event


def _read_all(client, *, limit: int) -> list[dict]:
    events, after = [], 0
    while True:
        body = client.get("/api/events/", {"after": after, "limit": limit}).json()
        events += body["results"]
        assert body["next_after"] >= after and f"after={body['next_after']}" in body["next"]
        if not body["has_more"]:
            return events
        after = body["next_after"]


def test_feed_pages_through_every_event_once_in_order(seeded, anon):
    events = _read_all(anon, limit=4)
    positions = [e["position"] for e in events]
    assert positions == sorted(Event.objects.values_list("position", flat=True))
    assert len(set(e["id"] for e in events)) == len(events) == Event.objects.count()
    tail = anon.get("/api/events/", {"after": positions[-1]}).json()
    assert tail["results"] == [] and tail["next_after"] == positions[-1] and tail["has_more"] is False
    only = anon.get("/api/events/", {"stream_type": "summit"}).json()["results"]
    assert {e["stream"] for e in only} == {"summit/singapore-2018"}


@pytest.mark.parametrize("query", ["after=-1", "after=x", "limit=0", "limit=100000", "stream_type=article"])
def test_feed_rejects_bad_parameters(db, anon, query):
    response = anon.get(f"/api/events/?{query}")
    assert response.status_code == 400 and query.split("=")[0] in response.json()["errors"]


def _append_changes(worker: int, count: int) -> int:
    for n in range(count):
        services.envoy_register(name=f"Envoy {worker}-{n}")
    return count


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_feed_never_skips_an_event_under_concurrent_writers(anon):
    """Readers follow the feed while four processes append: every event is seen once."""
    seen: list[int] = []
    after = 0

    def drain() -> None:
        nonlocal after
        while True:
            body = anon.get("/api/events/", {"after": after, "limit": 7}).json()
            seen.extend(e["position"] for e in body["results"])
            after = body["next_after"]
            if not body["has_more"]:
                return

    drain()
    run_in_processes(_append_changes, [(w, 15) for w in range(4)])
    drain()
    assert seen == sorted(Event.objects.values_list("position", flat=True)) == list(range(1, 61))


def test_envoy_detail_at_a_basis(seeded, anon):
    body = anon.get("/api/envoys/mike-pompeo/", {"valid_at": "2018-05-01"}).json()
    active = {r["title"]: r["active"] for r in body["roles"]}
    assert active == {"Director of the CIA": False, "Secretary of State": True}
    assert [m["meeting_id"] for m in body["meetings"]] == ["pompeo-kju-2018-04"]
    assert anon.get("/api/envoys/mike-pompeo/", {"known_at": "2000-01-01"}).json()["reason"] == "not_yet_known"
    assert anon.get("/api/envoys/nobody/").status_code == 404
    before = datetime.now(UTC)
    services.envoy_assign_role(slug="mike-pompeo", title="Private citizen", start=datetime(2021, 1, 20).date())
    old = anon.get("/api/envoys/mike-pompeo/", {"known_at": before.isoformat()}).json()
    assert len(old["roles"]) == 2 and len(anon.get("/api/envoys/mike-pompeo/").json()["roles"]) == 3


def test_envoy_list_filters(seeded, anon):
    assert [e["slug"] for e in anon.get("/api/envoys/?country=kp").json()["results"]] == [
        "kim-jong-un",
        "kim-yong-chol",
    ]
    assert [e["slug"] for e in anon.get("/api/envoys/?name=pompeo").json()["results"]] == ["mike-pompeo"]
    assert anon.get("/api/envoys/?country=KPR").status_code == 400


def test_meeting_filters(seeded, anon):
    def ids(query: str) -> list[str]:
        response = anon.get(f"/api/meetings/?{query}")
        assert response.status_code == 200, response.json()
        return [m["meeting_id"] for m in response.json()["results"]]

    assert ids("participant=kim-yong-chol") == [
        "pompeo-kyc-2018-05-30",
        "pompeo-kyc-2018-05-31",
        "trump-kyc-2018-06-01",
    ]
    assert ids("participant=Sergei Lavrov") == ["lavrov-kju-2018-05-31"]
    assert ids("location=new york&date_from=2018-05-31") == ["pompeo-kyc-2018-05-31"]
    assert ids("date_from=2018-04-01&date_to=2018-04-01") == ["pompeo-kju-2018-04"]
    assert len(ids("summit=singapore-2018&status=held")) == 7
    assert ids("status=cancelled") == []
    assert anon.get("/api/meetings/?status=maybe").status_code == 400
    assert anon.get("/api/meetings/?date_to=June").status_code == 400


def test_meeting_list_uses_a_fixed_number_of_queries(seeded, anon, django_assert_max_num_queries):
    # The basis, the count, the page (and the events of rows changed since a `known_at`).
    with django_assert_max_num_queries(3):
        anon.get("/api/meetings/?participant=mike-pompeo")
    for n in range(10):
        services.meeting_record(
            participants=["Mike Pompeo", "Kim Yong Chol"], when=ValidTime.on_day(datetime(2018, 7, 1 + n).date())
        )
    with django_assert_max_num_queries(3):
        assert anon.get("/api/meetings/?participant=mike-pompeo").json()["count"] == 14


def test_health_with_eager_celery(db, client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "status": "ok",
        "database": {"status": "ok", "vendor": body["database"]["vendor"]},
        "broker": {"status": "eager"},
    }


def test_health_is_503_when_the_broker_is_down(db, client, settings):
    # Nothing listens on port 1: a real refused connection.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["broker"]["status"] == "unavailable"
    assert body["database"]["status"] == "ok"


@pytest.mark.redis
def test_health_with_the_real_broker(db, client, settings):
    response = client.get("/health/")
    assert response.status_code == 200 and response.json()["broker"] == {"status": "ok", "transport": "redis"}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_health_is_503_when_the_database_connection_is_lost(client):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET SESSION idle_in_transaction_session_timeout = 0")
    other = connection.copy()
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
    other.close()
    response = client.get("/health/")
    assert response.status_code == 503 and response.json()["database"]["status"] == "unavailable"
    # The broken connection was dropped: the next check reconnects.
    assert client.get("/health/").json()["database"]["status"] == "ok"


def test_errors_are_json(db, client):
    for url, status in (("/api/nowhere/", 404), ("/api/summits/x/", 404), ("/api/events/not-a-uuid/", 404)):
        response = client.get(url)
        assert response.status_code == status and response["Content-Type"] == "application/json"
        assert response.json()["detail"]


def test_schema_and_docs(db, client):
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in (
        "/api/summits/", "/api/summits/{slug}/", "/api/summits/{slug}/timeline/", "/api/summits/{slug}/events/",
        "/api/summits/{slug}/diff/", "/api/summits/{slug}/status-changes/", "/api/envoys/", "/api/envoys/{slug}/",
        "/api/meetings/", "/api/events/", "/api/events/{event_id}/retractions/", "/api/events/{event_id}/corrections/",
    ):  # fmt: skip
        assert path in paths
    valid_at = next(p for p in paths["/api/summits/{slug}/"]["get"]["parameters"] if p["name"] == "valid_at")
    assert "end of that day, UTC" in valid_at["description"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content and b"cdn." not in docs.content
    for url in ("/api/schema/", "/api/docs/", "/api/redoc/"):
        refused = client.post(url)
        assert refused.status_code == 405 and refused.json()["detail"] == 'Method "POST" not allowed.'
