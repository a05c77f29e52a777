"""Small readers of the extractor's contract JSON, shared by the rule tests on sentences of our own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tracker.extraction import extract, parse_article_fields


def run(text: str, pub: dt.date) -> dict[str, Any]:
    """The extraction of ``text`` published on ``pub``."""
    return extract(parse_article_fields(text=text, published_on=pub))


def meeting(result: dict[str, Any], *names: str) -> dict[str, Any] | None:
    """The first meeting whose participants are exactly ``names``."""
    return next((m for m in result["meetings"] if set(m["participants"]) == set(names)), None)


def changes(result: dict[str, Any], status: str) -> list[dict[str, Any]]:
    """The status changes of one status, in the article's order."""
    return [c for c in result["status_changes"] if c["status"] == status]
