"""Every event type, declared in one place. Events are past-tense facts with small payloads.

Streams: ``summit/<slug>``, ``envoy/<slug>``, ``meeting/<id>``. The meta events
(retraction, correction, corroboration) live in the stream of the event they name, so
that stream's version covers them and its projection is rebuilt from one stream.
"""

# Summit status changes: change name -> event type.
SUMMIT_CHANGES = {
    "proposed": "SummitProposed",
    "scheduled": "SummitScheduled",
    "rescheduled": "SummitRescheduled",
    "cancelled": "SummitCancelled",
    "reinstated": "SummitReinstated",
    "postponed": "SummitPostponed",
    "held": "SummitHeld",
    "concluded": "SummitConcluded",
}
CHANGE_OF_TYPE = {event_type: change for change, event_type in SUMMIT_CHANGES.items()}
SUMMIT_STATUSES = ("proposed", "scheduled", "cancelled", "postponed", "held", "concluded")

ENVOY_REGISTERED = "EnvoyRegistered"
ENVOY_ROLE_ASSIGNED = "EnvoyRoleAssigned"

MEETING_RECORDED = "MeetingRecorded"
MEETING_STATUS_CHANGED = "MeetingStatusChanged"
MEETING_STATUSES = ("proposed", "scheduled", "held", "cancelled")
MEETING_MODES = ("in_person", "phone", "video", "letter", "unknown")

# Meta events: name the event they concern in ``data["event_id"]``.
EVENT_RETRACTED = "EventRetracted"
EVENT_CORRECTED = "EventCorrected"
FACT_CORROBORATED = "FactCorroborated"
META_TYPES = (EVENT_RETRACTED, EVENT_CORRECTED, FACT_CORROBORATED)
