"""The founding story, loaded through the commands, answers the design's questions."""

from datetime import UTC, datetime, timedelta

import pytest

from tracker import eventstore, selectors, services
from tracker.domain.errors import IllegalTransition, NotFound
from tracker.domain.time import ValidTime
from tracker.eventstore import ConcurrencyError, StreamId
from tracker.models import Event
from tracker.seeds import load_timeline, seed_files

pytestmark = pytest.mark.django_db
SLUG = "singapore-2018"


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("valid_at", "status"),
    [
        ("2018-03-01T00:00", None),
        ("2018-04-01T00:00", "proposed"),
        ("2018-05-20T00:00", "scheduled"),
        ("2018-05-24T20:00", "cancelled"),
        ("2018-05-26T00:00", "scheduled"),
        ("2018-06-12T03:00", "held"),
    ],
)
def test_status_at_valid_time(seeded, valid_at, status):
    state = selectors.summit_state(SLUG, valid_at=t(valid_at))
    assert state.status == status
    assert state.certainty == "definite"
    assert state.basis.valid_at == t(valid_at)


def test_status_now_is_concluded_with_the_summit_details(seeded):
    state = selectors.summit_state(SLUG)
    assert (state.status, state.certainty) == ("concluded", "definite")
    assert str(state.scheduled_for) == "2018-06-12"
    assert state.parties == ["KP", "US"]
    assert state.leaders == ["Donald Trump", "Kim Jong Un"]
    assert state.version == 7
    assert {e["slug"] for e in state.envoys} >= {"mike-pompeo", "kim-yong-chol", "donald-trump"}


def test_inside_the_reinstatement_hour_the_answer_is_only_possible(seeded):
    state = selectors.summit_state(SLUG, valid_at=t("2018-05-25T13:30"))
    assert state.certainty == "possible"
    assert state.possible_statuses == ["cancelled", "scheduled"]


def test_timeline_flags_the_rapid_reversal(seeded):
    timeline = selectors.summit_timeline(SLUG)
    assert [e.change for e in timeline] == [
        "proposed", "scheduled", "cancelled", "reinstated", "scheduled", "held", "concluded",
    ]  # fmt: skip
    cancelled, reinstated = timeline[2], timeline[3]
    assert reinstated.reverses == cancelled.event_id
    assert reinstated.rapid_reversal and reinstated.elapsed_hours == pytest.approx(23.75)
    assert cancelled.valid_to == reinstated.valid_from
    assert not any(e.rapid_reversal for e in timeline if e is not reinstated)
    assert all(e.sources and e.sources[0]["kind"] == "seed" for e in timeline)


def test_known_at_before_the_seeds_were_loaded_knows_nothing(seeded):
    first = eventstore.read_all(limit=1)[0]
    with pytest.raises(NotFound) as err:
        selectors.summit_state(SLUG, known_at=first.recorded_at - timedelta(seconds=1))
    assert err.value.reason == "not_yet_known"


def test_unknown_summit_is_not_found(db):
    with pytest.raises(NotFound) as err:
        selectors.summit_state("nowhere-2099")
    assert err.value.reason == "unknown"


def test_retracting_the_cancellation_changes_the_answer_only_as_known_after_it(seeded):
    cancelled = next(e for e in selectors.summit_timeline(SLUG) if e.change == "cancelled")
    before_retraction = eventstore.read_all(after=eventstore.head_position() - 1)[0].recorded_at
    services.event_retract(event_id=cancelled.event_id, reason="test: the letter was a forgery")
    evening = t("2018-05-24T20:00")
    assert selectors.summit_state(SLUG, valid_at=evening).status == "scheduled"
    assert selectors.summit_state(SLUG, valid_at=evening, known_at=before_retraction).status == "cancelled"
    # The reinstatement no longer reverses anything.
    reinstated = next(e for e in selectors.summit_timeline(SLUG) if e.change == "reinstated")
    assert reinstated.reverses is None and not reinstated.rapid_reversal
    old = next(e for e in selectors.summit_timeline(SLUG, known_at=before_retraction) if e.change == "reinstated")
    assert old.rapid_reversal


def test_an_illegal_transition_is_rejected_and_appends_nothing(seeded):
    count = Event.objects.count()
    with pytest.raises(IllegalTransition, match="concluded summit cannot be proposed"):
        services.summit_propose(slug=SLUG, when=ValidTime.at(t("2018-07-01T00:00")))
    assert Event.objects.count() == count


def test_a_stale_expected_version_conflicts_before_anything_else_is_checked(seeded):
    with pytest.raises(ConcurrencyError) as err:
        # Illegal as well, but the version is checked first.
        services.summit_propose(slug=SLUG, when=ValidTime.at(t("2018-07-01T00:00")), expected_version=3)
    assert (err.value.expected, err.value.actual) == (3, 7)


def test_loading_the_seeds_twice_changes_nothing(seeded):
    count = Event.objects.count()
    before = selectors.summit_timeline(SLUG)
    for path in seed_files():
        assert load_timeline(path) == 0
    assert Event.objects.count() == count
    assert selectors.summit_timeline(SLUG) == before


def test_an_anchored_reinstatement_moves_when_its_anchor_is_corrected(db):
    services.summit_create(slug="s", title="S", change="scheduled", when=ValidTime.on_day(t("2019-02-01").date()))
    cancel = services.summit_cancel(slug="s", when=ValidTime.at(t("2019-02-10T12:00"))).events[0]
    services.summit_reinstate(slug="s", anchor=services.Anchor(str(cancel.id), 24))
    assert selectors.summit_timeline("s")[-1].valid_from == t("2019-02-11T12:00")
    services.event_correct(event_id=str(cancel.id), when=ValidTime.at(t("2019-02-09T08:00")), reason="wrong day")
    timeline = selectors.summit_timeline("s")
    assert timeline[-1].valid_from == t("2019-02-10T08:00")
    assert timeline[-1].rapid_reversal and timeline[-1].elapsed_hours == 24


def test_projection_answers_equal_the_replayed_reference_on_a_grid(seeded):
    cancelled = next(e for e in selectors.summit_timeline(SLUG) if e.change == "cancelled")
    services.event_retract(event_id=cancelled.event_id, reason="grid test")
    services.summit_change_status(
        slug=SLUG,
        change="cancelled",
        when=ValidTime.between_days(t("2018-05-01").date(), t("2018-05-30").date()),
    )
    recorded = sorted({e.recorded_at for e in eventstore.read_all(limit=1000)})
    moments = [t(f"2018-{m:02d}-{d:02d}T{h:02d}:00") for m in (3, 5, 6) for d in (1, 10, 24, 25, 30) for h in (0, 20)]
    for known_at in [*recorded[-4:], None]:
        for valid_at in moments:
            fast = selectors.summit_state(SLUG, valid_at=valid_at, known_at=known_at)
            slow = selectors.summit_state_replayed(SLUG, valid_at=valid_at, known_at=known_at)
            assert (fast.status, fast.certainty, fast.possible_statuses, fast.version) == (
                slow.status,
                slow.certainty,
                slow.possible_statuses,
                slow.version,
            ), (valid_at, known_at)


def test_meetings_are_resolved_at_the_same_basis(seeded):
    state = selectors.summit_state(SLUG, valid_at=t("2018-05-30T23:00"))
    titles = [m.title for m in state.meetings]
    assert "Working dinner in New York" in titles
    assert "The Singapore summit" not in titles
    assert eventstore.stream_version(StreamId("meeting", "pompeo-kyc-2018-05-30")) == 1
