"""Hostile and malformed articles: the parser and the extractor never crash.

The contract (``tracker.extraction.parsing``): whatever the bytes, ``parse_article`` and
``parse_article_fields`` either return a ``ParsedArticle`` or raise ``ArticleError`` with a
readable reason. ``extract`` turns any *parsed* article into an extraction object; it
must not fail on odd text (its catch-all turns a bug into a failed article, which is
exactly what these tests are here to catch).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extraction import SCHEMA, ArticleError, ParsedArticle, extract, parse_article, parse_article_fields

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words the coder reacts to, so the fuzz reaches past the tokenizer into the rules.
TRIGGERS = [
    "Trump",
    "Kim Jong Un",
    "Secretary of State Mike Pompeo",
    "Foreign Minister Sergei Lavrov",
    "met",
    "summit",
    "cancelled",
    "reinstated",
    "on Monday",
    "earlier this month",
    "24 hours later",
    "June 12",
    "in Singapore",
    "by phone",
    "will meet",
    "he",
    "his counterpart",
    "0000-00-00",
    "9999-12-31",
    "Feb 30",
    "next year",
    "<script>alert(1)</script>",
    "&amp;",
    "\u202e",
    "\x00",
    "\r\n",
    "\t",
    "\ufeff",
    ".",
    ",",
    '"',
    "(",
    ")",
    "—",
]

hostile_text = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    st.lists(st.sampled_from(TRIGGERS) | st.text(max_size=12), max_size=60).map(" ".join),
    st.builds(lambda s, n: s * n, st.sampled_from(["a", "Kim ", "met. ", "\n", "on Monday "]), st.integers(1, 400)),
)
header_date = st.sampled_from(
    ["2018-05-31", "0000-00-00", "9999-12-31", "0001-01-01", "2018-02-30", "2018-13-01", "31/05/2018", "", "date"]
)


def _check_error(exc: ArticleError) -> None:
    assert isinstance(exc.reason, str) and exc.reason.strip()
    assert "Traceback" not in exc.reason


def _check_parsed(parsed: ParsedArticle) -> None:
    assert isinstance(parsed.published_on, dt.date)
    assert parsed.body and parsed.body == parsed.body.strip()
    assert len(parsed.sha256) == 64


def _check_extraction(parsed: ParsedArticle) -> None:
    result = extract(parsed)  # no ArticleError allowed here: the input was usable
    assert result["schema"] == SCHEMA
    for key in ("persons", "summits", "meetings", "status_changes"):
        assert isinstance(result[key], list)
    for item in result["meetings"] + result["status_changes"]:
        evidence = item.get("evidence")
        if isinstance(evidence, dict) and isinstance(evidence.get("start"), int):
            assert 0 <= evidence["start"] <= evidence["end"] <= len(parsed.body)


@FUZZ
@given(
    date=header_date,
    separator=st.sampled_from(["\n\n", "\n", " ", "\r\n\r\n", "\n\ntitle x\nurl y\n\n"]),
    body=hostile_text,
)
def test_text_format_never_crashes(date: str, separator: str, body: str) -> None:
    raw = f"date {date}{separator}{body}"
    try:
        parsed = parse_article(raw)
    except ArticleError as exc:
        _check_error(exc)
        return
    _check_parsed(parsed)
    _check_extraction(parsed)


@FUZZ
@given(raw=st.binary(max_size=600) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    try:
        parse_article(raw)
    except ArticleError as exc:
        _check_error(exc)


@FUZZ
@given(
    text=hostile_text,
    published_on=st.none() | header_date | st.dates().map(dt.date.isoformat) | st.dates(),
    title=st.none() | st.text(max_size=40),
    url=st.none() | st.text(max_size=40),
)
def test_api_fields_never_crash(text: str, published_on, title, url) -> None:
    try:
        parsed = parse_article_fields(text=text, published_on=published_on, title=title, url=url)
    except ArticleError as exc:
        _check_error(exc)
        return
    _check_parsed(parsed)
    _check_extraction(parsed)


@FUZZ
@given(published_on=st.dates(), body=hostile_text.filter(lambda t: t.strip() and "\x00" not in t))
def test_extraction_at_any_publication_date(published_on: dt.date, body: str) -> None:
    """Dates are resolved against the publication date: year 1 and year 9999 must not overflow."""
    try:
        parsed = parse_article_fields(text=body, published_on=published_on)
    except ArticleError as exc:
        _check_error(exc)
        return
    _check_extraction(parsed)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"date 2018-05-31", "no article body"),
        (b"date 2018-05-31\ntitle Only a header\nurl https://example.org/x\n", "no article body"),
        (b"date 0000-00-00\n\nKim met Moon.", "no such day"),
        (b"date 2018-02-30\n\nKim met Moon.", "no such day"),
        (b"date 31/05/2018\n\nKim met Moon.", "expected YYYY-MM-DD"),
        (b"Kim met Moon on Monday.", "no 'date YYYY-MM-DD' header"),
        (b"\xff\xfe d\x00a\x00t\x00e\x00", "not UTF-8"),
        ("date 2018-05-31\n\nKim \udcff".encode("utf-8", "surrogatepass"), "not UTF-8"),
        (b"date 2018-05-31\n\nKim\x00Moon", "NUL"),
        (b'{"text": 5}', "no 'text' string"),
        (b'{"text": "Kim met Moon.", "published_on": "9999-99-99"}', "invalid publication date"),
        (b"[" * 100_000, "no 'date YYYY-MM-DD' header"),
        (b"x" * 1_000_001, "too large"),
    ],
)
def test_unusable_input_gets_a_clear_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(ArticleError) as caught:
        parse_article(raw, filename="bad.txt")
    assert reason in caught.value.reason
    assert "bad.txt" in str(caught.value)


def test_enormous_lines_are_parsed_and_long_ones_extracted() -> None:
    # The parser is linear: a single line at the size limit is read. The extractor's cost
    # grows faster than linearly with the number of names (docs/reliability.md), so it is
    # fed lines of a few kilobytes here; the worker's time limit bounds the rest.
    for unit in ("Kim ", ".", "(", "\u202e", "President Trump, the leader, "):
        line = unit * (999_000 // len(unit.encode("utf-8")))
        parsed = parse_article(f"date 2018-05-31\n\n{line}")
        assert len(parsed.body) == len(line.strip())
        _check_extraction(parse_article_fields(text=unit * (3000 // len(unit)), published_on="2018-05-31"))


def test_extreme_but_real_publication_dates_are_accepted() -> None:
    text = "Trump will meet Kim Jong Un in Singapore on June 12, and Pompeo met Kim Yong Chol on Monday."
    for day in ("0001-01-01", "9999-12-31"):
        parsed = parse_article(f"date {day}\n\n{text}")
        assert parsed.published_on == dt.date.fromisoformat(day)
        _check_extraction(parsed)
