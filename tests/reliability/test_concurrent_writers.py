"""Sixteen API clients race to change one summit's status, each with the version it read.

Against gunicorn (several processes and threads) and PostgreSQL: every write either
succeeds with the next version or gets a 409 naming the current one; the winners'
versions are contiguous, and every acknowledged write is in the event log exactly once.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date

import pytest
import requests
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token

from tests.support.services import WebServer
from tracker import services
from tracker.domain.time import ValidTime
from tracker.models import Event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
CLIENTS = 16
ATTEMPTS = 6
SLUG = "race-2031"


@pytest.fixture
def web(tmp_path):
    server = WebServer(tmp_path, workers=2, threads=8, env={"THROTTLE_WRITES": "100000/min"}).start()
    yield server
    server.stop()


def _tokens(django_user_model) -> list[str]:
    permission = Permission.objects.get(codename="record_summit_change")
    tokens = []
    for n in range(CLIENTS):
        user = django_user_model.objects.create_user(f"writer-{n}", password="writer-pass-123")
        user.user_permissions.add(permission)
        tokens.append(Token.objects.create(user=user).key)
    return tokens


def test_sixteen_writers_get_contiguous_versions_or_409(web, django_user_model):
    services.summit_create(title="Race summit", slug=SLUG, change="scheduled", when=ValidTime.on_day(date(2031, 1, 1)))
    tokens = _tokens(django_user_model)
    start = threading.Barrier(CLIENTS)
    results: list[tuple[int, dict]] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        session = requests.Session()
        session.headers["Authorization"] = f"Token {tokens[n]}"
        start.wait()
        for attempt in range(ATTEMPTS):
            version = session.get(f"{web.url}/api/summits/{SLUG}/", timeout=30).json()["version"]
            body = {
                "change": "rescheduled",
                "valid_time": {"at": f"2031-02-{1 + attempt:02d}T{n:02d}:00:00Z"},
                "expected_version": version,
                "note": f"client {n} attempt {attempt}",
            }
            response = session.post(f"{web.url}/api/summits/{SLUG}/status-changes/", json=body, timeout=30)
            with lock:
                results.append((response.status_code, response.json()))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)

    codes = Counter(code for code, _ in results)
    assert set(codes) <= {201, 409}, (codes, web.log()[-2000:])
    assert codes[201] >= 1 and codes[409] >= 1  # there was a race, and it had winners
    for code, body in results:
        if code == 409:
            assert body["code"] == "version_conflict" and body["current_version"] > body["expected_version"]
    won = [body for code, body in results if code == 201]
    versions = sorted(b["version"] for b in won)
    assert versions == list(range(2, 2 + len(won)))  # contiguous after the summit's first event

    stored = Event.objects.filter(stream_type="summit", stream_id=SLUG).order_by("version")
    assert list(stored.values_list("version", flat=True)) == list(range(1, 2 + len(won)))
    acknowledged = {str(e["id"]) for b in won for e in b["events"]}
    assert acknowledged == {str(i) for i in stored.values_list("id", flat=True)[1:]}
