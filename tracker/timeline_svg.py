"""A summit's timeline as a picture: a pure, server-side SVG renderer.

Input: the entries of :func:`tracker.selectors.summit_timeline` (status intervals over
valid time), the summit's meetings (:class:`tracker.selectors.MeetingView`) and envoy
events (:class:`EnvoyMark`). Output: one self-contained SVG string. No database, no
clock, no network: the same input always gives the same bytes, so it is easy to test and
safe to serve from a machine without internet.

What it draws:

* status bands over valid time, one colour per status; the part of a band where the
  change only *may* have happened yet (``valid_from`` to ``certain_from``) is hatched,
  and low-confidence facts are faded;
* a marker over each rapid reversal (e.g. cancelled, then reinstated within 24 hours)
  with its elapsed hours, plus a close-up panel of it, because a one-day band is a sliver
  on a months-long axis;
* markers for meetings and envoy events (roles taken up), in lanes so labels never
  overlap.

Every piece of text that comes from data (titles, places, names, sources) is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any, Protocol

STATUS_COLOURS: dict[str, str] = {
    "proposed": "#8d99ae",
    "scheduled": "#2e7d32",
    "cancelled": "#c62828",
    "postponed": "#ef8f00",
    "held": "#1565c0",
    "concluded": "#6a1b9a",
}
_UNKNOWN_COLOUR = "#9e9e9e"
LOW_CONFIDENCE = 0.6

_MARGIN = 16
_BAND_HEIGHT = 34
_LANE_HEIGHT = 17
_CHAR_WIDTH = 6.2  # average glyph width at 11px, for label fitting
_MAX_LABEL = 38
_MIN_LABEL = 16  # shorter than this, a label near the right edge goes left of its marker


class TimelineEntryLike(Protocol):
    event_id: str
    status: str
    change: str
    valid_from: datetime
    valid_to: datetime | None
    certain_from: datetime
    precision: str
    certainty: str
    sources: list[dict[str, Any]]
    announced_by: str
    confidence: float
    reverses: str | None
    rapid_reversal: bool
    elapsed_hours: float | None


class MeetingLike(Protocol):
    meeting_id: str
    title: str
    participants: list[dict[str, Any]]
    location: str
    mode: str
    status: str
    valid_from: datetime | None
    valid_to: datetime | None


@dataclass(frozen=True)
class EnvoyMark:
    """Something that happened to an envoy, placed on the summit's time axis."""

    when: datetime
    label: str
    detail: str = ""


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _when(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _day(value: datetime) -> str:
    return f"{value:%b} {value.day}"


def _truncate(text: str, limit: int = _MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _fmt_hours(hours: float) -> str:
    return f"{hours:g} h"


@dataclass(frozen=True)
class _Scale:
    start: datetime
    end: datetime
    left: float
    right: float

    def __call__(self, moment: datetime) -> float:
        span = (self.end - self.start).total_seconds() or 1.0
        frac = (moment - self.start).total_seconds() / span
        return round(self.left + frac * (self.right - self.left), 2)

    def clamp(self, moment: datetime) -> datetime:
        return min(max(moment, self.start), self.end)


# --- axis ------------------------------------------------------------------------------

_HOUR_STEPS = (1, 3, 6, 12, 24, 48, 24 * 7, 24 * 14)
_MONTH_STEPS = (1, 3, 6, 12)


def _month_ticks(start: datetime, end: datetime, months: int) -> list[datetime]:
    year, month = start.year, start.month
    ticks = []
    while True:
        tick = datetime(year, month, 1, tzinfo=UTC)
        if tick > end:
            return ticks
        if tick >= start and (month - 1) % months == 0:
            ticks.append(tick)
        month += 1
        if month > 12:
            year, month = year + 1, 1


def _ticks(start: datetime, end: datetime, max_ticks: int) -> tuple[list[datetime], Callable[[datetime], str]]:
    hours = (end - start).total_seconds() / 3600
    for step in _HOUR_STEPS:
        if hours / step <= max_ticks:
            first = start.replace(minute=0, second=0, microsecond=0)
            if step >= 24:
                first = first.replace(hour=0)
                if step >= 24 * 7:
                    first -= timedelta(days=first.weekday())  # weeks start on Monday
            else:
                first = first.replace(hour=first.hour - first.hour % step)
            ticks, tick = [], first
            while tick <= end:
                if tick >= start:
                    ticks.append(tick)
                tick += timedelta(hours=step)
            if step < 24:
                return ticks, lambda t: _day(t) if t.hour == 0 else f"{t:%H:%M}"
            return ticks, _day
    for months in _MONTH_STEPS:
        ticks = _month_ticks(start, end, months)
        if len(ticks) <= max_ticks:
            return ticks, lambda t: f"{t:%b %Y}"
    return _month_ticks(start, end, 12 * max(1, int(hours / 8766 / max_ticks) + 1)), lambda t: f"{t:%Y}"


def _axis(scale: _Scale, y: float) -> list[str]:
    max_ticks = max(2, int((scale.right - scale.left) / 64))
    ticks, label = _ticks(scale.start, scale.end, max_ticks)
    out = [f'<line class="tl-axis" x1="{scale.left}" y1="{y}" x2="{scale.right}" y2="{y}"/>']
    for tick in ticks:
        x = scale(tick)
        out.append(f'<line class="tl-tick" x1="{x}" y1="{y}" x2="{x}" y2="{y + 5}"/>')
        out.append(f'<text class="tl-tick-label" x="{x}" y="{y + 16}" text-anchor="middle">{_e(label(tick))}</text>')
    return out


# --- bands -----------------------------------------------------------------------------


def _sources_text(sources: Sequence[dict[str, Any]]) -> str:
    parts = []
    for source in sources:
        kind = source.get("kind", "source")
        name = source.get("title") or source.get("user") or source.get("outlet") or source.get("reference") or ""
        parts.append(f"{kind}: {name}" if name else str(kind))
    return "; ".join(parts)


def _band_tooltip(entry: TimelineEntryLike, end: datetime | None) -> str:
    lines = [f"{entry.status} ({entry.change})", f"from {_when(entry.valid_from)}"]
    if entry.certain_from != entry.valid_from:
        lines.append(f"certain from {_when(entry.certain_from)} (precision: {entry.precision})")
    lines.append(f"until {_when(end)}" if end else "until now")
    if entry.announced_by:
        lines.append(f"announced by {entry.announced_by}")
    if entry.confidence < 1:
        lines.append(f"confidence {entry.confidence:.2f}")
    if entry.sources:
        lines.append(f"sources: {_sources_text(entry.sources)}")
    return "\n".join(lines)


def _bands(entries: Sequence[TimelineEntryLike], scale: _Scale, y: float, prefix: str) -> list[str]:
    out: list[str] = []
    for entry in entries:
        end = entry.valid_to or scale.end
        if end <= scale.start or entry.valid_from >= scale.end:
            continue
        x0, x1 = scale(scale.clamp(entry.valid_from)), scale(scale.clamp(end))
        width = max(x1 - x0, 1.5)  # a very short status stays visible
        colour = STATUS_COLOURS.get(entry.status, _UNKNOWN_COLOUR)
        faded = entry.confidence < LOW_CONFIDENCE
        classes = f"tl-band tl-band-{_e(entry.status)}" + (" tl-faded" if faded else "")
        opacity = ' fill-opacity="0.4"' if faded else ""
        out.append(
            f'<g class="{classes}" data-status="{_e(entry.status)}" data-change="{_e(entry.change)}" '
            f'data-event-id="{_e(entry.event_id)}" data-certainty="{_e(entry.certainty)}">'
            f"<title>{_e(_band_tooltip(entry, entry.valid_to))}</title>"
            f'<rect x="{x0}" y="{y}" width="{round(width, 2)}" height="{_BAND_HEIGHT}" fill="{colour}"{opacity}/>'
        )
        if entry.certain_from > entry.valid_from:
            u1 = scale(scale.clamp(min(entry.certain_from, end)))
            out.append(
                f'<rect class="tl-uncertain" x="{x0}" y="{y}" width="{round(max(u1 - x0, 1.0), 2)}" '
                f'height="{_BAND_HEIGHT}" fill="url(#{prefix}-hatch)"/>'
            )
        label = entry.status if entry.change == entry.status else f"{entry.status} ({entry.change})"
        if width > len(label) * _CHAR_WIDTH + 10:
            out.append(
                f'<text class="tl-band-label" x="{round(x0 + width / 2, 2)}" y="{y + _BAND_HEIGHT / 2 + 4}" '
                f'text-anchor="middle">{_e(label)}</text>'
            )
        elif width > 2 * _CHAR_WIDTH + 6:
            out.append(
                f'<text class="tl-band-label" x="{round(x0 + width / 2, 2)}" y="{y + _BAND_HEIGHT / 2 + 4}" '
                f'text-anchor="middle">{_e(entry.status[:1].upper())}</text>'
            )
        out.append("</g>")
    return out


def _reversal_markers(entries: Sequence[TimelineEntryLike], scale: _Scale, y: float) -> list[str]:
    """A bracket over each rapid reversal, from the undone change to the one undoing it."""
    by_id = {e.event_id: e for e in entries}
    out: list[str] = []
    for entry in entries:
        undone = by_id.get(entry.reverses or "")
        if not entry.rapid_reversal or undone is None or entry.elapsed_hours is None:
            continue
        x0, x1 = scale(scale.clamp(undone.valid_from)), scale(scale.clamp(entry.valid_from))
        mid = round((x0 + x1) / 2, 2)
        text = f"\u21ba {undone.change} \u2192 {entry.change} in {_fmt_hours(entry.elapsed_hours)}"
        tooltip = (
            f"Rapid reversal: {undone.change} at {_when(undone.valid_from)}, "
            f"{entry.change} at {_when(entry.valid_from)}; {_fmt_hours(entry.elapsed_hours)} elapsed"
        )
        anchor, tx = "middle", mid
        if mid + len(text) * _CHAR_WIDTH / 2 > scale.right:
            anchor, tx = "end", scale.right
        elif mid - len(text) * _CHAR_WIDTH / 2 < scale.left:
            anchor, tx = "start", scale.left
        out.append(
            f'<g class="tl-reversal" data-event-id="{_e(entry.event_id)}" data-reverses="{_e(undone.event_id)}" '
            f'data-elapsed-hours="{_e(entry.elapsed_hours)}"><title>{_e(tooltip)}</title>'
            f'<path class="tl-reversal-bracket" d="M{x0},{y + 16} V{y + 8} H{x1} V{y + 16}"/>'
            f'<text class="tl-reversal-label" x="{tx}" y="{y + 3}" text-anchor="{anchor}">{_e(text)}</text></g>'
        )
    return out


# --- markers ---------------------------------------------------------------------------


def _lanes(items: Sequence[tuple[float, float]]) -> list[int]:
    """Greedy lane assignment: each (x_start, x_end), taken left to right, goes to the
    first lane that is free at its x_start. Returns the lane of each item, in input order."""
    ends: list[float] = []
    lanes = [0] * len(items)
    for index in sorted(range(len(items)), key=lambda i: items[i]):
        start, end = items[index]
        for lane, last in enumerate(ends):
            if start > last + 8:
                ends[lane] = end
                lanes[index] = lane
                break
        else:
            ends.append(end)
            lanes[index] = len(ends) - 1
    return lanes


@dataclass(frozen=True)
class _Label:
    text: str
    x: float
    anchor: str
    span: tuple[float, float]


def _place_label(text: str, x_start: float, x_end: float, scale: _Scale) -> _Label:
    """Right of the marker (shortened to fit if need be), or left of it near the right edge."""
    room = int((scale.right - x_end - 7) / _CHAR_WIDTH)
    if room >= min(len(text), _MIN_LABEL):
        text = _truncate(text, room)
        return _Label(text, round(x_end + 7, 2), "start", (x_start - 5, x_end + 7 + len(text) * _CHAR_WIDTH))
    width = len(text) * _CHAR_WIDTH
    return _Label(text, round(x_start - 7, 2), "end", (x_start - 7 - width, x_end + 5))


def _participants(meeting: MeetingLike) -> str:
    return ", ".join(str(p.get("name", "?")) for p in meeting.participants)


def _meeting_markers(meetings: Sequence[MeetingLike], scale: _Scale, y: float) -> tuple[list[str], float]:
    timed = sorted(
        (m for m in meetings if m.valid_from is not None and scale.start <= m.valid_from <= scale.end),
        key=lambda m: (m.valid_from, m.meeting_id),
    )
    labels = []
    for meeting in timed:
        x0 = scale(meeting.valid_from)
        x1 = max(x0, scale(scale.clamp(meeting.valid_to or meeting.valid_from)))
        labels.append(_place_label(_truncate(meeting.title or _participants(meeting)), x0, x1, scale))
    lanes = _lanes([label.span for label in labels])
    out = []
    for meeting, label, lane in zip(timed, labels, lanes, strict=True):
        x0 = scale(meeting.valid_from)
        x1 = scale(scale.clamp(meeting.valid_to or meeting.valid_from))
        cy = y + lane * _LANE_HEIGHT + 8
        tooltip = "\n".join(
            line
            for line in (
                meeting.title,
                _participants(meeting),
                meeting.location,
                f"{meeting.mode.replace('_', ' ')}, {meeting.status}",
                _when(meeting.valid_from) + (f" to {_when(meeting.valid_to)}" if meeting.valid_to else ""),
            )
            if line
        )
        shape = f'<circle class="tl-meeting-dot" cx="{x0}" cy="{cy}" r="4"/>'
        if x1 - x0 > 6:  # a meeting that spans days: a bar over its whole window
            bar = round(x1 - x0, 2)
            shape = f'<rect class="tl-meeting-dot" x="{x0}" y="{cy - 4}" width="{bar}" height="8" rx="4"/>'
        out.append(
            f'<g class="tl-meeting tl-meeting-{_e(meeting.status)}" data-meeting-id="{_e(meeting.meeting_id)}">'
            f"<title>{_e(tooltip)}</title>"
            f'<line class="tl-guide" x1="{x0}" y1="{y - 4}" x2="{x0}" y2="{cy}"/>{shape}'
            f'<text class="tl-marker-label" x="{label.x}" y="{cy + 4}" text-anchor="{label.anchor}">'
            f"{_e(label.text)}</text></g>"
        )
    height = (max(lanes) + 1) * _LANE_HEIGHT if lanes else 0
    return out, height


def _envoy_markers(marks: Sequence[EnvoyMark], scale: _Scale, y: float) -> tuple[list[str], float]:
    timed = sorted((m for m in marks if scale.start <= m.when <= scale.end), key=lambda m: (m.when, m.label))
    labels = [_place_label(_truncate(m.label), scale(m.when), scale(m.when), scale) for m in timed]
    lanes = _lanes([label.span for label in labels])
    out = []
    for mark, label, lane in zip(timed, labels, lanes, strict=True):
        x = scale(mark.when)
        cy = y + lane * _LANE_HEIGHT + 8
        tooltip = "\n".join(line for line in (mark.label, mark.detail, _when(mark.when)) if line)
        out.append(
            f'<g class="tl-envoy-event"><title>{_e(tooltip)}</title>'
            f'<line class="tl-guide" x1="{x}" y1="{y - 4}" x2="{x}" y2="{cy}"/>'
            f'<path class="tl-envoy-dot" d="M{x},{cy - 5} L{x + 5},{cy} L{x},{cy + 5} L{x - 5},{cy} Z"/>'
            f'<text class="tl-marker-label" x="{label.x}" y="{cy + 4}" text-anchor="{label.anchor}">'
            f"{_e(label.text)}</text></g>"
        )
    height = (max(lanes) + 1) * _LANE_HEIGHT if lanes else 0
    return out, height


# --- the picture -----------------------------------------------------------------------


def _range(entries: Sequence[TimelineEntryLike], meetings: Sequence[MeetingLike]) -> tuple[datetime, datetime]:
    moments: list[datetime] = []
    for entry in entries:
        moments += [entry.valid_from, entry.certain_from] + ([entry.valid_to] if entry.valid_to else [])
    for meeting in meetings:
        moments += [t for t in (meeting.valid_from, meeting.valid_to) if t is not None]
    start, end = min(moments), max(moments)
    pad = max((end - start) * 0.04, timedelta(days=1))
    return start - pad, end + pad


def _style(prefix: str) -> str:
    return (
        f"<style>#{prefix} text{{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:11px;"
        f"fill:#333}}#{prefix} .tl-heading{{font-size:14px;font-weight:600}}#{prefix} .tl-subheading{{fill:#666}}"
        f"#{prefix} .tl-section{{font-weight:600;fill:#555}}#{prefix} .tl-band-label{{fill:#fff;font-weight:600}}"
        f"#{prefix} .tl-axis,#{prefix} .tl-tick{{stroke:#777;stroke-width:1}}"
        f"#{prefix} .tl-tick-label{{fill:#555;font-size:10px}}"
        f"#{prefix} .tl-guide{{stroke:#bbb;stroke-width:1;stroke-dasharray:2 2}}"
        f"#{prefix} .tl-meeting-dot{{fill:#37474f}}#{prefix} .tl-meeting-cancelled .tl-meeting-dot{{fill:#fff;"
        f"stroke:#c62828;stroke-width:1.5}}#{prefix} .tl-meeting-scheduled .tl-meeting-dot,"
        f"#{prefix} .tl-meeting-proposed .tl-meeting-dot{{fill:#fff;stroke:#37474f;stroke-width:1.5}}"
        f"#{prefix} .tl-envoy-dot{{fill:#00897b}}"
        f"#{prefix} .tl-reversal-bracket{{fill:none;stroke:#c62828;stroke-width:2}}"
        f"#{prefix} .tl-reversal-label{{fill:#c62828;font-weight:600}}"
        f"#{prefix} .tl-closeup-frame{{fill:none;stroke:#c62828;stroke-width:1;stroke-dasharray:4 3}}</style>"
    )


def _defs(prefix: str) -> str:
    return (
        f'<defs><pattern id="{prefix}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff" fill-opacity="0.25"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="3" stroke-opacity="0.8"/></pattern></defs>'
    )


def _legend(y: float, left: float, prefix: str) -> list[str]:
    out = [f'<g class="tl-legend" transform="translate({left},{y})">']
    x = 0.0
    for status, colour in STATUS_COLOURS.items():
        out.append(f'<rect x="{x}" y="0" width="14" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 18}" y="10">{_e(status)}</text>')
        x += 26 + len(status) * _CHAR_WIDTH
    out.append(f'<rect x="{x}" y="0" width="14" height="12" fill="#2e7d32"/>')
    out.append(f'<rect x="{x}" y="0" width="14" height="12" fill="url(#{prefix}-hatch)"/>')
    out.append(f'<text x="{x + 18}" y="10">uncertain start</text>')
    x += 26 + 15 * _CHAR_WIDTH
    out.append(f'<rect x="{x}" y="0" width="14" height="12" fill="#2e7d32" fill-opacity="0.4"/>')
    out.append(f'<text x="{x + 18}" y="10">low confidence</text>')
    x += 26 + 14 * _CHAR_WIDTH
    out.append(f'<circle class="tl-meeting-dot" cx="{x + 6}" cy="6" r="4"/><text x="{x + 14}" y="10">meeting</text>')
    x += 22 + 7 * _CHAR_WIDTH
    out.append(f'<path class="tl-envoy-dot" d="M{x + 6},1 L{x + 11},6 L{x + 6},11 L{x + 1},6 Z"/>')
    out.append(f'<text x="{x + 15}" y="10">envoy event</text>')
    out.append("</g>")
    return out


def _closeups(entries: Sequence[TimelineEntryLike], left: float, right: float, y: float, prefix: str):
    """Close-up panels of rapid reversals, each spanning the two changes plus half a day."""
    by_id = {e.event_id: e for e in entries}
    out: list[str] = []
    for entry in entries:
        undone = by_id.get(entry.reverses or "")
        if not entry.rapid_reversal or undone is None:
            continue
        start = undone.valid_from - timedelta(hours=12)
        end = max(entry.certain_from, entry.valid_from) + timedelta(hours=12)
        scale = _Scale(start, end, left, right)
        out.append(
            f'<text class="tl-section" x="{left}" y="{y + 12}">Close-up: {_e(undone.change)} '
            f"{_e(_when(undone.valid_from))} \u2192 {_e(entry.change)} {_e(_when(entry.valid_from))}</text>"
        )
        y += 20
        out += _reversal_markers([undone, entry], scale, y)
        y += 22
        out += _bands(entries, scale, y, prefix)
        y += _BAND_HEIGHT
        out += _axis(scale, y)
        y += 30
    return out, y


def render_timeline(
    entries: Sequence[TimelineEntryLike],
    *,
    meetings: Sequence[MeetingLike] = (),
    envoy_events: Sequence[EnvoyMark] = (),
    title: str = "",
    known_at: datetime | None = None,
    width: int = 1000,
    id_prefix: str = "timeline",
) -> str:
    """The SVG picture of one summit's timeline (see the module docstring)."""
    prefix = "".join(c for c in id_prefix if c.isalnum() or c in "-_") or "timeline"
    left, right = float(_MARGIN), float(width - _MARGIN)
    basis = f"as known at {_when(known_at)}" if known_at else "as known now"
    body: list[str] = [
        f'<text class="tl-heading" x="{left}" y="20">{_e(title or "Summit timeline")}</text>',
        f'<text class="tl-subheading" x="{left}" y="38">Status over valid time, {_e(basis)}</text>',
    ]
    y = 52.0
    if not entries:
        body.append(f'<text class="tl-empty" x="{left}" y="{y + 16}">No status facts are known for this basis.</text>')
        y += 32
    else:
        scale = _Scale(*_range(entries, meetings), left, right)
        body += _reversal_markers(entries, scale, y)
        y += 22
        body += _bands(entries, scale, y, prefix)
        y += _BAND_HEIGHT
        body += _axis(scale, y)
        y += 30
        if meetings:
            body.append(f'<text class="tl-section" x="{left}" y="{y + 8}">Meetings</text>')
            y += 18
            markers, height = _meeting_markers(meetings, scale, y)
            body += markers
            y += height + 8
        marks = [m for m in envoy_events if scale.start <= m.when <= scale.end]
        if marks:
            body.append(f'<text class="tl-section" x="{left}" y="{y + 8}">Envoys</text>')
            y += 18
            markers, height = _envoy_markers(marks, scale, y)
            body += markers
            y += height + 8
        closeups, y = _closeups(entries, left, right, y + 4, prefix)
        body += closeups
    body += _legend(y + 4, left, prefix)
    height = int(y + 28)
    label = f"Timeline of {title}" if title else "Summit timeline"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{prefix}" class="tl-svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_e(label)}">'
        f"<title>{_e(label)}</title>{_style(prefix)}{_defs(prefix)}"
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fff"/>' + "".join(body) + "</svg>"
    )
