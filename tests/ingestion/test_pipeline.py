"""Ingestion on a real database with the real extractor: intake, claims -> events,
idempotency, merging across articles, review, and failures that leave nothing behind."""

from datetime import date

import pytest
from django.db import transaction

from tests.ingestion.conftest import (
    CANCELLED_ON_THURSDAY,
    LAVROV_WANG_MONDAY,
    LAVROV_WANG_THIS_WEEK,
    SEED_ARTICLE,
    TRUMP_XI_SUMMIT,
    ingest,
    state_snapshot,
)
from tracker import ingestion, selectors
from tracker.domain.errors import InvalidCommand
from tracker.extraction import ArticleError
from tracker.models import Article, Claim, Event, Meeting, Summit

pytestmark = pytest.mark.django_db
SLUG = "singapore-2018"


def _article_sources(entry) -> list[dict]:
    return [s for s in entry.sources if s.get("kind") == "article"]


def test_the_founding_article_becomes_events_on_the_seeded_summit(seeded):
    article = ingest(SEED_ARTICLE.read_text(encoding="utf-8"))

    assert article.status == Article.Status.DONE, article.reason
    assert article.extractor_version
    timeline = {e.change: e for e in selectors.summit_timeline(SLUG)}
    # The June 12 summit of the article is the seeded one: no second summit.
    assert list(Summit.objects.values_list("slug", flat=True)) == [SLUG]
    for change in ("cancelled", "reinstated"):
        (source,) = _article_sources(timeline[change])
        assert source["article_id"] == str(article.pk)
        assert source["quote"] and source["sha256"] == article.sha256
    # Pompeo and Kim Yong Chol's New York dinner was already known: one meeting, two sources.
    dinner = Meeting.objects.get(meeting_id="pompeo-kyc-2018-05-30")
    assert dinner.source_count == 2
    claims = selectors.article_claims(article)
    applied = [c for c in claims if c.event_ids]
    assert applied and all(c.review_state == Claim.Review.AUTO for c in applied)
    assert {str(e.id) for e in selectors.article_events(article)} == {i for c in claims for i in c.event_ids}


def test_processing_twice_and_submitting_twice_leave_the_same_events(seeded):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    first = ingest(text)
    events = list(Event.objects.values_list("id", flat=True))

    assert ingestion.article_process(article_id=first.pk).status == Article.Status.DONE
    again = ingest(text)

    assert list(Event.objects.values_list("id", flat=True)) == events
    assert again.status == Article.Status.DUPLICATE
    assert again.duplicate_of_id == first.pk
    assert again.sha256 is None and again.body == ""
    assert Article.objects.filter(sha256=first.sha256).count() == 1


def test_a_requeued_done_article_is_not_reprocessed_even_after_its_status_was_reset(seeded):
    """The idempotency keys, not only the status, keep a redelivered task from doubling."""
    article = ingest(LAVROV_WANG_MONDAY)
    events = Event.objects.count()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PROCESSING)

    assert ingestion.article_process(article_id=article.pk).status == Article.Status.DONE
    assert Event.objects.count() == events
    assert Meeting.objects.filter(participants__icontains="Wang Yi").count() == 1


def test_two_articles_about_one_meeting_give_one_meeting_with_two_sources(seeded):
    first = ingest(LAVROV_WANG_MONDAY)
    second = ingest(LAVROV_WANG_THIS_WEEK)

    (meeting,) = Meeting.objects.filter(participant_rows__name="Wang Yi")
    assert meeting.source_count == 2
    assert {s["article_id"] for s in meeting.sources} == {str(first.pk), str(second.pk)}
    (claim,) = selectors.article_claims(second)[:1] or [None]
    assert claim.resolution["action"] == "corroborated"
    assert claim.resolution["meeting"] == meeting.meeting_id


def test_articles_in_different_orders_give_the_same_state(seeded):
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), LAVROV_WANG_THIS_WEEK, CANCELLED_ON_THURSDAY, LAVROV_WANG_MONDAY]
    snapshots = []
    for order in (texts, list(reversed(texts)), texts[1:] + texts[:1]):
        with transaction.atomic():
            for text in order:
                assert ingest(text).status == Article.Status.DONE
            snapshots.append(state_snapshot())
            transaction.set_rollback(True)  # a rollback, not a delete: the log stays append-only

    assert snapshots[0] == snapshots[1] == snapshots[2]
    assert any(len(m[-1]) == 2 for m in snapshots[0]["meetings"]), "the orders must actually merge something"


