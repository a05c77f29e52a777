"""Whatever the input, parse_article and extract raise nothing but ArticleError."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extraction import ArticleError, extract, parse_article, parse_article_fields

WORDS = st.sampled_from(
    [
        "Kim",
        "Kim Jong Un",
        "Pompeo",
        "met",
        "on Wednesday",
        "the summit",
        "cancelled",
        "24 hours later",
        "\u201c",
        "\u201d",
        '"',
        ",",
        ".",
        " and ",
        "the two leaders",
        "he",
        "his",
        "in Pyongyang",
        "next week",
        "June 12",
        "<b>",
        "</p>",
        "&amp;",
        "\x07",
        "\u200b",
        "\ufeff",
        "\n\n",
        "President",
        "Vice Marshal",
        "'s",
        "\u2019s",
        "who",
        "letter from",
        "by telephone",
        "did not meet",
        "if",
        "Mr.",
        "U.S.",
        "(",
        ")",
        "\u2014",
        ";",
        "every",
        "Moon",
    ]
)
TEXT = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))
DATES = st.sampled_from(["2018-05-31", "0000-00-00", "9999-12-31", "0001-01-01", "2018-02-30", "2020-02-29", "x", ""])
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(raw: bytes | str) -> None:
    try:
        article = parse_article(raw)
    except ArticleError:
        return
    result = extract(article)
    assert result["article"]["sha256"] == article.sha256


@FUZZ
@given(date=DATES, text=TEXT, inline=st.booleans())
def test_text_articles(date, text, inline):
    check(f"date {date}{' ' if inline else chr(10)}{text}")


@FUZZ
@given(raw=st.binary(max_size=300))
def test_random_bytes(raw):
    check(raw)
    check(b"date 2018-05-31\n\n" + raw)


@FUZZ
@given(text=st.text(max_size=300))
def test_random_unicode(text):
    check(text)
    check("date 9999-12-31\n\n" + text)


@settings(max_examples=20, deadline=None)
@given(date=DATES, text=TEXT)
def test_fields(date, text):
    try:
        article = parse_article_fields(text=text, published_on=date or None)
    except ArticleError:
        return
    extract(article)


def test_a_summit_held_at_either_end_of_the_calendar_is_extracted():
    # the summit builder's "day before" and "background" windows stop at the first day there is
    for pub in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        result = extract(
            parse_article_fields(
                text="President Donald Trump met South Korean President Moon Jae-in on Monday. Trump met Moon again.",
                published_on=pub,
            )
        )
        assert result["meetings"]


def test_enormous_line_and_header_only():
    check("date 2018-05-31\n\n" + "Kim met Pompeo on Wednesday and " * 5000)
    check("date 2018-05-31\n" + "x" * 200_000)
    check("date 2018-05-31")
    check("date 2018-05-31\ntitle t\nsource s\n")
    for pub in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        extract(
            parse_article_fields(
                text="Pompeo met Kim Jong Un next week, over the weekend, tomorrow and "
                "on Friday, before reversing course 24 hours later.",
                published_on=pub,
            )
        )
