"""Only the right people write.

The sweep walks the project's URL conf (not a hand-written list), so an endpoint added
later is covered the day it is added: every unsafe method on every non-admin route must
answer 401/403 to the anonymous and 403 to users without the permission (405 where the
route has no such method), and nothing stored may change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.reliability.conftest import token_client
from tracker import services
from tracker.domain.time import ValidTime
from tracker.models import Article, Event

pytestmark = pytest.mark.django_db
WRITE_METHODS = ("post", "put", "patch", "delete")
SUMMIT = "singapore-2018"
# The catch-all under /api/ answers a JSON 404 for any path no route matches.
CATCH_ALL = {r"^.*$": "no-such-route/"}


def _concrete(pattern, samples: dict[str, str]) -> str:
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:(\w+):)?\w+>", lambda m: samples[m[1] or "str"], str(pattern))
    text = str(pattern)
    if text in CATCH_ALL:
        return CATCH_ALL[text]
    raise AssertionError(f"route {text!r} is a regex the access sweep cannot fill in: add a sample for it")


def routes(samples: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(url, route name) for every route outside the admin, with sample path arguments."""

    def walk(patterns, prefix: str) -> Iterator[tuple[str, str]]:
        for p in patterns:
            part = prefix + _concrete(p.pattern, samples)
            if isinstance(p, URLResolver):
                if part.startswith("admin/"):
                    continue  # the admin is swept separately, below
                yield from walk(p.url_patterns, part)
            elif isinstance(p, URLPattern):
                yield "/" + part, p.name or part

    yield from walk(get_resolver().url_patterns, "")


@pytest.fixture
def samples(seeded) -> dict[str, str]:
    article = Article.objects.create(sha256="0" * 64, body="x", status=Article.Status.DONE)
    return {
        "slug": SUMMIT,
        "uuid": str(Event.objects.order_by("position").values_list("id", flat=True).first()),
        "str": str(article.pk),
        "int": "1",
        "path": "x",
    }


def _json_error(content: bytes) -> bool:
    try:
        return bool(json.loads(content)["detail"])
    except (ValueError, KeyError, TypeError):
        return False


def _stored() -> tuple[int, int, int]:
    return Event.objects.count(), Article.objects.count(), Token.objects.count()


def test_the_sweep_sees_every_write_route(samples):
    found = {name for _, name in routes(samples)}
    # If this fails, the sweep stopped seeing the API: it would then prove nothing.
    assert {"summit-status-changes", "summit-list", "article-list", "event-retractions", "meeting-list"} <= found
    for url, name in routes(samples):
        if not url.startswith("/api/") or name == "api-not-found":
            continue
        assert resolve(url).url_name == name, f"{url} does not reach {name}: fix the samples"


@pytest.mark.parametrize("who", ["anon", "reader", "viewer"])
def test_no_write_anywhere_without_permission(request, samples, who):
    client: APIClient = request.getfixturevalue(who)
    before = _stored()
    refused = {"anon": {401, 403}, "reader": {403}, "viewer": {403}}[who]
    leaks, not_json = [], []
    for url, name in routes(samples):
        for method in WRITE_METHODS:
            response = getattr(client, method)(url, data={}, format="json")
            allowed = refused | {405} | ({404} if name == "api-not-found" else set())
            if response.status_code not in allowed:
                leaks.append(f"{method.upper()} {url} ({name}) -> {response.status_code}")
            elif url.startswith("/api/") and not _json_error(response.content):
                not_json.append(f"{method.upper()} {url} -> {response.content[:60]!r}")
    assert not leaks, "writes not refused:\n" + "\n".join(leaks)
    assert not not_json, "refusals that are not JSON:\n" + "\n".join(not_json)
    assert _stored() == before


def test_the_write_routes_do_accept_the_editor(samples, api):
    """The other side of the sweep: with the permission, the same routes are open (so a
    401/403 above comes from the permission, not from a broken URL)."""
    for name, kwargs in [
        ("summit-status-changes", {"slug": SUMMIT}),
        ("summit-list", {}),
        ("meeting-list", {}),
        ("envoy-list", {}),
        ("event-retractions", {"event_id": samples["uuid"]}),
        ("event-corrections", {"event_id": samples["uuid"]}),
        ("article-list", {}),
    ]:
        response = api.post(reverse(name, kwargs=kwargs), data={}, format="json")
        assert response.status_code == 400, (name, response.status_code, response.content[:200])


def test_one_permission_opens_one_door(samples, django_user_model):
    user = django_user_model.objects.create_user("meetings-only", password="pw-123456789")
    user.user_permissions.add(Permission.objects.get(codename="record_meeting"))
    client = token_client(user)

    assert client.post(reverse("meeting-list"), data={}, format="json").status_code == 400
    status_change = reverse("summit-status-changes", kwargs={"slug": SUMMIT})
    assert client.post(status_change, data={}, format="json").status_code == 403


