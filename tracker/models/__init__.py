from .articles import Article, Claim
from .events import Event
from .projections import Envoy, Meeting, MeetingParticipant, Summit, SummitInterval

__all__ = ["Article", "Claim", "Envoy", "Event", "Meeting", "MeetingParticipant", "Summit", "SummitInterval"]
