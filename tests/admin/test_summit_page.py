"""The summit page: the timeline picture, its as-known-at control, and escaping."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from tracker import services
from tracker.domain.time import ValidTime
from tracker.models import Event, Summit
from tracker.services import Context

pytestmark = pytest.mark.django_db


def svg_of(response) -> ET.Element:
    html = response.content.decode()
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" id="timeline"')
    end = html.index("</svg>", start) + len("</svg>")
    return ET.fromstring(html[start:end])  # noqa: S314 - our own output


def statuses(root: ET.Element) -> set[str]:
    return {g.get("data-status") for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-status")}


def test_the_summit_page_shows_the_timeline_with_the_cancelled_band_and_the_reversal(editor_client, seeded):
    summit = Summit.objects.get(slug=seeded)
    response = editor_client.get(reverse("admin:tracker_summit_change", args=[summit.pk]))
    assert response.status_code == 200
    root = svg_of(response)
    assert statuses(root) == {"proposed", "scheduled", "cancelled", "held", "concluded"}
    reversals = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "tl-reversal"]
    assert reversals and reversals[0].get("data-elapsed-hours") == "23.75"
    assert b"rapid reversal after 23.75 h" in response.content
    assert b"Working dinner in New York" in response.content
    assert b'name="known_at"' in response.content


def test_as_known_at_shows_what_was_believed_then(editor_client, seeded):
    summit = Summit.objects.get(slug=seeded)
    cancelled = Event.objects.get(stream_id=seeded, type="SummitCancelled")
    before = Event.objects.order_by("-position").first().recorded_at
    services.event_retract(event_id=str(cancelled.pk), reason="test", ctx=Context(actor="t"))
    url = reverse("admin:tracker_summit_change", args=[summit.pk])
    now = svg_of(editor_client.get(url))
    assert "cancelled" not in statuses(now)
    then = editor_client.get(url, {"known_at": before.isoformat()})
    assert "cancelled" in statuses(svg_of(then))
    assert b"as known at" in then.content
    svg = editor_client.get(
        reverse("admin:tracker_summit_timeline_svg", args=[summit.pk]), {"known_at": before.isoformat()}
    )
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert "cancelled" in statuses(ET.fromstring(svg.content))  # noqa: S314


def test_known_at_before_the_summit_existed_and_unreadable_known_at_are_messages(editor_client, seeded):
    summit = Summit.objects.get(slug=seeded)
    url = reverse("admin:tracker_summit_change", args=[summit.pk])
    early = editor_client.get(url, {"known_at": "2000-01-01"})
    assert early.status_code == 200
    assert b"not yet known" in early.content
    assert b"No status facts are known" in early.content
    garbled = editor_client.get(url, {"known_at": "yesterday-ish"})
    assert garbled.status_code == 200
    assert b"Could not read" in garbled.content


def test_script_in_titles_notes_and_places_is_escaped(editor_client, db):
    evil = "<script>alert('x')</script>"
    ctx = Context(actor="editor")
    services.summit_create(
        title=f"Summit {evil}", slug="evil", change="proposed", when=ValidTime.at(timezone.now()),
        parties=["US"], location=evil, note=evil, ctx=ctx,
    )  # fmt: skip
    services.summit_change_status(slug="evil", change="scheduled", when=ValidTime.at(timezone.now()),
                                  announced_by=evil, location=evil, ctx=ctx)  # fmt: skip
    services.meeting_record(participants=[evil, "Kim"], when=ValidTime.at(timezone.now()), location=evil,
                            title=evil, summit="evil", ctx=ctx)  # fmt: skip
    summit = Summit.objects.get(slug="evil")
    pages = [
        editor_client.get(reverse("admin:tracker_summit_change", args=[summit.pk])),
        editor_client.get(reverse("admin:tracker_summit_changelist")),
        editor_client.get(reverse("admin:tracker_meeting_changelist")),
        editor_client.get(reverse("admin:tracker_event_changelist")),
        editor_client.get(reverse("admin:tracker_event_change", args=[Event.objects.order_by("position").first().pk])),
        editor_client.get(reverse("admin:tracker_summit_timeline_svg", args=[summit.pk])),
    ]
    for page in pages:
        assert page.status_code == 200
        assert b"<script>alert(" not in page.content
    assert b"&lt;script&gt;alert(" in pages[0].content
