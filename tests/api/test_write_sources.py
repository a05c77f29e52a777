"""A write's source names the article it was read from by the article's id (a UUID)."""

import uuid

import pytest

from tests.api.conftest import SLUG
from tracker import selectors

pytestmark = pytest.mark.django_db


def test_a_source_naming_an_article_is_stored_with_its_id_and_the_acting_user(seeded, api):
    article_id = uuid.uuid4()
    response = api.post(
        f"/api/summits/{SLUG}/status-changes/",
        {
            "change": "held",
            "expected_version": 7,
            "valid_time": {"at": "2018-06-12T02:00:00Z"},
            "source": {"kind": "article", "article_id": str(article_id), "evidence": "The two leaders met."},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    event = selectors.event_get(response.json()["event"]["id"])
    assert event.source["article_id"] == str(article_id)
    assert event.source["user"] == "editor" and event.source["kind"] == "article"


def test_an_article_id_that_is_not_a_uuid_is_a_400(seeded, api):
    response = api.post(
        f"/api/summits/{SLUG}/status-changes/",
        {
            "change": "held",
            "expected_version": 7,
            "valid_time": {"at": "2018-06-12"},
            "source": {"kind": "article", "article_id": "article-7"},
        },
        format="json",
    )
    assert response.status_code == 400
    assert "article_id" in str(response.json())
