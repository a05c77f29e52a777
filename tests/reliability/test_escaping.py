"""Article text is hostile input: wherever the admin shows it (the article, its claims and
evidence, the events and their sources) it is escaped. (Summit titles, notes and places
in the admin and the timeline picture: tests/admin.)"""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tracker import ingestion
from tracker.models import Article, Claim, Event

pytestmark = pytest.mark.django_db
EVIL = "<script>alert('x')</script>"
ARTICLE = (
    f"date 2018-05-31\ntitle Talks {EVIL}\n\n"
    f"Secretary of State Mike Pompeo met Kim Yong Chol in New York on Wednesday {EVIL} to prepare the summit. "
    f"Russian Foreign Minister Sergei Lavrov met Kim Jong Un in Pyongyang on Thursday, {EVIL} officials said."
)


def test_script_in_a_submitted_article_is_escaped_everywhere_in_the_admin(seeded, editor, django_user_model):
    api = APIClient()
    api.force_authenticate(editor)
    submitted = api.post(reverse("article-list"), data=ARTICLE, content_type="text/plain")
    assert submitted.status_code == 202
    article = ingestion.article_process(article_id=submitted.json()["id"]) or Article.objects.get(
        pk=submitted.json()["id"]
    )
    assert article.status == Article.Status.DONE, article.reason
    events = Event.objects.filter(source__article_id=str(article.pk))
    assert events.exists()
    assert any(EVIL in str(e.source) or EVIL in str(e.data) for e in events)  # the payload did reach the data

    boss = django_user_model.objects.create_superuser("boss", password="boss-pass-123456")
    client = APIClient()
    client.force_login(boss)
    pages = [
        reverse("admin:tracker_article_changelist"),
        reverse("admin:tracker_article_change", args=[article.pk]),
        reverse("admin:tracker_claim_changelist"),
        reverse("admin:tracker_event_changelist"),
        *[reverse("admin:tracker_event_change", args=[e.pk]) for e in events],
        *[reverse("admin:tracker_claim_change", args=[c.pk]) for c in Claim.objects.filter(article=article)],
    ]
    escaped = 0
    for url in pages:
        page = client.get(url, follow=True)
        assert page.status_code == 200, url
        assert b"<script>alert(" not in page.content, url
        escaped += page.content.count(b"&lt;script&gt;alert(")
    assert escaped >= len(pages) // 2  # the text is shown, escaped, not dropped

    detail = client.get(reverse("article-detail", kwargs={"article_id": article.pk}), HTTP_ACCEPT="text/html")
    assert detail.status_code == 200
    assert b"<script>alert(" not in detail.content  # the browsable API's page escapes it too