def test_a_narrower_date_narrows_the_fact_and_what_is_anchored_to_it(seeded, monkeypatch):
    """An article says "cancelled earlier this month, reinstated 24 hours later"; a later
    one pins the cancellation to a day: the interval narrows, and the anchored
    reinstatement moves with it."""
    summit = {"ref": "s1", "leaders": ["Donald Trump", "Xi Jinping"], "parties": ["US", "CN"],
              "scheduled_for": "2018-12-01", "location": "Buenos Aires"}  # fmt: skip
    vague = {
        "summits": [summit],
        "status_changes": [
            {"summit": "s1", "status": "cancelled", "date": {"from": "2018-11-01", "to": "2018-11-19"},
             "reverses": None, "confidence": 0.8},
            {"summit": "s1", "status": "reinstated", "date": {"from": "2018-11-02", "to": "2018-11-20"},
             "reverses": 0, "after_hours": 24, "confidence": 0.8},
        ],
    }  # fmt: skip
    precise = {
        "summits": [summit],
        "status_changes": [
            {"summit": "s1", "status": "cancelled", "date": {"from": "2018-11-10", "to": "2018-11-10"},
             "reverses": None, "confidence": 0.9},
        ],
    }  # fmt: skip
    extractions = {"vague": vague, "precise": precise}
    # The extractor is pure and tested on its own; here each text stands for an extraction.
    monkeypatch.setattr(ingestion.process, "extract", lambda parsed: extractions[parsed.body.split()[0]])

    ingest("vague report", published_on=date(2018, 11, 20))
    (slug,) = Summit.objects.exclude(slug=SLUG).values_list("slug", flat=True)
    before = {e.change: e for e in selectors.summit_timeline(slug)}
    assert before["reinstated"].valid_from.isoformat() == "2018-11-02T00:00:00+00:00"

    ingest("precise report", published_on=date(2018, 11, 21))
    after = {e.change: e for e in selectors.summit_timeline(slug)}

    assert after["cancelled"].event_id == before["cancelled"].event_id
    assert after["cancelled"].valid_from.isoformat() == "2018-11-10T00:00:00+00:00"
    assert after["cancelled"].certain_from.isoformat() == "2018-11-10T23:59:59.999999+00:00"
    assert len(after["cancelled"].sources) == 2
    assert after["reinstated"].valid_from.isoformat() == "2018-11-11T00:00:00+00:00"
    assert after["reinstated"].reverses == after["cancelled"].event_id


def test_an_unknown_summit_is_created_and_found_again(seeded):
    first = ingest(TRUMP_XI_SUMMIT)
    (summit,) = Summit.objects.exclude(slug=SLUG)
    assert summit.parties == ["CN", "US"] and summit.scheduled_for == date(2018, 12, 1)
    assert summit.status == "scheduled"
    (claim,) = [c for c in selectors.article_claims(first) if c.kind == "summit"]
    assert claim.resolution == {"action": "created", "summit": summit.slug}

    ingest(TRUMP_XI_SUMMIT.replace("for a summit on trade", "for a long-awaited summit on trade"))

    assert Summit.objects.count() == 2
    (entry,) = selectors.summit_timeline(summit.slug)
    assert len(entry.sources) == 2


def test_low_confidence_claims_wait_for_review_then_accept_and_reject(seeded, settings):
    settings.REVIEW_CONFIDENCE_THRESHOLD = 0.95
    article = ingest(LAVROV_WANG_MONDAY)
    (claim,) = [c for c in selectors.article_claims(article) if c.kind == "meeting"]
    assert claim.review_state == Claim.Review.PENDING and not claim.event_ids
    assert "below the review threshold" in claim.review_note
    assert not Meeting.objects.filter(participant_rows__name="Wang Yi").exists()
    assert claim in selectors.claims_pending_review()

    accepted = ingestion.claim_accept(claim_id=claim.pk, actor="editor")
    assert accepted.review_state == Claim.Review.ACCEPTED and accepted.reviewed_by == "editor"
    (meeting,) = Meeting.objects.filter(participant_rows__name="Wang Yi")
    assert ingestion.claim_accept(claim_id=claim.pk, actor="editor").event_ids == accepted.event_ids

    rejected = ingestion.claim_reject(claim_id=claim.pk, actor="editor", reason="Wrong Wang")
    assert rejected.review_state == Claim.Review.REJECTED
    assert rejected.resolution["retracted"] == accepted.event_ids
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    retraction = Event.objects.filter(type="EventRetracted").get()
    assert retraction.data == {"event_id": accepted.event_ids[0], "reason": "Wrong Wang"}
    with pytest.raises(InvalidCommand):
        ingestion.claim_accept(claim_id=claim.pk, actor="editor")


