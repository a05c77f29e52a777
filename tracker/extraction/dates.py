"""Date expressions -> inclusive day intervals, resolved against the publication date.

News writes time relative to the day it is published ("on Wednesday", "earlier this
month", "last June"), so each expression resolves against ``published_on`` and the tense
of its clause: a weekday in a past-tense clause is the latest such day on or before
publication, in a future-tense clause the first on or after it. Expressions relative to
another event ("24 hours later", "the day before") come back as an offset in days for the
caller to anchor.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from .fastre import NEEDLES, compile_fast

WEEKDAYS: Final = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS: Final = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_ABBR: Final = {m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
NUMBERS: Final = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "a few": 3,
    "several": 5,
    "a couple of": 2,
}
SEASONS: Final = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

_WD: Final = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON: Final = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
COUNT_WORDS: Final = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    "|seventeen|eighteen|nineteen|twenty|thirty"
)
_NUM: Final = rf"(?P<num>\d+|a|an|{COUNT_WORDS}|a few|several|a couple of)"
# "1 June last year", "March this year": the year named relative to publication
_YEAR_MOD: Final = r"(?:,?\s+(?P<yearmod>last|this|next)\s+year\b)?"
_PART: Final = r"(?:\s+(?:morning|afternoon|evening|night))?"


@dataclass(frozen=True)
class Interval:
    start: dt.date
    end: dt.date

    def as_json(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def shift(self, days: int) -> Interval | None:
        start, end = add_days(self.start, days), add_days(self.end, days)
        return Interval(start, end) if start and end else None

    def overlaps(self, other: Interval) -> bool:
        return self.start <= other.end and other.start <= self.end

    def union(self, other: Interval) -> Interval:
        return Interval(min(self.start, other.start), max(self.end, other.end))


@dataclass(frozen=True)
class DateMention:
    """One expression found in a text; either an interval or an offset from another event."""

    start: int
    end: int
    text: str
    interval: Interval | None = None
    offset_days: int | None = None
    after_hours: int | None = None
    exact: bool = False
    attached_to: str | None = None


def add_days(day: dt.date, days: int) -> dt.date | None:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_interval(year: int, month: int) -> Interval | None:
    if not 1 <= year <= 9999:
        return None
    last = calendar.monthrange(year, month)[1]
    return Interval(dt.date(year, month, 1), dt.date(year, month, last))


def year_interval(year: int) -> Interval | None:
    if not 1 <= year <= 9999:
        return None
    return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31))


def weekday_on(pub: dt.date, weekday: int, *, future: bool, modifier: str = "") -> dt.date | None:
    """The weekday meant by "(last|next|this)? <weekday>" in a clause of the given tense."""
    delta_back = (pub.weekday() - weekday) % 7
    delta_fwd = (weekday - pub.weekday()) % 7
    if modifier == "last":
        return add_days(pub, -(delta_back or 7))
    if modifier == "next":
        return add_days(pub, delta_fwd or 7)
    if modifier == "this":
        return add_days(pub, weekday - pub.weekday())
    return add_days(pub, delta_fwd) if future else add_days(pub, -delta_back)


def _month_number(token: str) -> int:
    token = token.rstrip(".").lower()
    for i, name in enumerate(MONTHS):
        if name.lower() == token:
            return i + 1
    return _MONTH_ABBR[token[:4] if token.startswith("sept") else token[:3]]


def _year_for_month(pub: dt.date, month: int, *, future: bool, modifier: str = "") -> int:
    if modifier == "last":
        return pub.year if month < pub.month else pub.year - 1
    if modifier == "next":
        return pub.year if month > pub.month else pub.year + 1
    if modifier == "this":
        return pub.year
    if future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _year_for_day(pub: dt.date, month: int, day: int, *, future: bool) -> int:
    """Month-day without a year: the occurrence nearest publication, leaning by tense."""
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        date = _safe_date(year, month, day)
        if date:
            distance = (date - pub).days
            # a past clause rarely means a day months ahead, a future one a day months back
            penalty = 200 if (future and distance < -3) or (not future and distance > 3) else 0
            candidates.append((abs(distance) + penalty, year))
    return min(candidates)[1] if candidates else pub.year


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _clip_past(interval: Interval | None, pub: dt.date, future: bool) -> Interval | None:
    """ "This week" in a past clause cannot reach beyond publication, nor in a future one before it."""
    if interval is None:
        return None
    if future and interval.start < pub <= interval.end:
        return Interval(pub, interval.end)
    if not future and interval.start <= pub < interval.end:
        return Interval(interval.start, pub)
    return interval


def _number(token: str) -> int:
    token = token.lower()
    return int(token) if token.isdigit() else NUMBERS.get(token, 1)


class _Rules:
    """Ordered (regex, handler) pairs; earlier rules win where matches overlap."""

    def __init__(self) -> None:
        self.rules: list[tuple[re.Pattern[str], str, int]] = []
        self.bits = 0
        self._also: list[int] = []
        # the rules one set of needles wakes, in order: a handful of sets recur across clauses
        self._woken: dict[int, list[tuple[re.Pattern[str], str, int]]] = {}

    def add(self, pattern: str, handler: str, flags: int = re.IGNORECASE, *, also: tuple[str, ...] = ()) -> None:
        """``also``: a second set of needles, one of which every match holds too (a weekday range
        names two days, and "from" or "between" before them): both sets must occur."""
        bits = NEEDLES.mask(_NEEDLES[handler])
        also_bits = NEEDLES.mask(also) if also else 0
        self.rules.append((compile_fast(pattern, flags, prefilter=False), handler, bits))
        self._also.append(also_bits)
        self.bits |= bits | also_bits
        self._woken = {}

    def woken(self, present: int) -> list[tuple[re.Pattern[str], str, int]]:
        """The rules, in order, that the needles in ``present`` wake (never modified)."""
        key = present & self.bits
        found = self._woken.get(key)
        if found is None:
            if len(self._woken) >= 4096:  # hostile text: bound the memory, not the answer
                self._woken = {}
            found = self._woken[key] = [
                rule
                for rule, also in zip(self.rules, self._also, strict=True)
                if key & rule[2] and (not also or key & also)
            ]
        return found


# A rule runs only when one of its needles occurs in the lowercased text: most clauses
# carry no date at all, and this keeps the resolver cheap on them.
# every spelling _MON accepts, so "summary" or "separately" does not wake the month rules
_MONTH_NEEDLES: Final = (
    *(m.lower() for m in MONTHS),
    *("jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."),
)
# every weekday _WD names in full: "day" alone also wakes the weekday rules for "days" and "today"
_WEEKDAY_NEEDLES: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NEEDLES: dict[str, tuple[str, ...]] = {
    "weekday_range": _WEEKDAY_NEEDLES,
    "month_day": _MONTH_NEEDLES,
    "day_month": _MONTH_NEEDLES,
    "by_end": ("end of",),
    "month_part": _MONTH_NEEDLES,
    "month": _MONTH_NEEDLES,
    "year": ("18", "19", "20"),  # the first two digits of every year the rule reads
    "deictic": (
        "today",
        "tonight",
        "this morning",
        "this afternoon",
        "this evening",
        "yesterday",
        "last night",
        "tomorrow",
    ),
    "earlier_later": ("earlier", "later"),
    "relative_unit": ("week", "month", "year"),
    "weekend": ("weekend",),
    "easter": ("easter",),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "within": ("within",),
    "in_span": ("days", "weeks", "day", "week"),
    "coming_days": ("coming days", "next few days", "next several days"),
    "past_span": ("past", "last"),
    "ago": ("ago",),
    "relative_day": (
        "day before",
        "previous day",
        "day earlier",
        "next day",
        "following day",
        "day later",
        "day after",
    ),
    "relative_span": ("later", "earlier", "afterwards"),
    "weekday": _WEEKDAY_NEEDLES,
}


RULES: Final = _Rules()
RULES.add(
    rf"\b(?:on\s+)?{_WD}\s+(?:and|or)\s+(?P<wd2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    "weekday_range",
    also=("and", "or"),
)
RULES.add(
    rf"\b(?:from|between)\s+{_WD}\s+(?:to|and|until|through)\s+(?P<wd2>Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday)\b",
    "weekday_range",
    also=("from", "between"),
)
RULES.add(
    rf"\b{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|\u2013|and|to)\s*(?P<day2>\d{{1,2}}))?"
    rf"(?:,?\s+(?P<year>\d{{4}}))?(?!\d){_YEAR_MOD}",
    "month_day",
    0,
)
RULES.add(
    rf"\b(?:(?P<day0>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|\u2013|and|to)\s*)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON}(?:,?\s+(?P<year>\d{{4}}))?{_YEAR_MOD}",
    "day_month",
    0,
)
RULES.add(rf"\bby the end of (?:{_MON}|(?P<unit>the month|the year|this month|this year))", "by_end")
RULES.add(
    rf"\b(?P<part>early|mid|late|the end of|end of|the beginning of|beginning of|the middle of)[\s-]+{_MON}"
    r"(?:\s+(?P<year>\d{4}))?(?:\s+or\s+(?P<part2>early|mid|late)[\s-]+(?P<mon2>January|February|March|April|May"
    r"|June|July|August|September|October|November|December))?",
    "month_part",
)
RULES.add(
    # not a month that names a title: "the September Pyongyang Declaration"
    rf"\b(?:(?<=\bthe )(?P<the>))?+(?:(?P<mod>last|next|this)\s+)?{_MON}(?:,?\s+(?P<year>\d{{4}}))?{_YEAR_MOD}"
    r"(?:['\u2019]s)?(?!\s*\d)(?(the)(?!\s+[A-Z]))",
    "month",
    0,
)
RULES.add(r"\b(?:(?:in|of|during|by|until)\s+)(?P<year>(?:1[89]|20)\d{2})\b(?!\s*[-\u2013]\s*\d)", "year")
RULES.add(
    r"\b(?P<when>today|tonight|this morning|this afternoon|this evening|yesterday|last night|tomorrow)\b", "deictic"
)
RULES.add(r"\b(?P<which>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)\b", "earlier_later")
RULES.add(
    r"\b(?P<mod>last|next|this|the past|the previous|the coming)\s+(?P<unit>week|month|year)(?:['\u2019]s)?\b",
    "relative_unit",
)
RULES.add(
    r"\b(?:(?:over|at|during|on)\s+)?(?P<mod>the|this|last|next|that)\s+(?P<easter>Easter\s+)?weekend\b", "weekend"
)
RULES.add(r"\b(?:over|at|during|on)\s+Easter\b", "easter")
RULES.add(r"\b(?:in|during|this|last|next)\s+(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\b", "season")
RULES.add(
    rf"\bwithin\s+(?:{_NUM}(?:\s+(?:to|or)\s+(?P<num2>\d+|two|three|four|five|six|seven|eight|nine|ten))?)\s+"
    r"(?P<unit>days?|weeks?|months?)\b",
    "within",
)
# "will travel to the United States in two weeks": about that many days on (told ahead only)
RULES.add(rf"\bin\s+{_NUM}\s+(?P<unit>days?|weeks?)(?:['\u2019]?\s+time)?\b(?!\s+of\b)", "in_span")
RULES.add(r"\b(?:in\s+|over\s+)?(?:the\s+)?(?:coming|next\s+(?:few|several))\s+days\b", "coming_days")
RULES.add(rf"\b(?:in|over)\s+the\s+(?:past|last)\s+(?:{_NUM}\s+)?(?P<unit>days?|weeks?|months?)\b", "past_span")
RULES.add(rf"\b{_NUM}\s+(?P<unit>days?|weeks?)\s+ago\b", "ago")
RULES.add(
    r"\b(?P<rel>the day before|the previous day|a day earlier|the next day|the following day|a day later"
    r"|the day after)\b",
    "relative_day",
)
RULES.add(rf"\b{_NUM}\s+(?P<unit>hours?|days?)\s+(?P<dir>later|earlier|afterwards)\b", "relative_span")
RULES.add(rf"\b(?:(?:on|by|until|since)\s+)?(?:(?P<mod>last|next|this)\s+)?{_WD}(?:['\u2019]s)?{_PART}\b", "weekday")


_YEAR_STEP: Final = {"last": -1, "this": 0, "next": 1}
_COMING_DAYS: Final = 14


_OR: Final = re.compile(r"\bor\b")


def _handle(kind: str, m: re.Match[str], pub: dt.date, future: bool) -> DateMention | None:
    g = m.groupdict()
    interval: Interval | None = None
    exact = False
    if kind == "weekday_range":
        first = weekday_on(pub, WEEKDAYS.index(g["wd"].lower()), future=future)
        last = weekday_on(pub, WEEKDAYS.index(g["wd2"].lower()), future=future)
        if first and last:
            if first > last:
                first = add_days(first, -7) if not future else first
                last = last if not future else add_days(last, 7)
            if first and last:
                interval = Interval(first, last)
                # "on Wednesday and Thursday" names its days as "on February 27 and 28" does: a two-
                # or three-day event is dated exactly; "Wednesday or Thursday" is still a guess
                exact = interval.days <= 3 and not _OR.search(m.group(0))
    elif kind in ("month_day", "day_month"):
        month, day = _month_number(g["mon"]), int(g["day"])
        if g.get("year"):
            year = int(g["year"])
        elif g.get("yearmod"):
            year = pub.year + _YEAR_STEP[g["yearmod"].lower()]
        else:
            year = _year_for_day(pub, month, day, future=future)
        first = _safe_date(year, month, day)
        last = _safe_date(year, month, int(g["day2"])) if g.get("day2") else first
        if g.get("day0"):
            # "from 18 to 20 September" (British order) spans from its first day, as "September 18-20" does
            first, last = _safe_date(year, month, int(g["day0"])), first
        if first and last and last >= first:
            interval, exact = Interval(first, last), True
    elif kind == "month_part":
        interval = _month_part(g["part"], _month_number(g["mon"]), g.get("year"), pub, future)
        if interval and g.get("mon2"):
            month2 = _month_number(g["mon2"])
            year2 = interval.start.year + (1 if month2 < interval.start.month else 0)
            other = _month_part(g["part2"], month2, str(year2), pub, future)
            interval = interval.union(other) if other else interval
    elif kind == "by_end":
        unit = (g.get("unit") or "").lower()
        if g.get("mon"):
            month = _month_number(g["mon"])
            span = month_interval(_year_for_month(pub, month, future=True), month)
        else:
            span = month_interval(pub.year, pub.month) if unit.endswith("month") else year_interval(pub.year)
        if span and span.end >= pub:
            interval = Interval(pub, span.end)
    elif kind == "month":
        month = _month_number(g["mon"])
        if g.get("year"):
            year = int(g["year"])
        elif g.get("yearmod"):
            year = pub.year + _YEAR_STEP[g["yearmod"].lower()]
        else:
            year = _year_for_month(pub, month, future=future, modifier=(g.get("mod") or "").lower())
        interval = month_interval(year, month)
    elif kind == "year":
        interval = year_interval(int(g["year"]))
    elif kind == "deictic":
        when = g["when"].lower()
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(when, 0)
        that_day = add_days(pub, offset)
        interval, exact = (Interval(that_day, that_day), True) if that_day else (None, False)
    elif kind == "earlier_later":
        interval = _earlier_later(g["which"].lower(), g["unit"].lower(), pub)
    elif kind == "relative_unit":
        interval = _relative_unit(g["mod"].lower(), g["unit"].lower(), pub, future)
    elif kind == "weekend":
        interval = _weekend(pub, (g.get("mod") or "").lower(), future, easter_weekend=bool(g.get("easter")))
    elif kind == "easter":
        year = pub.year if future or easter(pub.year) <= pub else pub.year - 1
        sunday = easter(year) if 1 <= year <= 9999 else None
        interval = Interval(sunday, sunday) if sunday else None
    elif kind == "season":
        interval = _season(g["season"].lower(), m.group(0).split()[0].lower(), pub, future)
    elif kind == "within":
        upper = _number(g["num2"]) if g.get("num2") else _number(g["num"])
        end = add_days(pub, upper * _unit_days(g["unit"]))
        interval = Interval(pub, end) if end else None
    elif kind == "in_span":
        if not future or g["num"].lower() in ("a few", "several", "a couple of"):
            return None  # "met twice in two weeks" is a span of the past, not a day
        days = _number(g["num"]) * _unit_days(g["unit"])
        slack = 1 if days < 7 else 3  # "in two weeks" is a fortnight give or take a few days
        start, end = add_days(pub, days - slack), add_days(pub, days + slack)
        interval = Interval(start, end) if start and end else None
    elif kind == "coming_days":
        # "a meeting in the coming days": within a fortnight, not today
        start, end = add_days(pub, 1), add_days(pub, _COMING_DAYS)
        interval = Interval(start, end) if start and end else None
    elif kind == "past_span":
        count = _number(g["num"]) if g.get("num") else 1
        start = add_days(pub, -count * _unit_days(g["unit"]))
        interval = Interval(start, pub) if start else None
    elif kind == "ago":
        that_day = add_days(pub, -_number(g["num"]) * _unit_days(g["unit"]))
        interval = Interval(that_day, that_day) if that_day else None
    elif kind == "relative_day":
        rel = g["rel"].lower()
        offset = -1 if rel in ("the day before", "the previous day", "a day earlier") else 1
        return DateMention(m.start(), m.end(), m.group(0), offset_days=offset, after_hours=24 * offset)
    elif kind == "relative_span":
        count = _number(g["num"])
        sign = -1 if g["dir"].lower() == "earlier" else 1
        if g["unit"].lower().startswith("hour"):
            return DateMention(
                m.start(), m.end(), m.group(0), offset_days=sign * max(1, round(count / 24)), after_hours=sign * count
            )
        return DateMention(m.start(), m.end(), m.group(0), offset_days=sign * count, after_hours=sign * 24 * count)
    elif kind == "weekday":
        weekday = WEEKDAYS.index(g["wd"].lower())
        that_day = weekday_on(pub, weekday, future=future, modifier=(g.get("mod") or "").lower())
        interval, exact = (Interval(that_day, that_day), True) if that_day else (None, False)
    if interval is None:
        return None
    return DateMention(m.start(), m.end(), m.group(0), interval=interval, exact=exact)


def _unit_days(unit: str) -> int:
    unit = unit.lower()
    return 1 if unit.startswith("day") else 7 if unit.startswith("week") else 30


def _month_part(part: str, month: int, year_text: str | None, pub: dt.date, future: bool) -> Interval | None:
    year = int(year_text) if year_text else _year_for_month(pub, month, future=future)
    span = month_interval(year, month)
    if span is None:
        return None
    last = span.end.day
    part = part.lower()
    if part in ("early", "the beginning of", "beginning of"):
        return Interval(span.start, span.start.replace(day=10))
    if part in ("mid", "the middle of"):
        return Interval(span.start.replace(day=11), span.start.replace(day=20))
    if part in ("the end of", "end of"):
        return Interval(span.start.replace(day=max(1, last - 6)), span.end)
    return Interval(span.start.replace(day=21), span.end)


def _earlier_later(which: str, unit: str, pub: dt.date) -> Interval | None:
    if unit == "month":
        span = month_interval(pub.year, pub.month)
    elif unit == "year":
        span = year_interval(pub.year)
    else:
        monday = add_days(pub, -pub.weekday())
        sunday = add_days(pub, 6 - pub.weekday())
        span = Interval(monday, sunday) if monday and sunday else None
    if span is None:
        return None
    if which == "earlier":
        before = add_days(pub, -1)
        return Interval(span.start, max(span.start, before)) if before else None
    after = add_days(pub, 1)
    return Interval(min(after, span.end), span.end) if after else None


def _relative_unit(mod: str, unit: str, pub: dt.date, future: bool) -> Interval | None:
    step = {"last": -1, "the past": -1, "the previous": -1, "next": 1, "the coming": 1, "this": 0}[mod]
    if mod in ("the past",) and unit == "week":
        start = add_days(pub, -7)
        return Interval(start, pub) if start else None
    if unit == "week":
        monday = add_days(pub, -pub.weekday() + 7 * step)
        sunday = add_days(monday, 6) if monday else None
        if step == -1 and pub.weekday() >= 5:
            # a weekend edition's "last week" may be the working week now ending as well
            sunday = add_days(pub, -1)
        span = Interval(monday, sunday) if monday and sunday else None
    elif unit == "month":
        index = pub.year * 12 + pub.month - 1 + step
        span = month_interval(index // 12, index % 12 + 1)
    else:
        span = year_interval(pub.year + step)
    return _clip_past(span, pub, future) if step == 0 else span


def _weekend(pub: dt.date, mod: str, future: bool, *, easter_weekend: bool) -> Interval | None:
    if easter_weekend:
        year = pub.year if future or easter(pub.year) <= pub else pub.year - 1
        if not 1 <= year <= 9999:
            return None
        easter_day = easter(year)
        easter_eve = add_days(easter_day, -1)
        return Interval(easter_eve, easter_day) if easter_eve else None
    if mod == "next" or (future and mod in ("the", "this")):
        saturday = add_days(pub, (5 - pub.weekday()) % 7 or 7)
    elif pub.weekday() == 6 and mod in ("the", "this", "that"):
        saturday = add_days(pub, -1)  # a Sunday article's "this weekend" is the one now ending
    else:
        saturday = add_days(pub, -((pub.weekday() - 5) % 7 or 7))
    sunday = add_days(saturday, 1) if saturday else None
    return Interval(saturday, sunday) if saturday and sunday else None


def _season(season: str, modifier: str, pub: dt.date, future: bool) -> Interval | None:
    first, last = SEASONS[season]
    year = pub.year
    if modifier == "last" or (not future and modifier not in ("next", "this") and first > pub.month and first != 12):
        year -= 1
    elif modifier == "next" or (future and last < pub.month and first != 12):
        year += 1
    start = _safe_date(year, first, 1)
    end_year = year + 1 if first > last else year
    end_span = month_interval(end_year, last) if 1 <= end_year <= 9999 else None
    return Interval(start, end_span.end) if start and end_span else None


def find_dates(text: str, pub: dt.date, *, future: bool = False) -> list[DateMention]:
    """All date expressions in ``text``, left to right, without overlaps."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # one scan of the shared needle index answers for every rule (see fastre.NeedleIndex)
    present = NEEDLES.present(text)
    if not present & RULES.bits:
        return found
    for regex, kind, _ in RULES.woken(present):  # in order, those woken
        for m in regex.finditer(text):
            if taken and any(m.start() < end and start < m.end() for start, end in taken):
                continue
            # "expressed optimism for Tuesday's meeting with Kim": a weekday's event looked forward to is
            # ahead, whatever the tense of the clause
            ahead = future or (
                kind == "weekday"
                and _LOOKED_FORWARD.search(text, max(0, m.start() - 12), m.start()) is not None
                and m.group(0).endswith(("'s", "\u2019s"))
                and _POSSESSIVE_EVENT.match(text, m.end()) is not None
            )
            try:
                mention = _handle(kind, m, pub, ahead)
            except (ValueError, OverflowError, KeyError):
                mention = None
            if mention is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(_attach(mention, text))
    return sorted(found, key=lambda d: d.start)


