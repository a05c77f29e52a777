"""Headless Chromium for ``@pytest.mark.browser`` tests.

The Debian ``chromium`` and ``chromium-driver`` packages are used as installed (``.ci/run``
installs them); nothing is downloaded. Without them a browser test is skipped, except
under ``REQUIRE_SERVICES=1`` (CI), where it fails instead.
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver"))
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def _missing() -> str | None:
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not (binary.is_file() and os.access(binary, os.X_OK)):
            return f"needs headless Chromium: {binary} is missing (apt-get install chromium chromium-driver)"
    return None


def pytest_runtest_setup(item):
    if not item.get_closest_marker("browser"):
        return
    reason = _missing()
    if reason is None:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but this test {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The users' passwords are hashed when fixtures create them: the production hasher's
    # deliberate slowness would dominate these tests' run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def browser(monkeypatch) -> Iterator:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # never let Selenium Manager reach the network
    profile = tempfile.mkdtemp(prefix="chromium-test-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1000", f"--user-data-dir={profile}",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
