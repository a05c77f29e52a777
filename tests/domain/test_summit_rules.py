"""Pure domain tests: given facts, the timeline and the answers. No database."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tracker.domain.errors import IllegalTransition, InvalidCommand
from tracker.domain.events import EVENT_CORRECTED, EVENT_RETRACTED, FACT_CORROBORATED, SUMMIT_CHANGES
from tracker.domain.facts import effective_facts
from tracker.domain.summit import build_timeline, check_transition, status_at
from tracker.domain.time import ValidTime


class Stored:
    """A stored event as the domain sees it (the eventstore's RecordedEvent has these)."""

    _position = 0

    def __init__(self, kind: str, when: ValidTime | None = None, **data):
        Stored._position += 1
        self.id = f"e{Stored._position}"
        self.type = SUMMIT_CHANGES.get(kind, kind)
        self.data = data
        self.valid_from = when.earliest if when else None
        self.valid_to = when.latest if when else None
        self.valid_precision = when.precision if when else ""
        self.position = Stored._position
        self.recorded_at = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=Stored._position)
        self.source = {"kind": "test"}
        self.confidence = 1.0


def at(text: str) -> ValidTime:
    return ValidTime.at(datetime.fromisoformat(text).replace(tzinfo=UTC))


def day(text: str) -> ValidTime:
    return ValidTime.on_day(date.fromisoformat(text))


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def singapore() -> list[Stored]:
    return [
        Stored("proposed", day("2018-03-08"), title="Singapore", parties=["US", "KP"]),
        Stored("scheduled", day("2018-05-10"), scheduled_for="2018-06-12", location="Singapore"),
        Stored("cancelled", at("2018-05-24T13:45")),
        Stored("reinstated", ValidTime.within_hour(t("2018-05-25T13:00"))),
        Stored("held", at("2018-06-12T01:00")),
    ]


def test_status_follows_valid_time():
    timeline = build_timeline(effective_facts(singapore()))
    assert status_at(timeline, t("2018-03-01")).status is None
    assert status_at(timeline, t("2018-05-20")).status == "scheduled"
    assert status_at(timeline, t("2018-05-24T20:00")).status == "cancelled"
    assert status_at(timeline, t("2018-05-26")).status == "scheduled"
    assert status_at(timeline, t("2018-06-13")).status == "held"


def test_reinstatement_returns_to_the_status_before_the_cancellation_and_is_a_rapid_reversal():
    timeline = build_timeline(effective_facts(singapore()))
    cancelled, reinstated = timeline[2], timeline[3]
    assert reinstated.status == "scheduled"
    assert reinstated.reverses == cancelled.event_id
    assert reinstated.rapid_reversal and reinstated.elapsed_hours == pytest.approx(23.75)
    # The cancellation undid the scheduling too, but two weeks later: not rapid.
    assert cancelled.reverses == timeline[1].event_id and not cancelled.rapid_reversal


def test_a_time_inside_an_uncertain_interval_is_only_possible():
    facts = [
        Stored("scheduled", day("2018-05-10"), title="S"),
        Stored("cancelled", ValidTime.between_days(date(2018, 5, 1), date(2018, 5, 30))),
    ]
    answer = status_at(build_timeline(effective_facts(facts)), t("2018-05-20"))
    assert answer.certainty == "possible"
    assert answer.status == "scheduled"
    assert answer.possible_statuses == ("scheduled", "cancelled")
    assert status_at(build_timeline(effective_facts(facts)), t("2018-06-05")).certainty == "definite"


def test_reversal_window_answer_lists_both_statuses():
    timeline = build_timeline(effective_facts(singapore()))
    answer = status_at(timeline, t("2018-05-25T13:30"))
    assert answer.certainty == "possible"
    assert answer.status == "cancelled"
    assert answer.possible_statuses == ("cancelled", "scheduled")


@pytest.mark.parametrize(
    ("history", "change"),
    [
        (["proposed", "scheduled", "held"], "proposed"),
        (["proposed", "scheduled", "held", "concluded"], "cancelled"),
        (["proposed", "scheduled", "held"], "reinstated"),
        ([], "cancelled"),
    ],
)
def test_illegal_transitions_are_rejected(history, change):
    facts = [Stored(c, day(f"2018-05-{10 + n:02d}"), title="S") for n, c in enumerate(history)]
    timeline = build_timeline(effective_facts(facts))
    with pytest.raises(IllegalTransition):
        check_transition(timeline, change, day("2018-06-30"), {})


