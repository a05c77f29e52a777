"""Property-based fuzzing of the whole API from its own OpenAPI schema (schemathesis).

Every operation, reads and writes (as the editor, by token), on the seeded database,
through the WSGI application in-process: no 5xx, and every response matches the schema
(status code documented, content type, body shape).
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 8


@pytest.fixture
def generous_throttle(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"writes": "100000/min", "articles": "100000/min"},
    }  # fmt: skip


def _fuzz(operation, app, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case) -> None:
        response = case.call(app=app, headers=headers)
        case.validate_response(response, checks=CHECKS)

    run()


@pytest.fixture
def wsgi_app():
    """The production WSGI application, kept on the test's database connection (and so
    inside its transaction), as Django's own test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_operation_honours_its_schema(seeded, editor_token, generous_throttle, wsgi_app):
    app = wsgi_app
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    headers = {"Authorization": f"Token {editor_token}"}
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 18 and {"/api/articles/", "/api/articles/{article_id}/"} <= {o.path for o in operations}
    for operation in operations:
        _fuzz(operation, app, headers)
