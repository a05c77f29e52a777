"""The date resolver: expressions x publication dates, including the edges of weeks, months and years."""

import datetime as dt

import pytest

from tracker.extraction.dates import easter, find_dates, weekday_on

D = dt.date


def resolve(text: str, pub: dt.date, *, future: bool = False) -> tuple[dt.date, dt.date] | None:
    found = [d for d in find_dates(text, pub, future=future) if d.interval]
    assert found, f"nothing found in {text!r}"
    return found[0].interval.start, found[0].interval.end


CASES = [
    # British day ranges open a span at their first day: "from 18 to 20 September", "5-7 June"
    ("from 18 to 20 September", D(2018, 9, 6), True, D(2018, 9, 18), D(2018, 9, 20)),
    ("on 5-7 June", D(2019, 4, 29), True, D(2019, 6, 5), D(2019, 6, 7)),
    # (expression, publication date, future tense, expected from, expected to)
    ("on Wednesday", D(2018, 5, 31), False, D(2018, 5, 30), D(2018, 5, 30)),  # Thursday article
    ("on Thursday", D(2018, 5, 31), False, D(2018, 5, 31), D(2018, 5, 31)),  # same weekday: that day
    ("on Thursday", D(2018, 5, 31), True, D(2018, 5, 31), D(2018, 5, 31)),
    ("on Friday", D(2018, 5, 31), True, D(2018, 6, 1), D(2018, 6, 1)),  # future: next Friday
    ("on Friday", D(2018, 5, 31), False, D(2018, 5, 25), D(2018, 5, 25)),  # past: last Friday
    ("last Thursday", D(2018, 5, 31), False, D(2018, 5, 24), D(2018, 5, 24)),
    ("next Monday", D(2018, 5, 31), True, D(2018, 6, 4), D(2018, 6, 4)),
    ("on Sunday", D(2019, 7, 1), False, D(2019, 6, 30), D(2019, 6, 30)),  # across a month end
    ("on Monday", D(2018, 12, 30), True, D(2018, 12, 31), D(2018, 12, 31)),
    ("on Tuesday", D(2019, 1, 2), True, D(2019, 1, 8), D(2019, 1, 8)),
    ("on Monday", D(2019, 1, 2), False, D(2018, 12, 31), D(2018, 12, 31)),  # across a year end
    ("June 12", D(2018, 5, 31), True, D(2018, 6, 12), D(2018, 6, 12)),
    ("June 12, 2018", D(2019, 2, 28), False, D(2018, 6, 12), D(2018, 6, 12)),
    ("12 June", D(2018, 5, 31), True, D(2018, 6, 12), D(2018, 6, 12)),
    ("February 29", D(2020, 3, 10), False, D(2020, 2, 29), D(2020, 2, 29)),  # leap day
    ("February 27-28", D(2019, 3, 1), False, D(2019, 2, 27), D(2019, 2, 28)),
    ("January 3", D(2018, 12, 28), True, D(2019, 1, 3), D(2019, 1, 3)),  # next year when ahead
    ("December 30", D(2019, 1, 4), False, D(2018, 12, 30), D(2018, 12, 30)),  # last year when behind
    ("next month's summit", D(2018, 5, 31), True, D(2018, 6, 1), D(2018, 6, 30)),
    ("next month", D(2018, 12, 5), True, D(2019, 1, 1), D(2019, 1, 31)),
    ("last month", D(2019, 1, 15), False, D(2018, 12, 1), D(2018, 12, 31)),
    ("last month", D(2020, 3, 31), False, D(2020, 2, 1), D(2020, 2, 29)),
    ("earlier this month", D(2018, 5, 31), False, D(2018, 5, 1), D(2018, 5, 30)),
    ("later this month", D(2018, 5, 10), True, D(2018, 5, 11), D(2018, 5, 31)),
    ("earlier this year", D(2018, 3, 1), False, D(2018, 1, 1), D(2018, 2, 28)),
    ("last week", D(2018, 5, 31), False, D(2018, 5, 21), D(2018, 5, 27)),
    ("next week", D(2018, 9, 19), True, D(2018, 9, 24), D(2018, 9, 30)),
    ("over the weekend", D(2018, 5, 31), False, D(2018, 5, 26), D(2018, 5, 27)),
    ("over the weekend", D(2018, 6, 4), False, D(2018, 6, 2), D(2018, 6, 3)),  # Monday article
    ("this weekend", D(2018, 6, 1), True, D(2018, 6, 2), D(2018, 6, 3)),
    ("over the Easter weekend", D(2018, 4, 27), False, D(2018, 3, 31), D(2018, 4, 1)),
    ("in 2000", D(2018, 5, 31), False, D(2000, 1, 1), D(2000, 12, 31)),
    ("in February", D(2019, 7, 1), False, D(2019, 2, 1), D(2019, 2, 28)),
    ("in February", D(2018, 1, 10), False, D(2017, 2, 1), D(2017, 2, 28)),
    ("February's closing ceremony", D(2018, 5, 31), False, D(2018, 2, 1), D(2018, 2, 28)),
    ("last June", D(2019, 2, 28), False, D(2018, 6, 1), D(2018, 6, 30)),
    ("in May 2011", D(2018, 3, 28), False, D(2011, 5, 1), D(2011, 5, 31)),
    ("in late May or early June", D(2018, 4, 27), True, D(2018, 5, 21), D(2018, 6, 10)),
    ("by the end of May", D(2018, 3, 28), True, D(2018, 3, 28), D(2018, 5, 31)),
    ("in the autumn", D(2018, 4, 27), True, D(2018, 9, 1), D(2018, 11, 30)),
    ("from Sunday to Wednesday", D(2018, 3, 28), False, D(2018, 3, 25), D(2018, 3, 28)),
    ("within two to three weeks", D(2019, 7, 1), True, D(2019, 7, 1), D(2019, 7, 22)),
    ("in the coming days", D(2025, 8, 7), True, D(2025, 8, 8), D(2025, 8, 21)),
    ("in two weeks", D(2019, 3, 29), True, D(2019, 4, 9), D(2019, 4, 15)),
    ("in three days' time", D(2018, 12, 30), True, D(2019, 1, 1), D(2019, 1, 3)),
    ("on Mar. 31", D(2018, 5, 11), False, D(2018, 3, 31), D(2018, 3, 31)),
    ("on Jul. 4", D(2018, 7, 8), False, D(2018, 7, 4), D(2018, 7, 4)),
    ("over the next few days", D(2018, 12, 25), True, D(2018, 12, 26), D(2019, 1, 8)),
    ("yesterday", D(2018, 3, 1), False, D(2018, 2, 28), D(2018, 2, 28)),
    ("yesterday", D(2016, 3, 1), False, D(2016, 2, 29), D(2016, 2, 29)),
    ("tonight", D(2018, 5, 31), False, D(2018, 5, 31), D(2018, 5, 31)),
    ("tomorrow", D(2018, 12, 31), True, D(2019, 1, 1), D(2019, 1, 1)),
    ("two days ago", D(2018, 3, 1), False, D(2018, 2, 27), D(2018, 2, 27)),
]