_LOOKED_FORWARD: Final = re.compile(r"\b(?:for|ahead\s+of|before|toward|towards)\s+$")
_POSSESSIVE_EVENT: Final = re.compile(r"\s+(?:[\w-]+\s+)?(?:summit|meeting|talks|visit)\b")


# matched at a date's end (match anchors it there; "\A" would hold only at the string's start)
_ATTACHED: Final = re.compile(
    r"(?:['\u2019]s)?\s+(?:(?!(?:before|after|for|of|the|a|an|to|in|at|on|with|and|that|his|her|their|its|which|who"
    r"|was|were|is|are|will|would)\s)[a-z-]+['\u2019]?\s+){0,2}?"  # "a June 12 leaders' summit"
    r"(summit|meeting|talks|visit|trip|news conference)\b"
)


def _attach(mention: DateMention, text: str) -> DateMention:
    """ "a June 12 summit", "next month's summit": the date belongs to that noun, not the clause."""
    m = _ATTACHED.match(text, mention.end)  # as on text[mention.end:], without the copy
    if not m:
        return mention
    return DateMention(
        mention.start,
        mention.end,
        mention.text,
        mention.interval,
        mention.offset_days,
        mention.after_hours,
        mention.exact,
        attached_to=m.group(1),
    )


# A wire dateline with the day the story was filed: "SEOUL, June 30 (Yonhap) --", "WASHINGTON, Jan. 19
# (Yonhap)", "Washington/Seoul (dpa),Jun 1 2018 -". A page dated the day after prints the agency's copy
# as filed: its "on Friday" is told from the dateline's day, not the page's.
_DATELINE_PLACE: Final = (
    r"[A-Z][A-Za-z.'-]+(?:[ /-][A-Z][A-Za-z.'-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
)
_DATELINE_MONTH_DAY: Final = (
    r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+"
    r"(?P<day>\d{1,2})(?:,?\s+(?P<year>\d{4}))?"
)
_DATELINE_DAY: Final = re.compile(
    rf"^{_DATELINE_PLACE}\s*(?:\([A-Za-z .]+\)\s*)?,\s*{_DATELINE_MONTH_DAY}\s*(?:\(|/|-|\u2013|\u2014)", re.MULTILINE
)
# the dateline alone, as a sentence's first clause ("NEW YORK, May 31" before "(UPI) --"): it dates no event
DATELINE_CLAUSE: Final = re.compile(rf"{_DATELINE_PLACE},\s*{_DATELINE_MONTH_DAY}\s*\Z")
DATELINE_REACH: Final = 3  # days: a page put up later than that reprints old news as old news


def dateline_day(body: str, published_on: dt.date) -> dt.date | None:
    """The filing day a wire dateline near the top gives, when it is a day or few before ``published_on``."""
    m = _DATELINE_DAY.search(body, 0, 600)
    if m is None:
        return None
    month = _MONTH_ABBR[m.group("month").lower()]
    year = int(m.group("year")) if m.group("year") else published_on.year - (1 if month > published_on.month else 0)
    try:
        day = dt.date(year, month, int(m.group("day")))
    except ValueError:
        return None
    if published_on - dt.timedelta(days=DATELINE_REACH) <= day < published_on:
        return day
    return None
