"""The event table. Only :mod:`tracker.eventstore` reads and writes it."""

import uuid

from django.db import models


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a stored event."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("tracker_event is append-only: events cannot be updated")

    def delete(self):
        raise AppendOnlyError("tracker_event is append-only: events cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("tracker_event is append-only: events cannot be updated")


class Event(models.Model):
    """One immutable fact in one stream.

    ``position`` is the global order: assigned under a transaction-scoped lock, so it is
    also commit order and a reader following it never skips an event. ``recorded_at`` is
    the database clock read under that same lock, so it grows with ``position``.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    stream_type = models.CharField(max_length=32)
    stream_id = models.CharField(max_length=200)
    version = models.PositiveIntegerField()
    position = models.BigIntegerField(unique=True)
    type = models.CharField(max_length=64)
    schema_version = models.PositiveSmallIntegerField(default=1)
    data = models.JSONField(default=dict)
    valid_from = models.DateTimeField(null=True, blank=True)
    valid_to = models.DateTimeField(null=True, blank=True)
    valid_precision = models.CharField(max_length=16, blank=True, default="")
    recorded_at = models.DateTimeField(db_default=models.functions.Now())
    source = models.JSONField(default=dict)
    confidence = models.FloatField(default=1.0)
    metadata = models.JSONField(default=dict)
    # NULL, not "": most events carry no key, and the unique constraint must admit many.
    idempotency_key = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    # Shared by the events of one append; they also sit at contiguous positions (the
    # append lock), which is how they are found, so this column needs no index.
    append_id = models.UUIDField()

    objects = EventQuerySet.as_manager()

    class Meta:
        db_table = "tracker_event"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["stream_type", "stream_id", "version"], name="event_stream_version_uniq"),
            # A constraint rather than ``unique=True``: the field option would add a
            # second, LIKE-pattern index on PostgreSQL that no query uses.
            models.UniqueConstraint(fields=["idempotency_key"], name="event_idempotency_key_uniq"),
        ]
        # Every index is paid for by every append, so only those a read path uses exist.
        indexes = [
            models.Index(fields=["recorded_at"], name="event_recorded_at_idx"),
            # A stream as known at a position (its version then, its events up to then).
            models.Index(fields=["stream_type", "stream_id", "position"], name="event_stream_position_idx"),
        ]
        # Events are never changed or deleted, by anyone: only viewed, or amended by new
        # retraction and correction events.
        default_permissions = ("view",)
        permissions = [
            ("retract_event", "Can retract an event"),
            ("correct_event", "Can correct an event"),
        ]

    def __str__(self) -> str:
        return f"{self.stream_type}/{self.stream_id} v{self.version} {self.type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("tracker_event is append-only: a stored event cannot be saved again")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("tracker_event is append-only: events cannot be deleted")

    @property
    def stream(self) -> str:
        return f"{self.stream_type}/{self.stream_id}"
