"""Sources: article files, the inbox folder and RSS/Atom feeds, stored through ``intake``.

A file or feed item already stored is counted as a duplicate, never stored twice; one that
cannot be used is reported with its reason and the rest go on.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from tracker import feeds, selectors
from tracker.extraction import ArticleError, parse_article
from tracker.ingestion.intake import Intake, article_store, parse_fields

logger = logging.getLogger(__name__)


@dataclass
class PollReport:
    new: int = 0
    duplicate: int = 0
    failed: list[str] = field(default_factory=list)  # "<name>: <reason>"

    def as_dict(self) -> dict[str, Any]:
        return {"new": self.new, "duplicate": self.duplicate, "failed": self.failed}


def file_ingest(path: Path, *, actor: str, via: str, record_duplicate: bool = True) -> Intake:
    """Read and store one file (raises ``ArticleError`` naming the file)."""
    limit = settings.ARTICLE_MAX_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise ArticleError(f"too large: {size} bytes (limit {limit})", filename=str(path))
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}", filename=str(path)) from exc
    parsed = parse_article(raw, max_bytes=limit, filename=str(path))
    return article_store(parsed, actor=actor, via=via, record_duplicate=record_duplicate)


def inbox_files(folder: Path) -> list[Path]:
    """Files waiting in the inbox: hidden and partial files (``.part``, ``.tmp``) wait."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix not in (".part", ".tmp", ".swp")
    )


def inbox_poll(folder: Path | None = None) -> PollReport:
    """Store every file in the inbox, then move it to ``done/`` (or ``failed/`` with a
    ``.reason.txt`` beside it). A file seen twice is stored once (content hash)."""
    folder = Path(folder or settings.INGEST_INBOX_DIR)
    report = PollReport()
    for path in inbox_files(folder):
        try:
            intake = file_ingest(path, actor="inbox", via="inbox", record_duplicate=False)
        except ArticleError as exc:
            report.failed.append(f"{path.name}: {exc.reason}")
            _move(path, folder / "failed", reason=exc.reason)
            continue
        report.new += intake.created
        report.duplicate += not intake.created
        _move(path, folder / "done")
    return report


def _move(path: Path, target_dir: Path, *, reason: str | None = None) -> None:
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / path.name
    n = 1
    while target.exists():
        n += 1
        target = target_dir / f"{path.stem}.{n}{path.suffix}"
    try:
        shutil.move(os.fspath(path), os.fspath(target))
    except FileNotFoundError:
        return  # another poller moved it first; its content is stored once either way
    if reason is not None:
        target.with_name(target.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")


def feed_poll(url: str) -> PollReport:
    """Fetch one feed and store its new items (``feeds.FeedError`` when unreachable)."""
    report = PollReport()
    for item in feeds.feed_items(feeds.fetch(url)):
        if item.link and selectors.article_exists(url=item.link):
            report.duplicate += 1
            continue
        if item.published_on is None:
            report.failed.append(f"{item.link or item.title or '?'}: the item has no publication date")
            continue
        try:
            parsed = parse_fields(text=item.text, published_on=item.published_on, title=item.title, url=item.link)
        except ArticleError as exc:
            report.failed.append(f"{item.link or item.title or '?'}: {exc.reason}")
            continue
        intake = article_store(parsed, actor="feed", via="feed", record_duplicate=False)
        report.new += intake.created
        report.duplicate += not intake.created
    return report


def feeds_poll(urls: Iterable[str] | None = None) -> dict[str, Any]:
    """Poll every configured feed; one failing feed does not stop the others."""
    results: dict[str, Any] = {}
    for url in urls if urls is not None else settings.INGEST_FEEDS:
        try:
            results[url] = feed_poll(url).as_dict()
        except feeds.FeedError as exc:
            logger.warning("feed %s: %s", url, exc)
            results[url] = {"error": str(exc)}
    return results
