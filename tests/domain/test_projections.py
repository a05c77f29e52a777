"""Projections are disposable: a rebuild from the log gives exactly the inline rows, and
arrival order never changes the answers."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import projections, selectors, services
from tracker.domain.time import ValidTime
from tracker.models import SummitInterval

pytestmark = pytest.mark.django_db
SLUG = "singapore-2018"


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_rebuild_after_a_rich_history_reproduces_every_row(seeded):
    timeline = selectors.summit_timeline(SLUG)
    cancelled = next(e for e in timeline if e.change == "cancelled")
    confirmed = [e for e in timeline if e.change == "scheduled"][-1]
    services.event_correct(event_id=confirmed.event_id, when=ValidTime.on_day(date(2018, 6, 2)), reason="day")
    services.event_retract(event_id=cancelled.event_id, reason="rebuild test")
    services.summit_change_status(
        slug=SLUG, change="cancelled", when=ValidTime.between_days(date(2018, 5, 20), date(2018, 5, 24))
    )
    services.fact_corroborate(
        event_id=confirmed.event_id, ctx=services.Context(actor="t", source={"kind": "article", "article_id": "x"})
    )
    services.envoy_assign_role(slug="kim-yong-chol", title="Envoy", start=date(2018, 5, 30))
    services.meeting_change_status(meeting_id="pompeo-kyc-2018-05-31", status="cancelled")
    services.summit_create(slug="hanoi-2019", title="Hanoi", when=ValidTime.on_day(date(2019, 2, 5)))
    inline = projections.snapshot()
    assert len(inline["intervals"]) > len(timeline)  # history was rewritten, old rows kept

    call_command("rebuild_projections", verbosity=0)
    assert projections.snapshot() == inline


def _story() -> list[tuple[str, ValidTime]]:
    return [
        ("proposed", ValidTime.on_day(date(2018, 3, 8))),
        ("scheduled", ValidTime.on_day(date(2018, 5, 10))),
        ("cancelled", ValidTime.at(t("2018-05-24T13:45"))),
        ("reinstated", ValidTime.within_hour(t("2018-05-25T13:00"))),
        ("postponed", ValidTime.between_days(date(2018, 5, 27), date(2018, 5, 29))),
        ("rescheduled", ValidTime.on_day(date(2018, 6, 1))),
        ("held", ValidTime.at(t("2018-06-12T01:00"))),
        ("concluded", ValidTime.at(t("2018-06-12T05:42"))),
    ]


def _load(slug: str, order: list[int]) -> None:
    """Create the summit with the story's first fact, then append the others in ``order``."""
    story = _story()
    services.summit_create(slug=slug, title="Story", change=story[0][0], when=story[0][1])
    for index in order:
        change, when = story[index]
        services.summit_change_status(slug=slug, change=change, when=when)


def _answers(slug: str) -> tuple:
    timeline = [
        (e.change, e.status, e.valid_from, e.certain_from, e.rapid_reversal, e.elapsed_hours)
        for e in selectors.summit_timeline(slug)
    ]
    probes = [t("2018-03-01T00:00") + timedelta(hours=37 * n) for n in range(70)]
    probes += [t(m) for m in ("2018-05-24T20:00", "2018-05-25T13:30", "2018-05-28T12:00", "2018-06-12T03:00")]
    states = []
    for moment in probes:
        state = selectors.summit_state(slug, valid_at=moment)
        states.append((state.status, state.certainty, tuple(state.possible_statuses)))
    return timeline, states


_counter = iter(range(10**6))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_any_arrival_order_gives_the_same_state_timeline_and_as_of_answers(db, seed):
    n = next(_counter)
    reference, shuffled = f"ref-{n}", f"shuffled-{n}"
    rest = list(range(1, len(_story())))
    _load(reference, rest)
    random.Random(seed).shuffle(rest)
    _load(shuffled, rest)
    assert _answers(shuffled) == _answers(reference)
    assert selectors.summit_state(shuffled).status == "concluded"


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10**6), page=st.integers(min_value=1, max_value=7))
def test_a_rebuild_in_pages_reproduces_out_of_order_histories_row_for_row(db, seed, page):
    # Late reports, a retraction, a correction and corroborations (one retracted again)
    # make the inline projector refold, take its corroboration path, and close rows;
    # small pages make the rebuild close rows it wrote in an earlier page.
    n = next(_counter)
    rng = random.Random(seed)
    for k in range(2):
        slug = f"paged-{n}-{k}"
        rest = list(range(1, len(_story())))
        rng.shuffle(rest)
        _load(slug, rest)
        services.event_retract(event_id=rng.choice(selectors.summit_timeline(slug)).event_id, reason="test")
        moved = rng.choice(selectors.summit_timeline(slug))
        services.event_correct(event_id=moved.event_id, when=ValidTime.on_day(date(2018, 5, 26)), reason="test")
        for m in range(3):
            ctx = services.Context(
                actor="t", source={"kind": "article", "article_id": f"a-{m}"}, confidence=0.5 + m / 5
            )
            narrower = ValidTime.on_day(date(2018, 5, 26)) if m == 2 else None
            target = rng.choice(selectors.summit_timeline(slug)).event_id
            done = services.fact_corroborate(event_id=target, when=narrower, ctx=ctx)
            _assert_open_rows_are_the_fold(slug)  # before a retraction refolds everything
        services.event_retract(event_id=str(done.events[0].id), reason="wrong source")
    inline = projections.snapshot()
    for k in range(2):
        _assert_head_bounds_what_is_visible(f"paged-{n}-{k}")
        _assert_open_rows_are_the_fold(f"paged-{n}-{k}")

    replayed = projections.rebuild(batch_size=page)
    assert replayed > 2 * len(_story())
    assert projections.snapshot() == inline


