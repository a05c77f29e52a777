"""Fetching RSS and Atom feeds without letting a feed reach inside the network.

* Only ``http`` and ``https`` URLs, with a host.
* Every address the host resolves to, on the first request and on every redirect, must be
  public: private, loopback, link-local, multicast, reserved and unspecified addresses are
  refused unless ``settings.FEED_ALLOW_PRIVATE_HOSTS``. The address the socket actually
  connected to is checked again after connecting, so a DNS answer that changes between
  the check and the connection (rebinding) is caught too.
* Environment proxies are ignored (the check must see the real peer).
* ``settings.FEED_TIMEOUT_SECONDS`` bounds each socket operation and the whole download;
  ``settings.FEED_MAX_BYTES`` caps the body; at most ``MAX_REDIRECTS`` redirects.
* feedparser only ever parses bytes fetched here; it never fetches a URL itself.
"""

from __future__ import annotations

import html
import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import feedparser
from django.conf import settings
from django.utils.html import strip_tags

MAX_REDIRECTS = 5
MAX_ITEMS = 500
_CHUNK = 64 * 1024


class FeedError(Exception):
    """The feed could not be fetched or read; the message says why."""


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    published_on: date | None
    text: str  # title and body as plain text


def _address_allowed(address: str) -> bool:
    if settings.FEED_ALLOW_PRIVATE_HOSTS:
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def check_url(url: str) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FeedError(f"only http and https feeds are allowed, not {parts.scheme or 'no scheme'!r}")
    host = parts.hostname
    if not host:
        raise FeedError("the feed URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError) as exc:
        raise FeedError(f"cannot resolve {host!r}: {exc}") from None
    for info in infos:
        address = str(info[4][0])
        if not _address_allowed(address):
            raise FeedError(f"{host!r} resolves to a private or local address ({address}); refused")


class _PeerCheck:
    """Mixin for http.client connections: check the address actually connected to."""

    sock: Any
    host: str

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        address = self.sock.getpeername()[0]
        if not _address_allowed(address):
            self.sock.close()
            raise FeedError(f"{self.host!r} connected to a private or local address ({address}); refused")


class _HTTPConnection(_PeerCheck, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_PeerCheck, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    # build_opener replaces the default handlers by these subclasses; ProxyHandler({})
    # disables proxies taken from the environment.
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), _HTTPHandler(), _HTTPSHandler(), _RedirectHandler()
    )


def fetch(url: str) -> bytes:
    """Download a feed under the rules above; raises :class:`FeedError`."""
    check_url(url)
    timeout = settings.FEED_TIMEOUT_SECONDS
    limit = settings.FEED_MAX_BYTES
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, headers={"User-Agent": "SummitTracker/1.0 (+feed poller)", "Accept": "application/rss+xml, */*"}
    )
    try:
        with _opener().open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FeedError(f"feed too large: {declared} bytes (limit {limit})")
            chunks, size = [], 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FeedError(f"feed too large: over {limit} bytes")
                if time.monotonic() > deadline:
                    raise FeedError(f"feed download took longer than {timeout:g} s")
                chunks.append(chunk)
            return b"".join(chunks)
    except FeedError:
        raise
    except urllib.error.HTTPError as exc:
        raise FeedError(f"feed answered HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, FeedError):
            raise exc.reason from None
        raise FeedError(f"cannot fetch feed: {exc.reason}") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise FeedError(f"cannot fetch feed: {type(exc).__name__}: {exc}") from None


def _plain(value: str) -> str:
    return html.unescape(strip_tags(value or "")).strip()


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None


def feed_items(raw: bytes) -> list[FeedItem]:
    """The items of an RSS or Atom document (bytes only: feedparser never fetches)."""
    if not isinstance(raw, bytes):
        raise FeedError("feed content must be bytes")
    parsed = feedparser.parse(raw)
    if parsed.get("bozo") and not parsed.entries:
        raise FeedError(f"not a readable feed: {parsed.get('bozo_exception')}")
    items = []
    for entry in parsed.entries[:MAX_ITEMS]:
        content = entry.get("content") or []
        body = _plain(content[0].get("value", "") if content else entry.get("summary", ""))
        title = _plain(entry.get("title", ""))
        text = f"{title}\n\n{body}".strip() if body else title
        link = str(entry.get("link", ""))[:2000]
        items.append(FeedItem(title=title[:500], link=link, published_on=_entry_date(entry), text=text))
    return items
