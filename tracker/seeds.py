"""Load the curated seed timelines through the same commands an editor uses, and the seed
articles through the same ingestion pipeline as any article.

Every seed item carries an idempotency key and articles are stored once by content hash,
so loading twice changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from tracker import services
from tracker.domain.time import ValidTime
from tracker.services import Context

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"


def _when(item: dict[str, Any]) -> ValidTime:
    if "at" in item:
        return ValidTime.at(datetime.fromisoformat(item["at"]), item.get("precision", "exact"))
    if "hour" in item:
        return ValidTime.within_hour(datetime.fromisoformat(item["hour"]))
    if "day" in item:
        return ValidTime.on_day(date.fromisoformat(item["day"]))
    return ValidTime.between_days(date.fromisoformat(item["from"]), date.fromisoformat(item["to"]))


def load_timeline(path: Path, *, progress: Callable[[str], None] | None = None) -> int:
    """Load one seed file; returns how many commands appended something new."""
    seed = json.loads(path.read_text(encoding="utf-8"))
    source = seed["source"]
    name = path.stem
    appended = 0

    def run(key: str, command: Callable[..., Any], **kwargs: Any) -> None:
        nonlocal appended
        ctx = Context(actor="seed", source=source, idempotency_key=f"seed:{name}:{key}")
        result = command(ctx=ctx, **kwargs)
        appended += 0 if result.duplicate else 1
        if progress:
            progress(key)

    for envoy in seed.get("envoys", []):
        run(f"envoy:{envoy['id']}", services.envoy_register, slug=envoy["id"], name=envoy["name"],
            country=envoy.get("country", ""), aliases=envoy.get("aliases", []))  # fmt: skip
        for n, role in enumerate(envoy.get("roles", [])):
            run(f"envoy:{envoy['id']}:role:{n}", services.envoy_assign_role, slug=envoy["id"], title=role["title"],
                party=role.get("party", ""), start=_date(role.get("start")), end=_date(role.get("end")))  # fmt: skip

    summit = seed.get("summit")
    if summit:
        first, *rest = summit["changes"]
        run(f"summit:{summit['slug']}:{first['id']}", services.summit_create, slug=summit["slug"],
            title=summit["title"], change=first["change"], when=_when(first), parties=summit["parties"],
            leaders=summit["leaders"], location=first.get("location", ""),
            scheduled_for=_date(first.get("scheduled_for")), note=first.get("note", ""))  # fmt: skip
        for change in rest:
            run(f"summit:{summit['slug']}:{change['id']}", services.summit_change_status, slug=summit["slug"],
                change=change["change"], when=_when(change), announced_by=change.get("announced_by", ""),
                scheduled_for=_date(change.get("scheduled_for")), location=change.get("location", ""),
                note=change.get("note", ""))  # fmt: skip

    for meeting in seed.get("meetings", []):
        people = [{"name": _envoy_name(seed, p), "envoy": p} for p in meeting["participants"]]
        run(f"meeting:{meeting['id']}", services.meeting_record, meeting_id=meeting["id"], participants=people,
            when=_when(meeting), location=meeting.get("location", ""), mode=meeting.get("mode", "in_person"),
            status=meeting.get("status", "held"), summit=meeting.get("summit"),
            title=meeting.get("title", ""))  # fmt: skip
    return appended


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _envoy_name(seed: dict[str, Any], envoy_id: str) -> str:
    return next(e["name"] for e in seed["envoys"] if e["id"] == envoy_id)


def seed_files() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.json"))


def article_files() -> list[Path]:
    return sorted(p for p in (SEEDS_DIR / "articles").glob("*") if p.is_file() and not p.name.startswith("."))


def ingest_article(path: Path) -> bool:
    """Store and process one seed article here and now (no worker needed); True if new."""
    from tracker import ingestion  # ingestion imports the extractor: only load it when used

    intake = ingestion.file_ingest(path, actor="seed", via="seed", record_duplicate=False)
    ingestion.article_process(article_id=intake.article.pk)
    return intake.created
