"""Valid time: when something happened in the world, as an interval with a precision.

News rarely gives exact times, so a fact's valid time is an inclusive interval
``[earliest, latest]``: an exact time has ``earliest == latest``; "on May 24" is the
whole UTC day; "earlier this month" may span weeks. All datetimes are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

PRECISIONS = ("exact", "minute", "hour", "day", "month", "year", "range")
_ONE_MICRO = timedelta(microseconds=1)


def aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetimes are not allowed; give a timezone")
    return value.astimezone(UTC)


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def end_of_day(day: date) -> datetime:
    return start_of_day(day) + timedelta(days=1) - _ONE_MICRO


@dataclass(frozen=True, order=True)
class ValidTime:
    earliest: datetime
    latest: datetime
    precision: str = "exact"

    def __post_init__(self) -> None:
        object.__setattr__(self, "earliest", aware(self.earliest))
        object.__setattr__(self, "latest", aware(self.latest))
        if self.latest < self.earliest:
            raise ValueError("valid time: latest is before earliest")
        if self.precision not in PRECISIONS:
            raise ValueError(f"valid time: unknown precision {self.precision!r}")

    @classmethod
    def at(cls, moment: datetime, precision: str = "exact") -> ValidTime:
        return cls(moment, moment, precision)

    @classmethod
    def on_day(cls, day: date) -> ValidTime:
        return cls(start_of_day(day), end_of_day(day), "day")

    @classmethod
    def between_days(cls, first: date, last: date) -> ValidTime:
        if first == last:
            return cls.on_day(first)
        return cls(start_of_day(first), end_of_day(last), "range")

    @classmethod
    def within_hour(cls, moment: datetime) -> ValidTime:
        start = aware(moment).replace(minute=0, second=0, microsecond=0)
        return cls(start, start + timedelta(hours=1) - _ONE_MICRO, "hour")

    @property
    def is_exact(self) -> bool:
        return self.earliest == self.latest

    @property
    def width(self) -> timedelta:
        return self.latest - self.earliest

    @property
    def midpoint(self) -> datetime:
        return self.earliest + (self.latest - self.earliest) / 2

    def shifted(self, hours: float) -> ValidTime:
        delta = timedelta(hours=hours)
        return ValidTime(self.earliest + delta, self.latest + delta, self.precision)

    def definitely_before_or_at(self, moment: datetime) -> bool:
        return self.latest <= moment

    def possibly_before_or_at(self, moment: datetime) -> bool:
        return self.earliest <= moment

    def overlaps(self, other: ValidTime) -> bool:
        return self.earliest <= other.latest and other.earliest <= self.latest

    def to_dict(self) -> dict[str, Any]:
        return {"earliest": self.earliest.isoformat(), "latest": self.latest.isoformat(), "precision": self.precision}

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> ValidTime:
        return cls(
            datetime.fromisoformat(value["earliest"]),
            datetime.fromisoformat(value["latest"]),
            value.get("precision", "range"),
        )


def hours_between(earlier: ValidTime, later: ValidTime) -> float:
    """Elapsed hours between two uncertain times, midpoint to midpoint."""
    return round((later.midpoint - earlier.midpoint).total_seconds() / 3600, 2)
