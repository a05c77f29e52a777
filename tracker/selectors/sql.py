"""The statements of a summit read (:func:`tracker.selectors.summit_state`), written out.

``GET /api/summits/{slug}/`` is the hottest read. Built as querysets, each of its
statements cost 0.2-0.3 ms of ORM work (cloning, compiling, ordering) against well under
0.1 ms in the database, so they are written here once, in SQL both PostgreSQL and SQLite
run, and read through ``Model.objects.raw`` (which still applies the fields' database
converters: JSON, durations, SQLite's dates). Two look-ups that always go together are
one statement each: the basis position with the summit row, and the interval that
surely applied with those that may have. ``tests/api/test_summit_state_fast.py`` holds
the read to ``summit_state_replayed`` (the fold of the raw events), view for view.

Datetime parameters go through ``adapt_datetimefield_value``, as the ORM's would: SQLite
compares them as text, in the stored format.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.db import connection

from tracker.models import Meeting, Summit, SummitInterval
from tracker.selectors import rows as read_rows

# Literal SQL (tables and columns of tracker.models), so what runs is what you read here.
_HEAD = 'SELECT MAX("position") FROM tracker_event'
# recorded_at grows with position: one step back on the recorded_at index.
_POSITION_AT = (
    'SELECT "position" FROM tracker_event WHERE recorded_at <= %s ORDER BY recorded_at DESC, "position" DESC LIMIT 1'
)
_SUMMIT_NOW = (
    "SELECT s.*, COALESCE((" + _HEAD + "), 0) AS basis_position FROM tracker_summit s WHERE s.slug = %s"  # noqa: S608
)
# As of a past known_at, the stream's version at the basis position comes with the row:
# the last event at or before (summit, slug, position) on event_stream_position_idx, one
# step (a row comparison, as in eventstore.stream_version); 0 if that row is another stream's.
_SUMMIT_AS_OF = (
    "SELECT s.*, b.at_position AS basis_position,"  # noqa: S608 (constants, no input)
    " (SELECT CASE WHEN e.stream_type = 'summit' AND e.stream_id = s.slug THEN e.version ELSE 0 END"
    " FROM tracker_event e WHERE (e.stream_type, e.stream_id, e.\"position\") <= ('summit', s.slug, b.at_position)"
    ' ORDER BY e.stream_type DESC, e.stream_id DESC, e."position" DESC LIMIT 1) AS basis_version'
    " FROM tracker_summit s, (SELECT COALESCE((" + _POSITION_AT + "), 0) AS at_position) b WHERE s.slug = %s"
)

# Visible at position P: known_from <= P < known_to. pick 0: the last interval that surely
# applied at T (certain_from <= T, in reverse timeline order); pick 1: those whose window
# contains T (certain_from within max_uncertainty after T, valid_from <= T), in timeline order.
# One statement, not two: PostgreSQL plans the union in 0.1 ms against 0.05 ms for both,
# but on gunicorn with PostgreSQL on the same two cores, the round trip it saves is worth
# more (1.65 against 1.95 ms of worker CPU a request, 10-30% more requests a second).
# The backward scan for pick 0 starts at the lower of T and the head as known at P (the
# head_certain_from of the last row written by P, one step on interval_written_idx), so it
# does not step over the rows recorded after P one by one: "known early, asked late" on a
# long history is one step too. No row written by P: the bound is NULL and nothing matches.
# The sub-select names the slug, not i's: uncorrelated, it runs once, before the scan, and
# bounds the index scan itself (a correlated one would only filter the rows it steps over).
_LAST = (
    "SELECT 0 AS pick, i.* FROM tracker_summitinterval i"
    " WHERE i.summit_slug = %s AND i.known_from <= %s AND (i.known_to IS NULL OR i.known_to > %s)"
    " AND i.certain_from <= %s"
    " AND i.certain_from <= (SELECT w.head_certain_from FROM tracker_summitinterval w"
    " WHERE w.summit_slug = %s AND w.known_from <= %s ORDER BY w.known_from DESC LIMIT 1)"
    " ORDER BY i.certain_from DESC, i.valid_from DESC, i.rank DESC, i.tiebreak DESC LIMIT 1"
)
_WINDOW = (
    "SELECT 1 AS pick, i.* FROM tracker_summitinterval i"
    " WHERE i.summit_slug = %s AND i.known_from <= %s AND (i.known_to IS NULL OR i.known_to > %s)"
    " AND i.certain_from > %s AND i.certain_from <= %s AND i.valid_from <= %s"
    " ORDER BY i.certain_from, i.valid_from, i.rank, i.tiebreak"
)
# Two of the constants above, no input.
_LAST_AND_WINDOW = (
    "SELECT * FROM (" + _LAST + ") last_row UNION ALL SELECT * FROM (" + _WINDOW + ") window_rows"  # noqa: S608
    " ORDER BY pick, certain_from, valid_from, rank, tiebreak"
)

# The meetings, each row carrying the names of every envoy among the summit's current
# participants (one JSON array of [slug, name] pairs, computed once: the sub-select is
# uncorrelated), so the envoys cost no round trip of their own. JSON aggregates are
# spelled differently on the two backends.
_ENVOYS_OF_SUMMIT = (
    "SELECT {aggregate} FROM tracker_envoy e WHERE e.slug IN (SELECT p.envoy_slug"
    " FROM tracker_meetingparticipant p JOIN tracker_meeting pm ON pm.id = p.meeting_id WHERE pm.summit_slug = %s)"
)
_AGGREGATES = {
    "postgresql": "json_agg(json_build_array(e.slug, e.name))",
    "sqlite": "json_group_array(json_array(e.slug, e.name))",
}
_MEETINGS = (
    "SELECT m.*, ({envoys}) AS envoy_names FROM tracker_meeting m WHERE m.summit_slug = %s"
    " ORDER BY m.valid_from, m.meeting_id"
)
_ENVOY_NAMES = "SELECT slug, name FROM tracker_envoy WHERE slug IN ({marks})"


def _moment(value: datetime) -> object:
    return connection.ops.adapt_datetimefield_value(value)


def summit_at(slug: str, known_at: datetime | None) -> Summit | None:
    """The summit's row, with ``basis_position``: the head, or the last position recorded
    by ``known_at`` (0 if none), read in the same statement and so the same snapshot. As
    of a ``known_at``, also ``basis_version``: the stream's version at that position."""
    if known_at:
        rows = read_rows.models(Summit, _SUMMIT_AS_OF, [_moment(known_at), slug])
    else:
        rows = read_rows.models(Summit, _SUMMIT_NOW, [slug])
    return rows[0] if rows else None


