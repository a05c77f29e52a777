"""Articles and the claims extracted from them: ingestion's own workflow state.

These rows are not projections of the event log. An article is stored once (its body's
SHA-256 is unique); a later submission of the same body is recorded as a ``duplicate``
row with no body and ``duplicate_of`` pointing at the original. Facts only ever reach the
event log through :mod:`tracker.services`; a claim keeps the ids of the events it became
or corroborated.
"""

import uuid

from django.db import models


class Article(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        PROCESSING = "processing"
        DONE = "done"
        DUPLICATE = "duplicate"
        FAILED = "failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # NULL only on duplicate rows: the original holds the body and its hash.
    sha256 = models.CharField(max_length=64, unique=True, null=True, blank=True)
    body = models.TextField(blank=True)
    title = models.CharField(max_length=500, blank=True)
    url = models.CharField(max_length=2000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    reason = models.TextField(blank=True)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates")
    submitted_by = models.CharField(max_length=150, blank=True)
    via = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    extractor_version = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["status", "updated_at"], name="article_status_updated_idx")]

    def __str__(self) -> str:
        label = self.title or self.body[:60] or str(self.id)
        return f"{label} [{self.status}]"


class Claim(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting"
        STATUS_CHANGE = "status_change"
        SUMMIT = "summit"
        PERSON = "person"

    class Review(models.TextChoices):
        AUTO = "auto"  # applied without review
        PENDING = "pending"  # waits for an editor
        ACCEPTED = "accepted"
        REJECTED = "rejected"

    id = models.BigAutoField(primary_key=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # Position of the item in its extraction list: part of the idempotency key.
    index = models.PositiveIntegerField()
    payload = models.JSONField(default=dict)
    confidence = models.FloatField(default=1.0)
    evidence_start = models.PositiveIntegerField(null=True, blank=True)
    evidence_end = models.PositiveIntegerField(null=True, blank=True)
    evidence_text = models.TextField(blank=True)
    review_state = models.CharField(max_length=16, choices=Review.choices, default=Review.AUTO, db_index=True)
    reviewed_by = models.CharField(max_length=150, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    event_ids = models.JSONField(default=list)
    # What the claim was matched to: {"action": "created|corroborated|...", "summit": slug, ...}.
    resolution = models.JSONField(default=dict)

    class Meta:
        ordering = ["article", "kind", "index"]
        constraints = [models.UniqueConstraint(fields=["article", "kind", "index"], name="claim_article_item_uniq")]
        permissions = [("review_claim", "Can accept or reject extracted claims")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.index} of {self.article_id} [{self.review_state}]"
