"""Production settings, checked in fresh processes (settings are read once, at start-up),
and what the logs may contain."""

from __future__ import annotations

import logging
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

ROOT = settings.BASE_DIR


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ENV"}}
    clean.pop("DATABASE_URL", None)  # the embedded default is enough for checks
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="tracker.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_in_production():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="tracker.example.org",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "?: (security" not in output, output
    assert "no issues" in output


def test_production_settings_values():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, "
        "s.SECURE_SSL_REDIRECT, s.SECRET_KEY == 'from-the-environment-' * 3)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_ENV": "production",
            "SECRET_KEY": "from-the-environment-" * 3,
            "ALLOWED_HOSTS": "tracker.example.org",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "True"], result.stderr


@pytest.mark.django_db
def test_no_password_token_or_secret_key_in_the_logs(editor, caplog, settings):
    settings.DEBUG = False
    token = Token.objects.create(user=editor).key
    secret_note = "s3cr3t-article-sentence"
    with caplog.at_level(logging.DEBUG):
        # A failed login, a token write that fails, a bad token, and a 500 from a view.
        client = APIClient()
        client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "wrong-password-987"})
        client.login(username="editor", password="editor-pass-123")
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        api.post("/api/summits/nowhere/status-changes/", {"note": secret_note}, format="json")
        bad = APIClient()
        bad.credentials(HTTP_AUTHORIZATION=f"Token {token[::-1]}")
        bad.post("/api/summits/", {}, format="json")
        api.post("/api/articles/", data="not an article", content_type="text/plain")
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''} {r.args!r}" for r in caplog.records)
    for secret in (token, token[::-1], "editor-pass-123", "wrong-password-987", settings.SECRET_KEY):
        assert secret not in logged
