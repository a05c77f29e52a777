"""Read models. Only :mod:`tracker.projections` writes these rows; they can be rebuilt
from the event log at any time and come out identical."""

from datetime import timedelta

from django.db import models


class Summit(models.Model):
    """The current state of one summit stream."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=16, blank=True, db_index=True)
    scheduled_for = models.DateField(null=True, blank=True, db_index=True)
    location = models.CharField(max_length=200, blank=True)
    parties = models.JSONField(default=list)
    leaders = models.JSONField(default=list)
    version = models.PositiveIntegerField(default=0)
    first_position = models.BigIntegerField()
    last_position = models.BigIntegerField()
    # The widest valid-time window among its status facts, ever: bounds the look-ahead
    # for facts that may have happened by a given time.
    max_uncertainty = models.DurationField(default=timedelta(0))

    class Meta:
        ordering = ["scheduled_for", "slug"]
        permissions = [("record_summit_change", "Can record summit status changes")]

    def __str__(self) -> str:
        return self.title or self.slug


class SummitInterval(models.Model):
    """One status interval of a summit, bitemporally versioned.

    A row is what the timeline looked like from event position ``known_from`` until
    ``known_to`` (exclusive; NULL: still believed). "As known at position P" selects
    ``known_from <= P < known_to``; "at valid time T" takes the last row whose
    ``certain_from <= T`` (plus the few rows whose uncertainty window contains T, at most
    ``Summit.max_uncertainty`` later): index lookups, however long the history.
    """

    summit_slug = models.SlugField(max_length=120)
    event_id = models.UUIDField()
    change = models.CharField(max_length=16)
    status = models.CharField(max_length=16)
    valid_from = models.DateTimeField()
    certain_from = models.DateTimeField()
    precision = models.CharField(max_length=16)
    rank = models.PositiveSmallIntegerField()
    tiebreak = models.TextField()
    resume_status = models.CharField(max_length=16, blank=True)
    reverses = models.UUIDField(null=True, blank=True)
    elapsed_hours = models.FloatField(null=True, blank=True)
    rapid_reversal = models.BooleanField(default=False)
    title = models.CharField(max_length=200, blank=True)
    parties = models.JSONField(default=list)
    leaders = models.JSONField(default=list)
    location = models.CharField(max_length=200, blank=True)
    scheduled_for = models.DateField(null=True, blank=True)
    announced_by = models.CharField(max_length=200, blank=True)
    confidence = models.FloatField(default=1.0)
    sources = models.JSONField(default=list)
    recorded_at = models.DateTimeField()
    position = models.BigIntegerField()
    anchor_event_id = models.UUIDField(null=True, blank=True)
    known_from = models.BigIntegerField()
    known_to = models.BigIntegerField(null=True, blank=True)
    # The timeline's head (its greatest certain_from) as the append that wrote this row
    # left it. Rows written by one append share it; later appends that write no rows only
    # close rows, which can lower the head, never raise it. So the value on the last row
    # written at or before position K bounds every interval visible at K: an as-of read
    # starts its backward scan there instead of stepping over rows recorded after K.
    head_certain_from = models.DateTimeField()

    class Meta:
        ordering = ["summit_slug", "certain_from", "valid_from", "rank", "tiebreak"]
        indexes = [
            models.Index(fields=["summit_slug", "certain_from", "known_from"], name="interval_valid_idx"),
            models.Index(fields=["summit_slug", "known_to", "certain_from"], name="interval_current_idx"),
            models.Index(fields=["summit_slug", "known_from"], name="interval_written_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.summit_slug} {self.status} from {self.valid_from:%Y-%m-%d %H:%M}"


class Envoy(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    aliases = models.JSONField(default=list)
    country = models.CharField(max_length=2, blank=True, db_index=True)
    roles = models.JSONField(default=list)
    version = models.PositiveIntegerField(default=0)
    first_position = models.BigIntegerField()
    last_position = models.BigIntegerField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    meeting_id = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300, blank=True)
    participants = models.JSONField(default=list)
    location = models.CharField(max_length=200, blank=True, db_index=True)
    mode = models.CharField(max_length=16)
    status = models.CharField(max_length=16, db_index=True)
    summit_slug = models.SlugField(max_length=120, blank=True, db_index=True)
    valid_from = models.DateTimeField(null=True, blank=True, db_index=True)
    valid_to = models.DateTimeField(null=True, blank=True)
    precision = models.CharField(max_length=16, blank=True)
    sources = models.JSONField(default=list)
    source_count = models.PositiveIntegerField(default=0)
    confidence = models.FloatField(default=1.0)
    version = models.PositiveIntegerField(default=0)
    first_position = models.BigIntegerField()
    last_position = models.BigIntegerField()

    class Meta:
        ordering = ["valid_from", "meeting_id"]
        permissions = [("record_meeting", "Can record meetings")]

    def __str__(self) -> str:
        names = " / ".join(p.get("name", "?") for p in self.participants)
        return f"{names} ({self.valid_from:%Y-%m-%d})" if self.valid_from else names


class MeetingParticipant(models.Model):
    """One row per participant, so meetings filter by participant on every backend."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participant_rows")
    name = models.CharField(max_length=200)
    envoy_slug = models.SlugField(max_length=120, blank=True, db_index=True)

    class Meta:
        ordering = ["meeting", "name"]
        indexes = [models.Index(fields=["name"], name="participant_name_idx")]

    def __str__(self) -> str:
        return self.name
