"""``manage.py extract PATH... [--json]``: print what extraction finds, without the database."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from tracker.extraction import ArticleError, extract, parse_article


class Command(BaseCommand):
    help = "Extract persons, summits, meetings and status changes from article files (no database writes)."
    requires_migrations_checks = False
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="article files (text or JSON format)")
        parser.add_argument("--json", action="store_true", help="print one JSON object per file (JSON Lines)")

    def handle(self, *args: Any, **options: Any) -> None:
        max_bytes = int(getattr(settings, "ARTICLE_MAX_BYTES", 1_000_000))
        failures = 0
        for name in options["paths"]:
            try:
                result = extract(parse_article(_read(Path(name), max_bytes), max_bytes=max_bytes, filename=name))
            except ArticleError as exc:
                failures += 1
                self.stderr.write(f"{name}: {exc.reason}")
                continue
            if options["json"]:
                self.stdout.write(json.dumps(result, ensure_ascii=False, sort_keys=False))
            else:
                self.stdout.write(_summary(name, result))
        if failures:
            self.stderr.write(f"{failures} of {len(options['paths'])} file(s) failed")
            sys.exit(1)


def _read(path: Path, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise ArticleError("is a directory, not a file")
        if path.stat().st_size > max_bytes:
            raise ArticleError(f"too large: {path.stat().st_size} bytes (limit {max_bytes})")
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleError("no such file") from None
    except OSError as exc:
        raise ArticleError(f"cannot read file ({exc.strerror or exc})") from None


def _summary(name: str, result: dict[str, Any]) -> str:
    lines = [f"{name} (published {result['article']['published_on']})"]
    lines.append("  persons: " + (", ".join(p["name"] for p in result["persons"]) or "none"))
    for s in result["summits"]:
        when, where = s["scheduled_for"] or "", s["location"] or ""
        lines.append(f"  summit {s['ref']}: {' & '.join(s['leaders'])} {when} {where}")
    for m in result["meetings"]:
        date = m["date"]
        when = (date["from"] if date["from"] == date["to"] else f"{date['from']}..{date['to']}") if date else "?"
        lines.append(
            f"  meeting: {' & '.join(m['participants'])} {m['mode']} {m['status']} {when} "
            f"{m['location'] or ''} ({m['confidence']:.2f})"
        )
    for c in result["status_changes"]:
        date = c["date"]
        when = (date["from"] if date["from"] == date["to"] else f"{date['from']}..{date['to']}") if date else "?"
        lines.append(
            f"  status: {c['summit']} {c['status']} {when} by {c['announced_by'] or '?'} ({c['confidence']:.2f})"
        )
    return "\n".join(line.rstrip() for line in lines)