def test_an_illegal_change_at_the_head_waits_for_review_and_the_rest_is_applied(seeded, monkeypatch):
    extraction = {
        "summits": [{"ref": "s1", "leaders": ["Donald Trump", "Kim Jong Un"], "parties": ["US", "KP"],
                     "scheduled_for": "2018-06-12", "location": "Singapore"}],
        "status_changes": [{"summit": "s1", "status": "cancelled", "date": {"from": "2018-07-02", "to": "2018-07-02"},
                            "reverses": None, "confidence": 0.9}],
        "meetings": [{"participants": ["Mike Pompeo", "Kim Yong Chol"], "location": "Pyongyang", "mode": "in_person",
                      "date": {"from": "2018-07-06", "to": "2018-07-07"}, "status": "held", "summit": "s1",
                      "confidence": 0.9}],
    }  # fmt: skip
    monkeypatch.setattr(ingestion.process, "extract", lambda parsed: extraction)
    events = Event.objects.count()

    article = ingest("A July report.", published_on=date(2018, 7, 8))

    assert article.status == Article.Status.DONE
    claims = {c.kind: c for c in selectors.article_claims(article)}
    assert claims["status_change"].review_state == Claim.Review.PENDING
    assert "concluded summit cannot be cancelled" in claims["status_change"].review_note
    assert claims["meeting"].resolution["action"] == "created"
    # The summit claim corroborates, the meeting is recorded; the illegal change is not.
    assert Event.objects.count() == events + 2
    assert selectors.summit_state(SLUG).status == "concluded"


def test_a_failure_mid_article_marks_it_failed_and_leaves_no_partial_events(seeded, monkeypatch):
    broken = {
        "meetings": [
            {"participants": ["Sergei Lavrov", "Wang Yi"], "location": "Beijing", "mode": "in_person",
             "date": {"from": "2018-04-23", "to": "2018-04-23"}, "status": "held", "confidence": 0.9},
            {"participants": 42, "date": {"from": "2018-04-23", "to": "2018-04-23"}, "confidence": 0.9},
        ]
    }  # fmt: skip
    monkeypatch.setattr(ingestion.process, "extract", lambda parsed: broken)
    events = Event.objects.count()

    article = ingest("A report the extractor got wrong.", published_on=date(2018, 4, 25))

    assert article.status == Article.Status.FAILED
    assert article.reason.startswith("internal error while ingesting: TypeError")
    assert Event.objects.count() == events
    assert not Claim.objects.filter(article=article).exists()
    assert not Meeting.objects.filter(participant_rows__name="Wang Yi").exists()


def test_an_extractor_error_fails_the_article_with_its_reason(seeded, monkeypatch):
    def refuse(parsed):
        raise ArticleError("extraction failed (RecursionError: too deep)")

    monkeypatch.setattr(ingestion.process, "extract", refuse)
    article = ingest("Anything.", published_on=date(2018, 4, 25))

    assert article.status == Article.Status.FAILED
    assert article.reason == "extraction failed (RecursionError: too deep)"
    # Sending it again is a retry: the same article is queued again, not a duplicate row.
    monkeypatch.undo()
    again = ingestion.article_submit(text="Anything.", published_on=date(2018, 4, 25))
    assert again.duplicate_of_id == article.pk
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"text": ""}, "empty"),
        ({"text": "   \n  "}, "empty"),
        ({"text": "No date header here."}, "no 'date YYYY-MM-DD' header"),
        ({"text": "date 2018-02-30\n\nText."}, "no such day"),
        ({"text": "x" * 1_000_001, "published_on": date(2018, 5, 1)}, "too large"),
        ({"text": "bad \ud800 text", "published_on": date(2018, 5, 1)}, "Unicode"),
    ],
)
def test_unusable_input_is_refused_with_a_reason_and_nothing_is_stored(db, fields, reason):
    with pytest.raises(ArticleError) as refused:
        ingestion.article_submit(**fields)
    assert reason in refused.value.reason
    assert not Article.objects.exists()


def test_stale_articles_are_queued_again(db, django_capture_on_commit_callbacks, monkeypatch):
    # Stored while the broker was down: still queued, and nothing will process it.
    with django_capture_on_commit_callbacks(execute=False):
        article = ingestion.article_submit(text=LAVROV_WANG_MONDAY)
    Article.objects.filter(pk=article.pk).update(updated_at=article.created_at.replace(year=2000))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert ingestion.requeue_stale() == 1
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert article.status == Article.Status.DONE  # eager Celery ran the task at commit
    assert ingestion.requeue_stale() == 0