def test_unknown_change_is_invalid():
    with pytest.raises(InvalidCommand):
        check_transition([], "vanished", day("2018-06-30"), {})


def test_a_late_report_about_the_past_is_accepted_and_placed_in_valid_time_order():
    facts = [Stored("proposed", day("2018-03-08"), title="S"), Stored("held", day("2018-06-12"))]
    timeline = build_timeline(effective_facts(facts))
    check_transition(timeline, "scheduled", day("2018-05-10"), {})  # no error: a backfill


def test_a_change_reachable_through_missing_facts_is_accepted():
    timeline = build_timeline(effective_facts([Stored("proposed", day("2018-03-08"), title="S")]))
    check_transition(timeline, "concluded", day("2018-06-12"), {})  # scheduled and held not in yet


def test_a_backfill_that_the_next_known_change_could_not_follow_is_rejected():
    facts = [Stored("proposed", day("2018-03-08"), title="S"), Stored("held", day("2018-06-12"))]
    timeline = build_timeline(effective_facts(facts))
    with pytest.raises(IllegalTransition, match="before held"):
        check_transition(timeline, "concluded", day("2018-06-01"), {})


def test_retraction_and_correction_apply_from_their_position_on():
    events = singapore()
    cancelled = events[2]
    retraction = Stored(EVENT_RETRACTED, event_id=cancelled.id, reason="misreported")
    events.append(retraction)
    before = build_timeline(effective_facts(events, known_position=retraction.position - 1))
    after = build_timeline(effective_facts(events))
    assert status_at(before, t("2018-05-24T20:00")).status == "cancelled"
    assert status_at(after, t("2018-05-24T20:00")).status == "scheduled"

    correction = Stored(EVENT_CORRECTED, event_id=events[1].id, valid_time=day("2018-05-12").to_dict(), reason="x")
    events.append(correction)
    assert status_at(build_timeline(effective_facts(events)), t("2018-05-11")).status == "proposed"


def test_an_anchored_fact_moves_with_its_anchor_when_the_anchor_is_corrected():
    cancel = Stored("cancelled", at("2018-05-24T13:45"))
    reinstate = Stored("reinstated", at("2018-05-25T13:45"), anchor={"event_id": cancel.id, "offset_hours": 24})
    events = [Stored("scheduled", day("2018-05-10"), title="S"), cancel, reinstate]
    fix = Stored(EVENT_CORRECTED, event_id=cancel.id, valid_time=at("2018-05-24T09:00").to_dict(), reason="x")
    facts = {f.id: f for f in effective_facts([*events, fix])}
    assert facts[reinstate.id].time.earliest == t("2018-05-25T09:00")
    timeline = build_timeline(list(facts.values()))
    assert timeline[-1].elapsed_hours == 24 and timeline[-1].rapid_reversal


def test_valid_time_rejects_naive_and_inverted_intervals():
    with pytest.raises(ValueError, match="naive"):
        ValidTime.at(datetime(2018, 5, 24))
    with pytest.raises(ValueError, match="before"):
        ValidTime(t("2018-05-25"), t("2018-05-24"))


def test_retracting_a_corroboration_withdraws_its_source_and_its_narrowing():
    vague = Stored("cancelled", ValidTime.between_days(date(2018, 5, 1), date(2018, 5, 30)))
    events = [Stored("scheduled", day("2018-05-10"), title="S"), vague]
    corroboration = Stored(FACT_CORROBORATED, event_id=vague.id, valid_time=day("2018-05-24").to_dict())
    corroboration.source = {"kind": "article", "article_id": "a2"}
    events.append(corroboration)
    (narrowed,) = [f for f in effective_facts(events) if f.id == vague.id]
    assert narrowed.time == day("2018-05-24") and len(narrowed.sources) == 2

    events.append(Stored(EVENT_RETRACTED, event_id=corroboration.id, reason="wrong article"))
    (restored,) = [f for f in effective_facts(events) if f.id == vague.id]
    assert restored.time == ValidTime.between_days(date(2018, 5, 1), date(2018, 5, 30))
    assert restored.sources == ({"kind": "test"},)
    # As known before the retraction, the source still counted.
    (before,) = [f for f in effective_facts(events, known_position=events[-1].position - 1) if f.id == vague.id]
    assert len(before.sources) == 2
