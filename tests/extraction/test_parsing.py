"""parse_article and parse_article_fields: both input formats and every way an input is refused."""

import datetime as dt
import hashlib
import json

import pytest

from tracker.extraction import ArticleError, ParsedArticle, parse_article, parse_article_fields


def test_inline_date_header_like_the_seed_article():
    parsed = parse_article(" date 2018-05-31 US Secretary of State Mike Pompeo met.\n\nMore text.")
    assert parsed.published_on == dt.date(2018, 5, 31)
    assert parsed.body.startswith("US Secretary of State")
    assert parsed.sha256 == hashlib.sha256(parsed.body.encode()).hexdigest()


def test_header_lines_then_blank_line():
    raw = "date 2019-02-28\nsource https://example.com/a\ntitle Talks collapse\n\nThe summit ended.\n"
    parsed = parse_article(raw.encode())
    assert parsed == ParsedArticle(
        dt.date(2019, 2, 28),
        "The summit ended.",
        "Talks collapse",
        "https://example.com/a",
        hashlib.sha256(b"The summit ended.").hexdigest(),
    )


def test_source_that_is_an_outlet_is_not_a_url():
    parsed = parse_article("date 2019-02-28\nsource Example Wire\n\nBody.")
    assert parsed.url is None and parsed.body == "Body."


def test_json_format():
    raw = json.dumps({"published_on": "2018-06-01", "text": "Kim Yong Chol visited.", "title": "T", "url": "u"})
    parsed = parse_article(raw)
    assert (parsed.published_on, parsed.body, parsed.title, parsed.url) == (
        dt.date(2018, 6, 1),
        "Kim Yong Chol visited.",
        "T",
        "u",
    )


def test_utf8_bom_is_ignored():
    assert parse_article("\ufeffdate 2018-05-31\n\nBody.".encode()).body == "Body."


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\xff\xfe\x00d\x00a", "not UTF-8"),
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        ("date 2018-05-31\n\n   \n", "no article body"),
        ("date 2018-05-31", "no article body"),
        ("date 2018-05-31\ntitle Only a title\n", "no article body"),
        ("Pompeo met Kim in New York.", "no 'date"),
        ("date 0000-00-00 Text.", "invalid publication date"),
        ("date 2018-02-30 Text.", "no such day"),
        ("date 2018-13-01 Text.", "no such day"),
        ("date 31/05/2018 Text.", "invalid publication date"),
        ("date tomorrow Text.", "invalid publication date"),
        ("date 2018-05-31\n\nbinary\x00data", "binary"),
        ('{"published_on": "2018-05-31"}', "no 'text'"),
        ('{"published_on": "2018-02-30", "text": "Body."}', "no such day"),
        ('{"published_on": null, "text": "Body."}', "no 'date"),
        ('{"published_on": "2018-05-31", "text": "   "}', "empty"),
        ('{"published_on": "2018-05-31", "text": "Body.", "title": 5}', "must be a string"),
        ("date 2018-05-31\n\n\ud800 lone surrogate", "not valid Unicode"),
    ],
)
def test_bad_inputs_raise_article_error_with_a_reason(raw, reason):
    with pytest.raises(ArticleError) as info:
        parse_article(raw, filename="x.txt")
    assert reason in info.value.reason
    assert "x.txt" in str(info.value)


def test_size_limit_counts_bytes():
    raw = ("date 2018-05-31\n\n" + "é" * 600).encode()
    assert parse_article(raw, max_bytes=2000).body
    with pytest.raises(ArticleError, match="too large"):
        parse_article(raw, max_bytes=1000)
    with pytest.raises(ArticleError, match="too large"):
        parse_article(raw.decode(), max_bytes=1000)


def test_fields_with_separate_date():
    parsed = parse_article_fields(text="Pompeo met Kim.", published_on="2018-05-31", title="T")
    assert (parsed.published_on, parsed.body, parsed.title, parsed.url) == (
        dt.date(2018, 5, 31),
        "Pompeo met Kim.",
        "T",
        None,
    )
    assert parse_article_fields(text="Body.", published_on=dt.date(2018, 5, 31)).published_on == dt.date(2018, 5, 31)


def test_fields_take_the_date_from_the_text_when_none_given():
    parsed = parse_article_fields(text="date 2018-05-31\ntitle From header\n\nBody.", published_on=None)
    assert (parsed.published_on, parsed.body, parsed.title) == (dt.date(2018, 5, 31), "Body.", "From header")


@pytest.mark.parametrize("published_on", ["2018-02-30", "", "0000-00-00", "someday"])
def test_fields_reject_bad_dates(published_on):
    with pytest.raises(ArticleError):
        parse_article_fields(text="Body.", published_on=published_on)


def test_fields_reject_oversized_and_empty_text():
    with pytest.raises(ArticleError, match="too large"):
        parse_article_fields(text="x" * 20, published_on="2018-05-31", max_bytes=10)
    with pytest.raises(ArticleError, match="empty"):
        parse_article_fields(text="  ", published_on="2018-05-31")


def test_article_error_is_a_value_error():
    assert issubclass(ArticleError, ValueError)
    assert ArticleError("why").reason == "why"
