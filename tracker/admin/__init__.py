"""The editors' desk: the Django admin, writing only through commands.

Each module registers one part: summits (with the timeline picture), envoys, meetings,
events (read-only), and articles with the review queue.
"""

from tracker.admin import articles, envoys, events, meetings, summits

__all__ = ["articles", "envoys", "events", "meetings", "summits"]
