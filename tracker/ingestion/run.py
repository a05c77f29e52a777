"""What claim application knows while it works through one article, and how it reads claims.

A ``Run`` is built by ``claims.apply_extraction`` for a new article, or rebuilt from the
stored claims by ``review`` when an editor accepts one. ``Pending`` is how an applier says
that a claim needs a person to decide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.text import slugify

from tracker.domain.time import ValidTime
from tracker.eventstore import AppendResult
from tracker.extraction import EXTRACTOR_VERSION
from tracker.models import Article, Claim
from tracker.services import Context


@dataclass
class Run:
    """What claim application knows while it works through one article."""

    article: Article
    names: dict[str, str]  # slugified name or alias -> envoy slug
    summits: dict[str, str] = field(default_factory=dict)  # extraction ref -> summit slug
    status_events: dict[int, str] = field(default_factory=dict)  # status claim index -> event id
    persons: dict[str, Claim] = field(default_factory=dict)  # slugified name -> person claim
    matched_summits: list[Claim] = field(default_factory=list)  # known summits, corroborated last

    @property
    def sha(self) -> str:
        return self.article.sha256 or ""

    def key(self, claim: Claim) -> str:
        return f"article:{self.sha}:{claim.kind}:{claim.index}"

    def ctx(self, claim: Claim, *, actor: str = "ingestion", key: str | None = None) -> Context:
        article = self.article
        source: dict[str, Any] = {
            "kind": "article",
            "article_id": str(article.pk),
            "sha256": article.sha256,
            "title": article.title,
            "url": article.url,
            "published_on": article.published_on.isoformat() if article.published_on else None,
            "claim": f"{claim.kind}:{claim.index}",
        }
        if claim.evidence_start is not None:
            source["evidence"] = {"start": claim.evidence_start, "end": claim.evidence_end}
            source["quote"] = claim.evidence_text[:500]
        return Context(
            actor=actor,
            source=source,
            confidence=claim.confidence,
            idempotency_key=key or self.key(claim),
            correlation_id=str(article.pk),
            extractor_version=str(EXTRACTOR_VERSION),
        )

    def cites(self, sources: Iterable[dict[str, Any]]) -> bool:
        """Whether this article is already one of a fact's sources."""
        return any(s.get("kind") == "article" and s.get("sha256") == self.sha for s in sources)


class Pending(Exception):
    """The claim cannot become a fact without a person deciding; ``note`` says why."""

    def __init__(self, note: str) -> None:
        self.note = note
        super().__init__(note)


def iso_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def claimed_time(item: dict[str, Any]) -> ValidTime | None:
    interval = item.get("date")
    if not isinstance(interval, dict):
        return None
    first, last = iso_day(interval.get("from")), iso_day(interval.get("to"))
    if first is None or last is None or last < first:
        return None
    return ValidTime.between_days(first, last)


def person_key(run: Run, name: str) -> str:
    key = slugify(name)
    return run.names.get(key, key)


def event_ids(result: AppendResult) -> list[str]:
    return [str(e.id) for e in result.events]
