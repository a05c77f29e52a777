"""Article input: the text format (``date YYYY-MM-DD`` header) and the JSON format.

Everything that can go wrong with an input ends as :class:`ArticleError` with a readable
``reason``; no other exception leaves this module, whatever the bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Final

DEFAULT_MAX_BYTES: Final = 1_000_000

_DATE_HEADER: Final = re.compile(r"\A[ \t\r\n\ufeff]*date[ \t]+(\S+)[ \t]*", re.IGNORECASE)
_ISO_DATE: Final = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")
_HEADER_LINE: Final = re.compile(r"\A(source|title|url)[ \t]+(.*\S)[ \t]*\Z", re.IGNORECASE)


class ArticleError(ValueError):
    """An input that cannot be read as an article; ``reason`` says why, for people."""

    def __init__(self, reason: str, *, filename: str | None = None) -> None:
        self.reason = reason
        self.filename = filename
        super().__init__(f"{filename}: {reason}" if filename else reason)


@dataclass(frozen=True)
class ParsedArticle:
    published_on: dt.date
    body: str
    title: str | None
    url: str | None
    sha256: str


def parse_date(value: object) -> dt.date:
    """A strict ``YYYY-MM-DD`` calendar date (``date`` objects pass through)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ArticleError("publication date is missing")
    match = _ISO_DATE.match(value.strip())
    if not match:
        raise ArticleError(f"invalid publication date {value.strip()[:40]!r} (expected YYYY-MM-DD)")
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ArticleError(f"invalid publication date {value.strip()!r} (no such day)") from None


def _decode(raw: bytes | str, max_bytes: int) -> str:
    if isinstance(raw, str):
        try:
            size = len(raw.encode("utf-8"))
        except UnicodeEncodeError:
            raise ArticleError("text is not valid Unicode (lone surrogates)") from None
        text = raw
    elif isinstance(raw, bytes | bytearray | memoryview):
        data = bytes(raw)
        size = len(data)
        if size > max_bytes:
            raise ArticleError(f"too large: {size} bytes (limit {max_bytes})")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"not UTF-8 text (invalid byte at offset {exc.start})") from None
    else:
        raise ArticleError(f"unsupported input type {type(raw).__name__}")
    if size > max_bytes:
        raise ArticleError(f"too large: {size} bytes (limit {max_bytes})")
    if "\x00" in text:
        raise ArticleError("binary data, not text (contains NUL characters)")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ArticleError("empty file")
    return text


def _build(published_on: dt.date, body: str, title: str | None, url: str | None) -> ParsedArticle:
    body = body.strip()
    if not body:
        raise ArticleError("no article body after the headers")
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return ParsedArticle(published_on=published_on, body=body, title=title or None, url=url or None, sha256=digest)


def _optional_str(value: object, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleError(f"field {field!r} must be a string")
    return value.strip() or None


def _parse_text(text: str) -> ParsedArticle:
    match = _DATE_HEADER.match(text)
    if not match:
        raise ArticleError("no 'date YYYY-MM-DD' header before the text")
    published_on = parse_date(match[1])
    rest = text[match.end() :]
    title = url = None
    first_line, newline, remainder = rest.partition("\n")
    if first_line.strip():
        # Inline header (`date 2018-05-31 US Secretary ...`): the body starts right here.
        return _build(published_on, rest, None, None)
    lines = remainder.split("\n") if newline else []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        header = _HEADER_LINE.match(line)
        if not header:
            break
        key, value = header[1].lower(), header[2]
        if key == "title":
            title = value
        elif key == "url" or (key == "source" and re.match(r"https?://", value)):
            url = value
        index += 1
    return _build(published_on, "\n".join(lines[index:]), title, url)


def _parse_json(text: str) -> ParsedArticle | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    body = data.get("text")
    if not isinstance(body, str):
        raise ArticleError("JSON article has no 'text' string")
    return parse_article_fields(
        text=body,
        published_on=data.get("published_on"),
        title=_optional_str(data.get("title"), "title"),
        url=_optional_str(data.get("url"), "url"),
    )


def parse_article(
    raw: bytes | str, *, max_bytes: int = DEFAULT_MAX_BYTES, filename: str | None = None
) -> ParsedArticle:
    """Read an article in the text or JSON format; raise :class:`ArticleError` otherwise."""
    try:
        text = _decode(raw, max_bytes)
        if text.lstrip().startswith("{"):
            parsed = _parse_json(text)
            if parsed is not None:
                return parsed
        return _parse_text(text)
    except ArticleError as exc:
        raise ArticleError(exc.reason, filename=filename) from None
    except Exception as exc:  # the contract: nothing but ArticleError escapes
        raise ArticleError(f"unreadable article ({type(exc).__name__})", filename=filename) from exc


def parse_article_fields(
    *,
    text: str,
    published_on: dt.date | str | None,
    title: str | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedArticle:
    """The API path: fields arrive separately; ``text`` may carry the date header itself."""
    try:
        if not isinstance(text, str):
            raise ArticleError("text must be a string")
        text = _decode(text, max_bytes)
        if published_on is None or (isinstance(published_on, str) and not published_on.strip()):
            parsed = _parse_text(text)
            return _build(parsed.published_on, parsed.body, title or parsed.title, url or parsed.url)
        date = parse_date(published_on)
        return _build(date, text, _optional_str(title, "title"), _optional_str(url, "url"))
    except ArticleError:
        raise
    except Exception as exc:
        raise ArticleError(f"unreadable article ({type(exc).__name__})") from exc
