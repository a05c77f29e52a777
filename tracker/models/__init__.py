from .events import Event
from .projections import Envoy, Meeting, MeetingParticipant, Summit, SummitInterval

__all__ = ["Envoy", "Event", "Meeting", "MeetingParticipant", "Summit", "SummitInterval"]
