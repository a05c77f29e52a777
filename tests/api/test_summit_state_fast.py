"""The summit read's fast paths give the answers of the slow ones they replace.

``selectors.summit_state`` reads the projection with written-out statements
(``tracker/selectors/sql.py``); ``summit_state_replayed`` folds the raw events. They must
agree on the whole view, on a grid of valid and knowledge times that crosses every kind of
boundary: before the first fact, inside an uncertain window, after a retraction and a
correction, on a summit without uncertainty. And ``plain.summit_state`` must be exactly
what DRF's generic serializer makes of that view (values and key order).
"""

import json
from datetime import UTC, datetime, timedelta

import pytest
from rest_framework import serializers

from tests.api.conftest import SLUG
from tracker import eventstore, selectors, services
from tracker.api import plain
from tracker.api.fields import parse_moment
from tracker.api.summits import SummitStateOutput
from tracker.domain.errors import NotFound
from tracker.domain.time import ValidTime


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _drf(view: selectors.SummitView) -> dict:
    """DRF's generic representation (SummitStateOutput delegates to ``plain``)."""
    return serializers.Serializer.to_representation(SummitStateOutput(), view)


def _grid(slug: str) -> list[tuple[datetime | None, datetime | None]]:
    recorded = sorted({e.recorded_at for e in eventstore.read_all(limit=10_000)})
    known = [recorded[0] - timedelta(seconds=1), recorded[0], *recorded[len(recorded) // 2 :: 3], recorded[-1], None]
    days = [t(f"2018-{m:02d}-{d:02d}T{h:02d}:30") for m in (3, 5, 6) for d in (1, 24, 25, 26) for h in (0, 13)]
    valid = [None, *days]
    valid += [t("2018-01-01T00:00"), t("2019-03-01T01:30"), t("2030-01-01T00:00")]
    return [(v, k) for k in known for v in valid]


def _answers(slug: str, valid_at: datetime | None, known_at: datetime | None):
    try:
        fast = selectors.summit_state(slug, valid_at=valid_at, known_at=known_at)
    except NotFound:
        # The reference fails too (it says "unknown" where the projection can tell
        # "not_yet_known"; test_summit_reads checks the projection's reasons).
        with pytest.raises(NotFound):
            selectors.summit_state_replayed(slug, valid_at=valid_at, known_at=known_at)
        return None, None
    return fast, selectors.summit_state_replayed(slug, valid_at=valid_at, known_at=known_at)


@pytest.fixture
def story(seeded) -> list[str]:
    """The seeded story with a retraction, a correction, a wide window, and two more
    summits: one without any uncertainty, and one whose only fact was retracted."""
    timeline = selectors.summit_timeline(SLUG)
    cancelled = next(e for e in timeline if e.change == "cancelled")
    services.event_retract(event_id=cancelled.event_id, reason="test: a draft")
    services.summit_change_status(
        slug=SLUG, change="cancelled", when=ValidTime.between_days(t("2018-05-01").date(), t("2018-05-30").date())
    )
    plain_summit = services.summit_create(
        title="Hanoi", change="scheduled", parties=["US", "KP"], when=ValidTime.at(t("2019-02-27T09:00"))
    ).events[0]
    slug = plain_summit.stream.id
    services.summit_change_status(slug=slug, change="cancelled", when=ValidTime.at(t("2019-03-01T00:00")))
    ghost = services.summit_create(title="Ghost", when=ValidTime.at(t("2019-01-01T00:00"))).events[0]
    services.event_retract(event_id=str(ghost.id), reason="never happened")
    return [SLUG, slug, ghost.stream.id, "no-such-summit"]


def test_the_projection_read_equals_the_replayed_reference_view_for_view(story):
    compared = 0
    for slug in story:
        for valid_at, known_at in _grid(slug):
            fast, slow = _answers(slug, valid_at, known_at)
            if fast is None:
                continue
            assert fast == slow, (slug, valid_at, known_at)
            compared += 1
    assert compared > 100


def test_the_plain_representation_is_drfs_field_for_field(story):
    compared = 0
    for slug in story:
        for valid_at, known_at in _grid(slug):
            fast, _ = _answers(slug, valid_at, known_at)
            if fast is None:
                continue
            expected = _drf(fast)
            # The same JSON, keys in the same order.
            assert json.dumps(plain.summit_state(fast)) == json.dumps(expected), (slug, valid_at, known_at)
            compared += 1
    assert compared > 100


def test_the_detail_endpoint_answers_the_serializers_json(seeded, anon):
    for query in ({}, {"valid_at": "2018-05-26"}, {"valid_at": "2018-05-25T13:30:00Z", "known_at": "2100-01-01"}):
        response = anon.get(f"/api/summits/{SLUG}/", query)
        assert response.status_code == 200
        view = selectors.summit_state(SLUG, **{k: parse_moment(v) for k, v in query.items()})
        assert response.content == json.dumps(_drf(view), separators=(",", ":")).encode()
