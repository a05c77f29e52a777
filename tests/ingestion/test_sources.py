"""Ways in besides the API: feeds from a real local HTTP server, the inbox folder, and the
``ingest`` command. Feed safety rules are checked against real sockets and redirects."""

import threading
import time
from datetime import UTC, date, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from tests.ingestion.conftest import LAVROV_WANG_MONDAY, SEED_ARTICLE
from tracker import feeds, ingestion
from tracker.models import Article

pytestmark = pytest.mark.django_db


def rss(items: list[tuple[str, str, date, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link>"
        f"<pubDate>{format_datetime(datetime(d.year, d.month, d.day, 9, tzinfo=UTC))}</pubDate>"
        f"<description><![CDATA[<p>{text}</p>]]></description></item>"
        for title, link, d, text in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{entries}</channel></rss>'.encode()


class FeedServer:
    """A real HTTP server on 127.0.0.1 in a thread; ``routes`` maps paths to responses."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.hits = 0
        routes, server = self.routes, self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.hits += 1
                status, headers, body = routes.get(self.path, (404, {}, b"not found"))
                if headers.get("X-Delay"):
                    time.sleep(float(headers["X-Delay"]))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server():
    server = FeedServer()
    yield server
    server.close()


ITEMS = [
    ("Lavrov in Beijing", "https://wire.example/1", date(2018, 4, 25),
     "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Beijing on Monday."),
    ("Pompeo in New York", "https://wire.example/2", date(2018, 5, 31),
     "US Secretary of State Mike Pompeo met Kim Yong Chol in New York on Wednesday."),
]  # fmt: skip


def test_a_local_feed_is_ingested_once_however_many_polls(
    seeded, feed_server, allow_local_feeds, django_capture_on_commit_callbacks
):
    feed_server.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss(ITEMS))
    url = f"{feed_server.url}/feed.xml"

    with django_capture_on_commit_callbacks(execute=True):
        first = ingestion.feeds_poll([url])
    again = ingestion.feeds_poll([url])

    assert first[url] == {"new": 2, "duplicate": 0, "failed": []}
    assert again[url] == {"new": 0, "duplicate": 2, "failed": []}
    articles = Article.objects.filter(via="feed").order_by("url")
    assert [a.url for a in articles] == ["https://wire.example/1", "https://wire.example/2"]
    assert all(a.status == "done" for a in articles)  # eager Celery: processed at commit
    assert articles[0].body.startswith("Lavrov in Beijing\n\nRussian Foreign Minister")
    assert "<p>" not in articles[0].body

    extra = ("New", "https://wire.example/3", date(2018, 6, 1), "Kim Yong Chol met Donald Trump at the White House.")
    feed_server.routes["/feed.xml"] = (200, {}, rss([*ITEMS, extra]))
    assert ingestion.feeds_poll([url])[url]["new"] == 1


def test_loopback_and_private_targets_are_refused_unless_allowed(feed_server, settings):
    feed_server.routes["/feed.xml"] = (200, {}, rss(ITEMS))
    settings.FEED_ALLOW_PRIVATE_HOSTS = False
    for url in (f"{feed_server.url}/feed.xml", "http://localhost/feed", "http://10.0.0.8/feed", "http://[::1]/",
                "http://169.254.169.254/latest/meta-data/"):  # fmt: skip
        with pytest.raises(feeds.FeedError, match="private or local"):
            feeds.fetch(url)
    assert feed_server.hits == 0
    for url in ("file:///etc/passwd", "ftp://example.com/feed", "gopher://x/", "http:///nohost"):
        with pytest.raises(feeds.FeedError):
            feeds.fetch(url)


def test_a_redirect_to_a_private_address_is_refused(feed_server, settings):
    feed_server.routes["/hop"] = (302, {"Location": "http://10.1.2.3/internal"}, b"")
    feed_server.routes["/to-ftp"] = (302, {"Location": "ftp://example.com/feed"}, b"")
    settings.FEED_ALLOW_PRIVATE_HOSTS = True  # the first hop is the local test server
    original = feeds._address_allowed
    # From here on only the test server itself is allowed: the redirect target must be checked.
    settings.FEED_ALLOW_PRIVATE_HOSTS = False
    try:
        feeds._address_allowed = lambda address: address == "127.0.0.1"
        with pytest.raises(feeds.FeedError, match="private or local address"):
            feeds.fetch(f"{feed_server.url}/hop")
        with pytest.raises(feeds.FeedError, match="only http and https"):
            feeds.fetch(f"{feed_server.url}/to-ftp")
    finally:
        feeds._address_allowed = original
    assert feed_server.hits == 2


def test_size_cap_timeout_and_http_errors(feed_server, allow_local_feeds):
    allow_local_feeds.FEED_MAX_BYTES = 1000
    allow_local_feeds.FEED_TIMEOUT_SECONDS = 0.3
    feed_server.routes["/big"] = (200, {}, b"x" * 5000)
    feed_server.routes["/slow"] = (200, {"X-Delay": "1.5"}, rss(ITEMS))
    feed_server.routes["/gone"] = (410, {}, b"gone")
    with pytest.raises(feeds.FeedError, match="too large"):
        feeds.fetch(f"{feed_server.url}/big")
    with pytest.raises(feeds.FeedError, match="cannot fetch feed"):
        feeds.fetch(f"{feed_server.url}/slow")
    with pytest.raises(feeds.FeedError, match="HTTP 410"):
        feeds.fetch(f"{feed_server.url}/gone")
    # One bad feed does not stop the others.
    results = ingestion.feeds_poll([f"{feed_server.url}/gone", f"{feed_server.url}/big"])
    assert set(results) == {f"{feed_server.url}/gone", f"{feed_server.url}/big"}
    assert all("error" in r for r in results.values())


def test_feed_items_without_a_date_fail_with_a_reason_and_the_rest_are_stored(db, feed_server, allow_local_feeds):
    undated = b"<item><title>Undated</title><link>https://wire.example/u</link><description>Met.</description></item>"
    body = rss(ITEMS[:1]).replace(b"</channel>", undated + b"</channel>")
    feed_server.routes["/f"] = (200, {}, body)
    report = ingestion.feed_poll(f"{feed_server.url}/f")
    assert report.new == 1
    assert report.failed == ["https://wire.example/u: the item has no publication date"]


def test_the_inbox_stores_files_once_and_moves_them(seeded, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "seed.txt").write_bytes(SEED_ARTICLE.read_bytes())
    (inbox / "again.txt").write_bytes(SEED_ARTICLE.read_bytes())
    (inbox / "bad.txt").write_bytes(b"\x00\x01binary")
    (inbox / "partial.txt.part").write_text(LAVROV_WANG_MONDAY)

    report = ingestion.inbox_poll(inbox)

    assert (report.new, report.duplicate) == (1, 1)
    (failure,) = report.failed
    assert failure.startswith("bad.txt: ") and "text" in failure
    assert sorted(p.name for p in (inbox / "done").iterdir()) == ["again.txt", "seed.txt"]
    assert (inbox / "failed" / "bad.txt").exists()
    assert (inbox / "failed" / "bad.txt.reason.txt").read_text().strip() == report.failed[0].removeprefix("bad.txt: ")
    assert [p.name for p in ingestion.inbox_files(inbox)] == []
    assert (inbox / "partial.txt.part").exists()
    assert Article.objects.filter(via="inbox").count() == 1
    assert ingestion.inbox_poll(inbox).as_dict() == {"new": 0, "duplicate": 0, "failed": []}


def test_the_ingest_command_summarises_and_fails_naming_the_file(
    seeded, tmp_path, capsys, django_capture_on_commit_callbacks
):
    folder = tmp_path / "articles"
    (folder / "nested").mkdir(parents=True)
    (folder / "seed.txt").write_bytes(SEED_ARTICLE.read_bytes())
    (folder / "nested" / "copy.txt").write_bytes(SEED_ARTICLE.read_bytes())
    (folder / "lavrov.json").write_text('{"published_on": "2018-04-25", "text": "Sergei Lavrov met Wang Yi."}')
    (folder / "empty.txt").write_text("")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CommandError, match="2 file"):
        call_command("ingest", str(folder), str(tmp_path / "missing.txt"), verbosity=0)
    out, err = capsys.readouterr()

    assert "2 new, 1 duplicate, 2 failed" in out
    assert f"{folder / 'empty.txt'}: empty file" in err
    assert f"{tmp_path / 'missing.txt'}: no such file or folder" in err
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}

    call_command("ingest", str(folder / "seed.txt"), verbosity=0)
    assert "0 new, 1 duplicate, 0 failed" in capsys.readouterr().out
