"""The timeline renderer on its own: pure input -> SVG string, parsed back as XML."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from tracker.selectors import MeetingView, TimelineEntry
from tracker.timeline_svg import STATUS_COLOURS, EnvoyMark, render_timeline

NS = {"svg": "http://www.w3.org/2000/svg"}


def at(day: int, hour: int = 0, month: int = 5) -> datetime:
    return datetime(2018, month, day, hour, tzinfo=UTC)


def entry(event_id, status, change, start, end, *, certain=None, reverses=None, elapsed=None, confidence=1.0):
    certain = certain or start
    return TimelineEntry(
        event_id=event_id,
        status=status,
        change=change,
        valid_from=start,
        valid_to=end,
        certain_from=certain,
        precision="day" if certain != start else "exact",
        certainty="possible" if certain != start else "definite",
        recorded_at=None,
        sources=[{"kind": "editor", "user": "ed"}],
        announced_by="",
        confidence=confidence,
        reverses=reverses,
        rapid_reversal=elapsed is not None and elapsed <= 24,
        elapsed_hours=elapsed,
    )


def meeting(meeting_id, title, start, *, location="Pyongyang", end=None):
    return MeetingView(
        meeting_id=meeting_id,
        title=title,
        participants=[{"name": "Mike Pompeo", "envoy": "mike-pompeo"}, {"name": "Kim Yong Chol", "envoy": None}],
        location=location,
        mode="in_person",
        status="held",
        summit="s",
        valid_from=start,
        valid_to=end or start + timedelta(hours=23),
        precision="day",
        sources=[],
        confidence=1.0,
    )


STORY = [
    entry("e1", "scheduled", "scheduled", at(10), at(24, 13), certain=at(10, 23)),
    entry("e2", "cancelled", "cancelled", at(24, 13), at(25, 13), reverses="e1", elapsed=337.75),
    entry("e3", "scheduled", "reinstated", at(25, 13), None, reverses="e2", elapsed=23.75),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def bands(root: ET.Element, status: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{{{NS['svg']}}}g") if g.get("data-status") == status]


def test_bands_have_their_status_colour_and_the_uncertain_start_is_hatched():
    root = parse(render_timeline(STORY, title="Singapore"))
    drawn = [b for b in bands(root, "cancelled") if b.get("data-event-id") == "e2"]
    assert len(drawn) == 2  # the overview and the close-up of the reversal
    cancelled = drawn[0]
    rect = cancelled.find("svg:rect", NS)
    assert rect.get("fill") == STATUS_COLOURS["cancelled"]
    assert float(rect.get("width")) > 0
    scheduled = next(b for b in bands(root, "scheduled") if b.get("data-event-id") == "e1")
    assert scheduled.get("data-certainty") == "possible"
    assert scheduled.find("svg:rect[@class='tl-uncertain']", NS) is not None
    assert cancelled.find("svg:rect[@class='tl-uncertain']", NS) is None


def test_the_rapid_reversal_is_marked_with_its_elapsed_hours_and_the_slow_one_is_not():
    root = parse(render_timeline(STORY))
    markers = [g for g in root.iter(f"{{{NS['svg']}}}g") if g.get("class") == "tl-reversal"]
    assert {m.get("data-event-id") for m in markers} == {"e3"}  # the main marker and the close-up's
    labels = ["".join(m.itertext()) for m in markers]
    assert all("23.75 h" in label for label in labels)
    assert all("337.75" not in label for label in labels)


def test_low_confidence_is_faded():
    story = [
        entry("e1", "proposed", "proposed", at(1), at(10)),
        entry("e2", "held", "held", at(10), None, confidence=0.3),
    ]
    root = parse(render_timeline(story))
    held = bands(root, "held")[0]
    assert "tl-faded" in held.get("class")
    assert held.find("svg:rect", NS).get("fill-opacity") == "0.4"
    assert "tl-faded" not in bands(root, "proposed")[0].get("class")


def test_meetings_and_envoy_events_are_drawn_with_their_labels():
    svg = render_timeline(
        STORY,
        meetings=[meeting("m1", "Working dinner in New York", at(30)), meeting("m2", "Talks in New York", at(31))],
        envoy_events=[EnvoyMark(at(26, month=4), "Mike Pompeo: Secretary of State"), EnvoyMark(at(1, month=1), "far")],
    )
    root = parse(svg)
    ids = [g.get("data-meeting-id") for g in root.iter(f"{{{NS['svg']}}}g") if g.get("data-meeting-id")]
    assert ids == ["m1", "m2"]
    assert "Working dinner in New York" in svg
    assert "Mike Pompeo: Secretary of State" not in svg  # April 26 lies before this picture's range
    svg = render_timeline(STORY, envoy_events=[EnvoyMark(at(20), "Mike Pompeo: Secretary of State")])
    assert "Mike Pompeo: Secretary of State" in svg


def test_every_text_from_the_data_is_escaped():
    evil = "<script>alert(1)</script>"
    story = [entry('e1"><script>', "scheduled", "scheduled", at(10), None)]
    svg = render_timeline(
        story,
        meetings=[meeting("m<1>", evil, at(12), location=evil)],
        envoy_events=[EnvoyMark(at(11), evil, evil)],
        title=evil,
    )
    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    root = parse(svg)  # still well-formed XML
    assert root.find(".//svg:script", NS) is None


def test_no_entries_gives_a_small_picture_that_says_so():
    svg = render_timeline([], title="Nothing yet", known_at=at(1))
    assert "No status facts are known" in svg
    assert "as known at 2018-05-01 00:00 UTC" in svg
    parse(svg)


def test_same_input_same_bytes():
    assert render_timeline(STORY, title="x") == render_timeline(STORY, title="x")
