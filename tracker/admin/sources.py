"""Where a fact came from, as admin HTML: the editor, a seed, or an article with the
evidence sentence highlighted. Everything from the data is escaped (format_html)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

_CONTEXT_CHARS = 240  # how much of the article to show around the evidence


def _article_model():
    try:
        return apps.get_model("tracker", "Article")
    except LookupError:  # ingestion not installed yet
        return None


def _article_url(article_id: Any) -> str | None:
    try:
        return reverse("admin:tracker_article_change", args=[article_id])
    except NoReverseMatch:
        return None


def _span(source: dict[str, Any]) -> tuple[int, int] | None:
    evidence = source.get("evidence")
    start = end = None
    if isinstance(evidence, dict):
        start, end = evidence.get("start"), evidence.get("end")
    elif isinstance(evidence, list | tuple) and len(evidence) == 2:
        start, end = evidence
    else:
        start, end = source.get("evidence_start"), source.get("evidence_end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
        return start, end
    return None


def _evidence_text(source: dict[str, Any]) -> str:
    evidence = source.get("evidence")
    if isinstance(evidence, str):
        return evidence
    if isinstance(evidence, dict) and isinstance(evidence.get("text"), str):
        return evidence["text"]
    return str(source.get("evidence_text") or source.get("quote") or "")


def highlight(body: str, start: int, end: int, *, context: int = _CONTEXT_CHARS) -> SafeString:
    """The evidence span in <mark>, with some of the text around it for context."""
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    before_from = max(0, start - context)
    after_to = min(len(body), end + context)
    return format_html(
        '<span class="evidence">{}{}<mark>{}</mark>{}{}</span>',
        "\u2026" if before_from > 0 else "",
        body[before_from:start],
        body[start:end],
        body[end:after_to],
        "\u2026" if after_to < len(body) else "",
    )


def evidence_html(source: dict[str, Any], body: str | None = None) -> SafeString:
    span = _span(source)
    if body is not None and span is not None:
        return highlight(body, *span)
    text = _evidence_text(source)
    return format_html('<span class="evidence"><mark>{}</mark></span>', text) if text else mark_safe("")


def source_html(source: dict[str, Any] | None) -> SafeString:
    """One source: who entered it, or which article says it (and where)."""
    if not source:
        return format_html("<em>{}</em>", "no source recorded")
    kind = str(source.get("kind", "unknown"))
    if kind == "editor":
        return format_html("Entered by editor <strong>{}</strong>", source.get("user") or "?")
    if kind == "article":
        article_id = source.get("article_id") or source.get("article")
        model = _article_model()
        article = model.objects.filter(pk=article_id).first() if model and article_id else None
        title = (article.title if article else "") or source.get("title") or f"article {article_id}"
        url = _article_url(article_id) if article is not None else None
        head = format_html('Article <a href="{}">{}</a>', url, title) if url else format_html("Article {}", title)
        original = str(source.get("url") or (article.url if article is not None else "") or "")
        if original.lower().startswith(("http://", "https://")):  # never a javascript: link
            head = format_html('{} (<a href="{}" rel="noreferrer">original</a>)', head, original)
        evidence = evidence_html(source, article.body if article is not None else None)
        return format_html("{}<br>{}", head, evidence) if evidence else head
    details = format_html_join(", ", "{}: {}", ((k, v) for k, v in sorted(source.items()) if k != "kind"))
    return format_html("{} ({})", kind.capitalize(), details) if details else format_html("{}", kind.capitalize())


def sources_html(sources: list[dict[str, Any]]) -> SafeString:
    if not sources:
        return source_html(None)
    return format_html_join(mark_safe("<br>"), "{}", ((source_html(s),) for s in sources))
