"""The summit timeline picture for the admin: gather what the renderer draws, as known at
a chosen time, through the selectors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from tracker import selectors
from tracker.domain.errors import NotFound
from tracker.selectors import MeetingView, TimelineEntry
from tracker.timeline_svg import EnvoyMark, render_timeline


def parse_known_at(raw: str | None) -> datetime | None:
    """``known_at`` from the page's control: a datetime (UTC unless it says otherwise) or a
    day, read as the end of that day ("what we knew by then"). Raises ValueError."""
    value = (raw or "").strip()
    if not value:
        return None
    if len(value) == 10:
        return datetime.combine(date.fromisoformat(value), time.max, tzinfo=UTC)
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass
class TimelinePicture:
    svg: str
    entries: list[TimelineEntry] = field(default_factory=list)
    meetings: list[MeetingView] = field(default_factory=list)
    problem: str = ""


def _envoy_marks(slugs: list[str], known_at: datetime | None) -> list[EnvoyMark]:
    marks = []
    for slug in slugs:
        try:
            envoy = selectors.envoy_state(slug, known_at=known_at)
        except NotFound:
            continue
        for role in envoy.roles:
            if role.get("start"):
                start = datetime.combine(date.fromisoformat(role["start"]), time.min, tzinfo=UTC)
                marks.append(EnvoyMark(start, f"{envoy.name}: {role['title']}", role.get("party", "")))
    return marks


def summit_picture(slug: str, title: str, *, known_at: datetime | None = None) -> TimelinePicture:
    try:
        entries = selectors.summit_timeline(slug, known_at=known_at)
    except NotFound as exc:
        return TimelinePicture(render_timeline([], title=title, known_at=known_at), problem=str(exc))
    try:
        state = selectors.summit_state(slug, known_at=known_at)
        meetings, envoys = list(state.meetings), [e["slug"] for e in state.envoys]
    except NotFound:  # every status fact retracted: still draw what is left
        meetings, envoys = [], []
    svg = render_timeline(
        entries,
        meetings=meetings,
        envoy_events=_envoy_marks(envoys, known_at),
        title=title,
        known_at=known_at,
    )
    return TimelinePicture(svg, entries, meetings)
