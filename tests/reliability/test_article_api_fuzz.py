"""Schemathesis on the article endpoints (the rest of the API: tests/api/test_fuzz.py),
anonymously and as an editor: never a 5xx, and whatever is refused stores nothing."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from tracker.models import Article

pytestmark = pytest.mark.django_db
EXAMPLES = 15


@pytest.fixture
def wsgi_app(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"writes": "100000/min", "articles": "100000/min"},
    }
    # Keep the application on the test's connection (and transaction), as the test client does.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _fuzz(operation, app, headers: dict[str, str], statuses: list[int]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    def run(case) -> None:
        response = case.call(app=app, headers=headers)
        case.validate_response(response, checks=[not_a_server_error])
        statuses.append(response.status_code)

    run()


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_article_endpoints_never_answer_5xx(seeded, editor, wsgi_app, who):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    operations = [op for op in (r.ok() for r in schema.get_all_operations()) if op.path.startswith("/api/articles")]
    assert {op.method.upper() for op in operations} >= {"GET", "POST"}
    headers = {"Authorization": f"Token {Token.objects.create(user=editor).key}"} if who == "editor" else {}
    statuses: list[int] = []
    for operation in operations:
        _fuzz(operation, wsgi_app, headers, statuses)
    if who == "anonymous":
        assert Article.objects.count() == 0
        assert 401 in statuses
    else:
        assert 202 in statuses or 400 in statuses
    assert all(s < 500 for s in statuses)
