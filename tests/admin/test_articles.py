"""Articles (paste or upload, status, claims and events) and the review queue."""

import contextlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.admin.conftest import form_token
from tracker import ingestion
from tracker.domain.errors import DomainError
from tracker.domain.events import META_TYPES
from tracker.models import Article, Claim, Event

pytestmark = pytest.mark.django_db

FOUNDING = (settings.BASE_DIR / "seeds" / "articles" / "2018-05-31-pompeo-kim-yong-chol-new-york.txt").read_text()


def submit(client, data, files=None):
    url = reverse("admin:tracker_article_submit")
    token = form_token(client.get(url))
    return client.post(url, {"submission": token, **data, **(files or {})})


def test_paste_an_article_then_see_its_claims_and_events(editor_client, seeded):
    response = submit(editor_client, {"text": FOUNDING})
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:tracker_article_change", args=[article.pk])
    assert (article.status, article.submitted_by, article.via) == ("queued", "editor", "admin")
    ingestion.article_process(article_id=article.pk)  # what the queued task runs
    article.refresh_from_db()
    assert article.status == "done"
    page = editor_client.get(reverse("admin:tracker_article_change", args=[article.pk]))
    assert page.status_code == 200
    claims = list(article.claims.all())
    assert claims
    assert b"<mark>" in page.content  # evidence highlighted in the article text
    became = {e for c in claims for e in c.event_ids}
    assert became
    for event_id in became:
        assert reverse("admin:tracker_event_change", args=[event_id]).encode() in page.content
    listing = editor_client.get(reverse("admin:tracker_article_changelist"))
    assert b"done" in listing.content
    # The same text again is stored as a duplicate pointing at the first.
    submit(editor_client, {"text": FOUNDING})
    duplicate = Article.objects.exclude(pk=article.pk).get()
    assert (duplicate.status, duplicate.duplicate_of_id) == ("duplicate", article.pk)


def test_upload_a_file(editor_client, db):
    upload = SimpleUploadedFile("story.txt", FOUNDING.encode(), content_type="text/plain")
    response = submit(editor_client, {}, {"file": upload})
    assert response.status_code == 302
    assert Article.objects.get().body.strip() in FOUNDING


def test_bad_input_is_a_form_error_naming_the_file_and_stores_nothing(editor_client, db):
    upload = SimpleUploadedFile("latin1.txt", "caf\xe9 date 2018-05-31".encode("latin-1"))
    response = submit(editor_client, {}, {"file": upload})
    assert response.status_code == 200
    assert any("latin1.txt" in e for e in response.context["form"].non_field_errors())
    response = submit(editor_client, {"text": "no date header here"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Article.objects.exists()


def test_failed_articles_show_their_reason(editor_client, db):
    article = Article.objects.create(body="x", status="failed", reason="no publication date", via="api")
    listing = editor_client.get(reverse("admin:tracker_article_changelist"))
    assert b"no publication date" in listing.content
    assert editor_client.get(reverse("admin:tracker_article_change", args=[article.pk])).status_code == 200


@pytest.fixture
def pending(settings, seeded):
    """The founding article ingested with every claim held back for review."""
    settings.REVIEW_CONFIDENCE_THRESHOLD = 1.01
    article = ingestion.article_submit(text=FOUNDING, actor="test", via="api")
    ingestion.article_process(article_id=article.pk)
    claims = list(Claim.objects.filter(review_state="pending", kind__in=["meeting", "status_change"]))
    assert claims, "expected claims waiting for review"
    return claims


def test_the_review_queue_lists_pending_claims_with_evidence(editor_client, pending):
    response = editor_client.get(reverse("admin:tracker_claim_changelist"), follow=True)
    assert response.redirect_chain[-1][0].endswith("review_state__exact=pending")
    assert b"<mark>" in response.content
    assert len(response.context["cl"].result_list) == Claim.objects.filter(review_state="pending").count()


def test_bulk_accept_makes_facts_through_the_commands(editor_client, pending):
    before = Event.objects.count()
    ids = [c.pk for c in pending]
    response = editor_client.post(
        reverse("admin:tracker_claim_changelist") + "?review_state__exact=pending",
        {"action": "accept_claims", "_selected_action": ids},
        follow=True,
    )
    assert response.status_code == 200
    accepted = Claim.objects.filter(pk__in=ids, review_state="accepted")
    assert accepted.exists()
    assert {c.reviewed_by for c in accepted} == {"editor"}
    assert Event.objects.count() > before
    assert any(c.event_ids for c in accepted)


def test_bulk_reject_asks_for_a_reason_then_retracts_what_became_a_fact(editor_client, pending):
    for each in pending:
        with contextlib.suppress(DomainError):  # some claims cannot become facts (no date)
            ingestion.claim_accept(claim_id=each.pk, actor="someone")
    # A claim that created a fact (not one that only corroborated an existing fact).
    claim, fact = next(
        (c, e)
        for c in Claim.objects.filter(pk__in=[p.pk for p in pending]).order_by("pk")
        for e in Event.objects.filter(id__in=c.event_ids).exclude(type__in=META_TYPES)
    )
    url = reverse("admin:tracker_claim_changelist") + "?review_state__exact=accepted"
    ask = editor_client.post(url, {"action": "reject_claims", "_selected_action": [claim.pk]})
    assert ask.status_code == 200
    assert b"Reject claims" in ask.content
    no_reason = editor_client.post(url, {"action": "reject_claims", "_selected_action": [claim.pk], "apply": "1"})
    assert no_reason.status_code == 200
    assert Claim.objects.get(pk=claim.pk).review_state == "accepted"
    editor_client.post(
        url, {"action": "reject_claims", "_selected_action": [claim.pk], "apply": "1", "reason": "misread"}
    )
    claim.refresh_from_db()
    assert (claim.review_state, claim.reviewed_by) == ("rejected", "editor")
    assert "misread" in claim.review_note
    retractions = Event.objects.filter(type="EventRetracted", data__event_id=str(fact.pk))
    assert retractions.count() == 1


def test_reject_one_claim_from_its_page(editor_client, pending):
    claim = pending[-1]
    url = reverse("admin:tracker_claim_reject", args=[claim.pk])
    response = editor_client.post(url, {"submission": form_token(editor_client.get(url)), "reason": "not news"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.review_state, claim.reviewed_by, claim.review_note) == ("rejected", "editor", "not news")


def test_reviewing_needs_the_permission(bare_staff_client, pending):
    claim = pending[0]
    assert bare_staff_client.get(reverse("admin:tracker_claim_accept", args=[claim.pk])).status_code == 403
    assert Claim.objects.get(pk=claim.pk).review_state == "pending"