def status_rows(
    slug: str, position: int, moment: datetime, max_uncertainty: timedelta
) -> tuple[SummitInterval | None, list[SummitInterval]]:
    """The interval rows visible at ``position`` that decide the status at ``moment``: the
    last one that surely applied (or None), and those that may have, in timeline order."""
    visible = [slug, position, position]
    last = [*visible, _moment(moment), slug, position]
    if not max_uncertainty:
        rows = read_rows.models(SummitInterval, _LAST, last)
        return (rows[0] if rows else None), []
    window = [_moment(moment), _moment(moment + max_uncertainty), _moment(moment)]
    rows = read_rows.models(SummitInterval, _LAST_AND_WINDOW, [*last, *visible, *window])
    last = rows[0] if rows and rows[0].pick == 0 else None
    return last, [r for r in rows if r.pick == 1]


def meeting_rows(slug: str) -> tuple[list[Meeting], dict[str, str]]:
    """The summit's meetings in timeline order, and the names of the envoys among their
    current participants (a past basis may name others: see :func:`envoy_names`)."""
    envoys = _ENVOYS_OF_SUMMIT.format(aggregate=_AGGREGATES[connection.vendor])
    rows = read_rows.models(Meeting, _MEETINGS.format(envoys=envoys), [slug, slug])
    pairs = rows[0].envoy_names if rows else None
    if isinstance(pairs, str):  # SQLite's JSON is text; psycopg2 parses PostgreSQL's json
        pairs = json.loads(pairs)
    return rows, dict(pairs or ())


def envoy_names(slugs: Sequence[str]) -> dict[str, str]:
    if not slugs:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_ENVOY_NAMES.format(marks=", ".join(["%s"] * len(slugs))), list(slugs))
        return dict(cursor.fetchall())