# --- sessions, CSRF and tokens -------------------------------------------------------------


def _status_change_body(version: int) -> dict:
    return {"change": "scheduled", "valid_time": {"at": "2031-03-01"}, "expected_version": version}


@pytest.fixture
def fresh_summit(db) -> str:
    services.summit_create(
        title="Access test summit", slug="access-test", change="proposed", when=ValidTime.on_day(date(2031, 1, 1))
    )
    return "access-test"


def test_session_writes_need_the_csrf_token(editor, fresh_summit):
    client = APIClient(enforce_csrf_checks=True)
    assert client.login(username="editor", password="editor-pass-123")
    url = reverse("summit-status-changes", kwargs={"slug": fresh_summit})

    refused = client.post(url, data=_status_change_body(1), format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert Event.objects.filter(stream_id=fresh_summit).count() == 1

    secret = "s3cr3tCsrfTokenForThisTest012345"  # 32 characters: a valid unmasked token
    client.cookies["csrftoken"] = secret
    accepted = client.post(url, data=_status_change_body(1), format="json", HTTP_X_CSRFTOKEN=secret)
    assert accepted.status_code == 201, accepted.content
    assert Event.objects.filter(stream_id=fresh_summit).count() == 2


def test_token_clients_need_no_csrf_and_a_revoked_token_is_refused(editor, fresh_summit, django_user_model):
    token = Token.objects.create(user=editor)
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = reverse("summit-status-changes", kwargs={"slug": fresh_summit})
    assert client.post(url, data=_status_change_body(1), format="json").status_code == 201

    # Revoked the way an administrator does it: deleting the token in the admin.
    boss = django_user_model.objects.create_superuser("boss", password="boss-pass-123456")
    site = APIClient()
    site.force_login(boss)
    delete_url = reverse("admin:authtoken_tokenproxy_delete", args=[editor.pk])
    assert site.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Token.objects.filter(key=token.key).exists()

    refused = client.post(url, data=_status_change_body(2), format="json")
    assert refused.status_code == 401
    assert refused.json()["detail"] == "Invalid token."
    assert Event.objects.filter(stream_id=fresh_summit).count() == 2


def test_an_inactive_user_token_is_refused(editor, fresh_summit):
    client = token_client(editor)
    editor.is_active = False
    editor.save()
    url = reverse("summit-status-changes", kwargs={"slug": fresh_summit})
    assert client.post(url, data=_status_change_body(1), format="json").status_code == 401


# --- throttling --------------------------------------------------------------------------


def test_writes_are_throttled_with_a_json_429(api, fresh_summit, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"writes": "3/min", "articles": "2/min"},
    }
    url = reverse("summit-status-changes", kwargs={"slug": fresh_summit})
    codes = [api.post(url, data=_status_change_body(1 + n), format="json").status_code for n in range(4)]
    assert codes == [201, 201, 201, 429]
    response = api.post(url, data=_status_change_body(4), format="json")
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    # Reads are not throttled.
    assert api.get(reverse("summit-detail", kwargs={"slug": fresh_summit})).status_code == 200


def test_article_submissions_are_throttled_with_a_json_429(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"writes": "100/min", "articles": "2/min"},
    }
    url = reverse("article-list")
    codes = [
        api.post(
            url, data=f"date 2018-05-31\n\nKim Jong Un met Moon Jae-in ({n}).", content_type="text/plain"
        ).status_code
        for n in range(3)
    ]
    assert codes == [202, 202, 429]
    assert Article.objects.count() == 2
    assert api.get(url).status_code == 200


# --- the admin ---------------------------------------------------------------------------


def _admin_urls(samples) -> Iterator[str]:
    yield reverse("admin:index")
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        yield reverse("admin:{}_{}_changelist".format(*info))
        yield reverse("admin:{}_{}_add".format(*info))
        yield reverse("admin:{}_{}_change".format(*info), args=["1"])
        yield reverse("admin:{}_{}_delete".format(*info), args=["1"])


def test_the_admin_requires_staff_whatever_the_permissions(samples, django_user_model):
    # (Anonymous visitors and staff without permissions: tests/admin/test_access.py.)
    user = django_user_model.objects.create_user("plain", password="plain-pass-123")
    user.user_permissions.set(Permission.objects.all())
    client = APIClient()
    client.force_login(user)
    before = _stored()
    for url in _admin_urls(samples):
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"post": "yes"})
            assert response.status_code == 302, (method, url, response.status_code)
            assert "/admin/login/" in response["Location"]
    assert _stored() == before
