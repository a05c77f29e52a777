"""Reads: current state, state at a valid time and as known at a time, timelines, diffs.

Every read answers for a :class:`Basis`: the valid time it looked at (``valid_at``; now if
not given), what was known (``known_at``; everything if not given) and the event-log
position that knowledge corresponds to. As-of reads use the bitemporal
:class:`~tracker.models.SummitInterval` rows (index lookups); ``summit_state_replayed``
folds the raw events instead and is the reference the tests compare against.

Modules: ``base`` (the basis, paging, meetings at a basis), ``summits`` (state, timeline,
events, diff), ``lists`` (lists now and at a basis, envoys, the feed) and ``ingestion``
(matching reads, articles and claims). Callers use ``from tracker import selectors``.
"""

from .base import (
    TIMELINE_ORDER,
    Basis,
    MeetingView,
    Paged,
    meeting_view_from_row,
    meetings_at,
    resolve_basis,
)
from .ingestion import (
    article_claims,
    article_events,
    article_exists,
    article_get,
    article_list,
    articles_stale,
    claims_pending_review,
    envoy_name_index,
    meeting_recorded_event_id,
    meetings_overlapping,
    summit_exists,
    summits_scheduled_near,
)
from .lists import (
    EnvoySummary,
    EnvoyView,
    envoy_list,
    envoy_list_at,
    envoy_state,
    event_feed,
    event_get,
    meeting_list,
    meeting_list_at,
    summit_list,
    summit_list_at,
)
from .summits import (
    SummitSummary,
    SummitView,
    TimelineEntry,
    summit_diff,
    summit_events,
    summit_events_paged,
    summit_state,
    summit_state_replayed,
    summit_timeline,
    summit_timeline_paged,
)

__all__ = [
    "TIMELINE_ORDER",
    "Basis",
    "EnvoySummary",
    "EnvoyView",
    "MeetingView",
    "Paged",
    "SummitSummary",
    "SummitView",
    "TimelineEntry",
    "article_claims",
    "article_events",
    "article_exists",
    "article_get",
    "article_list",
    "articles_stale",
    "claims_pending_review",
    "envoy_list",
    "envoy_list_at",
    "envoy_name_index",
    "envoy_state",
    "event_feed",
    "event_get",
    "meeting_list",
    "meeting_list_at",
    "meeting_recorded_event_id",
    "meeting_view_from_row",
    "meetings_at",
    "meetings_overlapping",
    "resolve_basis",
    "summit_diff",
    "summit_events",
    "summit_events_paged",
    "summit_exists",
    "summit_list",
    "summit_list_at",
    "summit_state",
    "summit_state_replayed",
    "summit_timeline",
    "summit_timeline_paged",
    "summits_scheduled_near",
]