def test_a_late_report_keeps_the_rows_it_does_not_change(db):
    # A refold compares the rows it holds with the new fold: an unchanged row must count
    # as unchanged (sources are dicts, whose key order jsonb does not keep), or every
    # late report would close and reopen the whole timeline.
    source = {"kind": "article", "url": "https://news.example.org/a", "article_id": "a-1", "outlet": "Wire"}
    ctx = services.Context(actor="t", source=source)
    services.summit_create(slug="late", title="Late", when=ValidTime.on_day(date(2018, 3, 8)), ctx=ctx)
    services.summit_change_status(slug="late", change="scheduled", when=ValidTime.on_day(date(2018, 5, 10)), ctx=ctx)
    services.summit_change_status(slug="late", change="held", when=ValidTime.on_day(date(2018, 6, 12)), ctx=ctx)
    # Reported late: sorts before "held", so the timeline after it is refolded.
    services.summit_change_status(slug="late", change="cancelled", when=ValidTime.on_day(date(2018, 5, 24)), ctx=ctx)

    # The refold found every earlier row unchanged ("held" too: it does not depend on
    # what precedes it), so it only added the new one.
    assert not SummitInterval.objects.filter(summit_slug="late", known_to__isnull=False).exists()
    assert SummitInterval.objects.filter(summit_slug="late").count() == 4
    assert [i.change for i in selectors.summit_timeline("late")] == ["proposed", "scheduled", "cancelled", "held"]


def _assert_head_bounds_what_is_visible(slug: str) -> None:
    """``head_certain_from`` of the last row written at or before K is at least every
    visible interval's ``certain_from`` at K, and equals the greatest when K wrote rows."""
    rows = list(SummitInterval.objects.filter(summit_slug=slug))
    positions = sorted({r.known_from for r in rows} | {r.known_to for r in rows if r.known_to})
    for k in positions:
        visible = [r.certain_from for r in rows if r.known_from <= k and (r.known_to is None or r.known_to > k)]
        written = max((r for r in rows if r.known_from <= k), key=lambda r: r.known_from)
        assert all(c <= written.head_certain_from for c in visible), k
        if written.known_from == k:
            assert written.head_certain_from == max(visible), k


def test_the_migration_backfills_the_head_the_projector_writes(db):
    # Migration 0009 computes head_certain_from for existing rows in one sweep per summit;
    # on rows the projector wrote (late reports and a retraction included) it must agree.
    from importlib import import_module

    from django.apps import apps

    backfill = import_module("tracker.migrations.0009_interval_head_certain_from").backfill
    _load("backfilled", [3, 1, 6, 2, 7, 4, 5])
    _load("backfilled-too", [1, 2])
    services.event_retract(event_id=selectors.summit_timeline("backfilled")[-1].event_id, reason="test")
    services.event_retract(event_id=selectors.summit_timeline("backfilled")[-1].event_id, reason="again")
    written = projections.snapshot()["intervals"]
    SummitInterval.objects.update(head_certain_from=t("2000-01-01T00:00"))
    backfill(apps, None)
    assert projections.snapshot()["intervals"] == written


def _assert_open_rows_are_the_fold(slug: str) -> None:
    """Whatever path the projector took, the open rows are a fresh fold of the stream."""
    from tracker import eventstore
    from tracker.domain.facts import effective_facts
    from tracker.domain.summit import build_timeline
    from tracker.eventstore import StreamId

    folded = build_timeline(effective_facts(eventstore.read_stream(StreamId("summit", slug))))
    rows = SummitInterval.objects.filter(summit_slug=slug, known_to__isnull=True).order_by(
        "certain_from", "valid_from", "rank", "tiebreak"
    )
    stored = [projections.row_to_interval(r) for r in rows]
    canonical = projections._comparable
    assert [canonical(projections.interval_to_row_values(i)) for i in stored] == [
        canonical(projections.interval_to_row_values(i)) for i in folded
    ]


def test_the_backfill_sweep_leaves_out_rows_closed_by_then():
    from importlib import import_module

    heads = import_module("tracker.migrations.0009_interval_head_certain_from").heads
    jan = [t(f"2018-01-{d:02d}T00:00") for d in (10, 5, 7, 9)]
    rows = [(1, 1, 3, jan[0]), (2, 2, None, jan[1]), (3, 3, None, jan[2]), (4, 3, 5, jan[3])]
    # At 3 the Jan 10 row is closed, so the head is the Jan 9 row written beside Jan 7.
    assert heads(rows) == {1: jan[0], 2: jan[0], 3: jan[3], 4: jan[3]}
    assert heads([]) == {}