@pytest.mark.parametrize(("text", "pub", "future", "start", "end"), CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_expression_resolves_against_publication_date(text, pub, future, start, end):
    assert resolve(text, pub, future=future) == (start, end)


@pytest.mark.parametrize(
    ("text", "offset", "hours"),
    [
        ("before reversing course 24 hours later", 1, 24),
        ("the day before", -1, -24),
        ("two days later", 2, 48),
        ("a day later", 1, 24),
    ],
)
def test_relative_expressions_are_offsets_from_another_event(text, offset, hours):
    (found,) = find_dates(text, D(2018, 5, 31))
    assert found.interval is None
    assert (found.offset_days, found.after_hours) == (offset, hours)


def test_date_before_summit_belongs_to_the_summit():
    found = find_dates("planning for a June 12 summit", D(2018, 5, 31), future=True)
    assert found[0].attached_to == "summit"


def test_modal_may_is_not_a_month():
    assert find_dates("the talks may resume", D(2018, 5, 31)) == []


def test_every_weekday_from_every_weekday():
    pub = D(2018, 5, 28)  # a Monday
    for offset in range(7):
        day = pub + dt.timedelta(days=offset)
        for weekday in range(7):
            past = weekday_on(day, weekday, future=False)
            ahead = weekday_on(day, weekday, future=True)
            assert past.weekday() == weekday and 0 <= (day - past).days <= 6
            assert ahead.weekday() == weekday and 0 <= (ahead - day).days <= 6


def test_extreme_publication_dates_do_not_overflow():
    for pub in (D(1, 1, 1), D(9999, 12, 31)):
        for text in (
            "next week",
            "last week",
            "tomorrow",
            "yesterday",
            "next year",
            "over the weekend",
            "in the autumn",
            "next month",
            "last month",
            "over the Easter weekend",
            "on Friday",
        ):
            find_dates(text, pub, future=True)
            find_dates(text, pub, future=False)


def test_easter():
    assert easter(2018) == D(2018, 4, 1)
    assert easter(2019) == D(2019, 4, 21)


def test_two_named_weekdays_are_an_exact_span_and_either_of_them_is_not():
    (both,) = find_dates("on Wednesday and Thursday", D(2019, 2, 25), future=True)
    assert (both.interval.start, both.interval.end, both.exact) == (D(2019, 2, 27), D(2019, 2, 28), True)
    (either,) = find_dates("on Wednesday or Thursday", D(2019, 2, 25), future=True)
    assert either.exact is False


def test_a_month_that_names_a_title_dates_nothing():
    assert find_dates("jointly announced the September Pyongyang Declaration", D(2018, 9, 19)) == []
    assert [d.text for d in find_dates("at the September summit", D(2018, 9, 19))] == ["September"]


def test_a_weekday_s_event_looked_forward_to_is_ahead():
    (tuesday,) = find_dates("expressed optimism for Tuesday's meeting with Kim", D(2018, 6, 11))
    assert tuesday.interval is not None and tuesday.interval.start == D(2018, 6, 12)
    (last,) = find_dates("after Tuesday's meeting with Kim", D(2018, 6, 11))
    assert last.interval is not None and last.interval.start == D(2018, 6, 5)


def test_in_a_count_of_days_is_a_day_only_ahead():
    # "met three times in two weeks" counts a span of the past; "in two days of talks" is no day either
    assert [d.interval for d in find_dates("met three times in two weeks", D(2018, 5, 31), future=False)] == []
    assert find_dates("will meet in two days of talks", D(2018, 5, 31), future=True) == []
