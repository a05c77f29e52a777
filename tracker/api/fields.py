"""Input parsing shared by the views: safe text, times in query strings, valid times in bodies.

Times in query strings (``valid_at``, ``known_at``, ``from``, ``to``...) are ISO 8601 dates
or datetimes. A bare date means the *end* of that day, UTC (23:59:59.999999), so "on May
24" includes everything that happened that day. A datetime without an offset is UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers

from tracker.domain.time import PRECISIONS, ValidTime, end_of_day, start_of_day
from tracker.services import Anchor

TIME_HELP = (
    "ISO 8601 date or datetime. A bare date (2018-05-24) means the end of that day, UTC "
    "(2018-05-24T23:59:59.999999Z); a datetime without an offset is read as UTC."
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Far enough apart for any history, close enough that time arithmetic never overflows.
QUERY_YEARS = (1000, 9000)
VALID_TIME_YEARS = (1800, 2500)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Text(serializers.CharField):
    """A CharField that refuses what no database can store (NUL is refused by DRF already)."""

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if _SURROGATE.search(value):
            raise serializers.ValidationError("Text must be valid Unicode (no lone surrogates).")
        return value


def parse_moment(value: str, *, end_of_date: bool = True) -> datetime:
    """An ISO 8601 date or datetime as an aware UTC datetime (see the module docs)."""
    text = value.strip()
    if _DATE_ONLY.match(text):
        day = date.fromisoformat(text)
        moment = end_of_day(day) if end_of_date else start_of_day(day)
    else:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        moment = moment.astimezone(UTC)
    _check_year(moment, QUERY_YEARS)
    return moment


def _check_year(moment: datetime, years: tuple[int, int]) -> None:
    if not years[0] <= moment.year <= years[1]:
        raise ValueError(f"times must fall between the years {years[0]} and {years[1]}")


@extend_schema_field(OpenApiTypes.STR)
class MomentField(serializers.Field):
    """A query-string time: ISO 8601 date (end of that day, UTC) or datetime (naive = UTC)."""

    default_error_messages = {"invalid": "Not an ISO 8601 date or datetime: {value!r}."}

    def __init__(self, *, end_of_date: bool = True, **kwargs: Any) -> None:
        self.end_of_date = end_of_date
        kwargs.setdefault("help_text", TIME_HELP)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> datetime:
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        try:
            return parse_moment(data, end_of_date=self.end_of_date)
        except (ValueError, OverflowError) as exc:
            detail = str(exc) if "years" in str(exc) else f"Not an ISO 8601 date or datetime: {data[:64]!r}."
            raise serializers.ValidationError(detail) from exc

    def to_representation(self, value: datetime) -> str:
        return value.isoformat()


def time_parameter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.QUERY, description=f"{description} {TIME_HELP}")


BASIS_PARAMETERS = [
    time_parameter("valid_at", "Answer for this valid time (when things happened in the world); default now."),
    time_parameter("known_at", "Answer with what was recorded by this time (transaction time); default everything."),
]


class BasisQuery(serializers.Serializer):
    valid_at = MomentField(required=False)
    known_at = MomentField(required=False)

    @classmethod
    def validated(cls, params: Any) -> dict[str, Any]:
        """The basis in ``params``, validated (400 if invalid). Without either parameter,
        the answer is known ({}), without building the serializer and its fields."""
        if "valid_at" not in params and "known_at" not in params:
            return {}
        query = cls(data=params)
        query.is_valid(raise_exception=True)
        return query.validated_data


def _moment_input(value: datetime | date, *, end: bool) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return end_of_day(value) if end else start_of_day(value)


@extend_schema_field({"type": "string", "description": "ISO 8601 date or datetime (naive datetimes are UTC)."})
class DateOrDateTimeField(serializers.Field):
    default_error_messages = {"invalid": "Not an ISO 8601 date or datetime."}

    def to_internal_value(self, data: Any) -> datetime | date:
        if not isinstance(data, str):
            self.fail("invalid")
        text = data.strip()
        try:
            if _DATE_ONLY.match(text):
                return date.fromisoformat(text)
            return datetime.fromisoformat(text.replace("z", "Z"))
        except (ValueError, OverflowError):
            self.fail("invalid")

    def to_representation(self, value: Any) -> str:
        return value.isoformat()


class ValidTimeInput(serializers.Serializer):
    """When it happened: exactly one of ``at``; ``earliest`` + ``latest``; ``after_event`` + ``offset_hours``."""

    at = DateOrDateTimeField(required=False, help_text="An exact time, or a date (the whole UTC day).")
    earliest = DateOrDateTimeField(required=False, help_text="Start of an uncertain window (a date: its start).")
    latest = DateOrDateTimeField(required=False, help_text="End of an uncertain window (a date: its end).")
    precision = serializers.ChoiceField(choices=PRECISIONS, required=False, help_text="Defaults from the input.")
    after_event = serializers.UUIDField(required=False, help_text="An event of the same stream this is relative to.")
    offset_hours = serializers.FloatField(
        required=False, min_value=-24 * 365 * 10, max_value=24 * 365 * 10, help_text="Hours after `after_event`."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        shapes = [
            "at" in attrs,
            "earliest" in attrs or "latest" in attrs,
            "after_event" in attrs or "offset_hours" in attrs,
        ]
        if sum(shapes) != 1:
            raise serializers.ValidationError(
                "give exactly one of: at; earliest and latest; after_event and offset_hours"
            )
        try:
            attrs["when"], attrs["anchor"] = self._resolve(attrs)
            if attrs["when"] is not None:
                _check_year(attrs["when"].earliest, VALID_TIME_YEARS)
                _check_year(attrs["when"].latest, VALID_TIME_YEARS)
        except (ValueError, OverflowError) as exc:
            raise serializers.ValidationError(str(exc)) from exc
        return attrs

    @staticmethod
    def _resolve(attrs: dict[str, Any]) -> tuple[ValidTime | None, Anchor | None]:
        if "after_event" in attrs or "offset_hours" in attrs:
            if "after_event" not in attrs or "offset_hours" not in attrs:
                raise ValueError("after_event and offset_hours go together")
            return None, Anchor(event_id=str(attrs["after_event"]), offset_hours=attrs["offset_hours"])
        if "at" in attrs:
            value = attrs["at"]
            if isinstance(value, datetime):
                return ValidTime.at(_moment_input(value, end=False), attrs.get("precision", "exact")), None
            return ValidTime(start_of_day(value), end_of_day(value), attrs.get("precision", "day")), None
        if "earliest" not in attrs or "latest" not in attrs:
            raise ValueError("earliest and latest go together")
        first, last = attrs["earliest"], attrs["latest"]
        if not isinstance(first, datetime) and not isinstance(last, datetime):
            days = ValidTime.between_days(first, last)  # one day: "day" precision; more: "range"
            return ValidTime(days.earliest, days.latest, attrs.get("precision") or days.precision), None
        earliest = _moment_input(attrs["earliest"], end=False)
        latest = _moment_input(attrs["latest"], end=True)
        precision = attrs.get("precision") or ("exact" if earliest == latest else "range")
        return ValidTime(earliest, latest, precision), None
