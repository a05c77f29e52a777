"""Forms for the admin's command pages. Each form only validates and shapes input; the
command it feeds (a service in :mod:`tracker.services`) decides what is allowed.

Valid time is entered one of five ways (:class:`ValidTimeForm`): an exact moment, within
an hour, on a day, some day in a range of days, or N hours after another event of the
same stream (an anchor, which moves with that event when it is corrected).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import pycountry
from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple

from tracker.domain import events as ev
from tracker.domain.time import ValidTime
from tracker.models import Envoy, Summit
from tracker.services import Anchor

TIME_KINDS: dict[str, str] = {
    "exact": "At an exact time",
    "hour": "Within an hour",
    "day": "On a day",
    "range": "Some day in a range",
    "anchor": "Hours after another event",
    "keep": "Keep the current time",
}
TIME_FIELDS = ("time_kind", "at", "day", "range_from", "range_to", "anchor_event", "offset_hours")
_DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local", "step": 60}, format="%Y-%m-%dT%H:%M")
_DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def split_names(value: str) -> list[str]:
    """Names typed one per line or separated by commas or semicolons."""
    parts = value.replace(";", "\n").replace(",", "\n").splitlines()
    return [p.strip() for p in parts if p.strip()]


class CommandForm(forms.Form):
    """A form behind one command page.

    ``submission`` is a token minted when the page is rendered and used as the command's
    idempotency key, so a double click or a browser resubmission records the fact once.
    ``groups`` lays the fields out in titled fieldsets.
    """

    submission = forms.CharField(widget=forms.HiddenInput, max_length=64)
    groups: Sequence[tuple[str | None, Sequence[str]]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission"].initial = uuid.uuid4().hex

    def fieldsets(self) -> list[tuple[str | None, list[forms.BoundField]]]:
        placed: set[str] = set()
        out = []
        for title, names in self.groups:
            present = [n for n in names if n in self.fields]
            placed.update(present)
            if present:
                out.append((title, [self[n] for n in present if not self.fields[n].widget.is_hidden]))
        rest = [self[n] for n in self.fields if n not in placed and not self.fields[n].widget.is_hidden]
        if rest:
            out.insert(0, (None, rest))
        return out


class ValidTimeForm(CommandForm):
    """Adds the valid-time fields; ``cleaned_data["when"]`` / ``["anchor"]`` hold the result."""

    time_kinds: Sequence[str] = ("exact", "hour", "day", "range")

    time_kind = forms.ChoiceField(label="Valid time", widget=forms.RadioSelect, initial="day")
    at = forms.DateTimeField(
        label="Time (UTC)", required=False, widget=_DATETIME_WIDGET, help_text="For an exact time or within an hour."
    )
    day = forms.DateField(label="Day", required=False, widget=_DATE_WIDGET)
    range_from = forms.DateField(label="Earliest day", required=False, widget=_DATE_WIDGET)
    range_to = forms.DateField(label="Latest day", required=False, widget=_DATE_WIDGET)
    anchor_event = forms.ChoiceField(label="After event", required=False)
    offset_hours = forms.FloatField(
        label="Hours after it", required=False, help_text="Negative for before. Moves with that event if corrected."
    )

    class Media:
        js = ("tracker/validtime.js",)

    def __init__(self, *args: Any, anchors: Iterable[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = list(self.time_kinds)
        anchors = list(anchors)
        if "anchor" in kinds and anchors:
            self.fields["anchor_event"].choices = [("", "---------"), *anchors]
        else:
            kinds = [k for k in kinds if k != "anchor"]
            del self.fields["anchor_event"], self.fields["offset_hours"]
        self.fields["time_kind"].choices = [(k, TIME_KINDS[k]) for k in kinds]
        if self.fields["time_kind"].initial not in kinds:
            self.fields["time_kind"].initial = kinds[0]

    def _require(self, *names: str) -> bool:
        missing = [n for n in names if self.cleaned_data.get(n) in (None, "")]
        for name in missing:
            self.add_error(name, "Required for this kind of valid time.")
        return not missing

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("time_kind")
        data["when"], data["anchor"] = None, None
        try:
            if kind in ("exact", "hour") and self._require("at"):
                moment: datetime = data["at"]
                data["when"] = ValidTime.at(moment) if kind == "exact" else ValidTime.within_hour(moment)
            elif kind == "day" and self._require("day"):
                data["when"] = ValidTime.on_day(data["day"])
            elif kind == "range" and self._require("range_from", "range_to"):
                if data["range_to"] < data["range_from"]:
                    self.add_error("range_to", "The latest day cannot be before the earliest day.")
                else:
                    data["when"] = ValidTime.between_days(data["range_from"], data["range_to"])
            elif kind == "anchor" and self._require("anchor_event", "offset_hours"):
                data["anchor"] = Anchor(event_id=data["anchor_event"], offset_hours=data["offset_hours"])
        except ValueError as exc:
            self.add_error("time_kind", str(exc))
        return data


def _codes(value: str, label: str) -> list[str]:
    codes = [c.upper() for c in split_names(value)]
    unknown = [c for c in codes if len(c) != 2 or pycountry.countries.get(alpha_2=c) is None]
    if unknown:
        raise forms.ValidationError(f"Not ISO 3166 two-letter {label}: {', '.join(unknown)}")
    return codes


# --- summits ---------------------------------------------------------------------------


class SummitCreateForm(ValidTimeForm):
    title = forms.CharField(max_length=200)
    slug = forms.SlugField(
        max_length=120, required=False, help_text="Leave blank to derive it from the title and the year."
    )
    change = forms.ChoiceField(
        label="Starts as", choices=[("proposed", "proposed"), ("scheduled", "scheduled")], initial="proposed"
    )
    parties = forms.CharField(help_text="ISO country codes, e.g. US, KP.")
    leaders = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="One per line.")
    location = forms.CharField(max_length=200, required=False)
    scheduled_for = forms.DateField(required=False, widget=_DATE_WIDGET)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    groups = (
        (None, ("title", "slug", "change", "parties", "leaders", "location", "scheduled_for", "note")),
        ("When it was proposed or scheduled", TIME_FIELDS),
    )

    def clean_parties(self) -> list[str]:
        return _codes(self.cleaned_data["parties"], "country codes")

    def clean_leaders(self) -> list[str]:
        return split_names(self.cleaned_data["leaders"])


class SummitStatusForm(ValidTimeForm):
    time_kinds = ("exact", "hour", "day", "range", "anchor")

    change = forms.ChoiceField(choices=[(c, c) for c in ev.SUMMIT_CHANGES])
    announced_by = forms.CharField(max_length=200, required=False)
    scheduled_for = forms.DateField(required=False, widget=_DATE_WIDGET, help_text="When the summit is now set for.")
    location = forms.CharField(max_length=200, required=False)
    reverses = forms.ChoiceField(
        required=False, help_text="The change this one undoes, if it is not simply the previous one."
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    groups = (
        (None, ("change", "announced_by", "scheduled_for", "location", "reverses", "note")),
        ("When it happened", TIME_FIELDS),
    )

    def __init__(self, *args: Any, anchors: Iterable[tuple[str, str]] = (), **kwargs: Any) -> None:
        anchors = list(anchors)
        super().__init__(*args, anchors=anchors, **kwargs)
        self.fields["reverses"].choices = [("", "---------"), *anchors]


# --- envoys ----------------------------------------------------------------------------


class EnvoyRegisterForm(CommandForm):
    name = forms.CharField(max_length=200)
    slug = forms.SlugField(max_length=120, required=False, help_text="Leave blank to derive it from the name.")
    country = forms.CharField(max_length=2, required=False, help_text="ISO code of the party the envoy acts for.")
    aliases = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="Other names and romanisations, one a line."
    )

    def clean_country(self) -> str:
        value = self.cleaned_data["country"].strip()
        return _codes(value, "country code")[0] if value else ""

    def clean_aliases(self) -> list[str]:
        return [a.strip() for a in self.cleaned_data["aliases"].splitlines() if a.strip()]


class EnvoyRoleForm(CommandForm):
    title = forms.CharField(max_length=200, help_text="e.g. Secretary of State")
    party = forms.CharField(max_length=2, required=False, help_text="Defaults to the envoy's country.")
    start = forms.DateField(required=False, widget=_DATE_WIDGET)
    end = forms.DateField(required=False, widget=_DATE_WIDGET)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_party(self) -> str:
        value = self.cleaned_data["party"].strip()
        return _codes(value, "country code")[0] if value else ""


# --- meetings --------------------------------------------------------------------------


class MeetingRecordForm(ValidTimeForm):
    title = forms.CharField(max_length=300, required=False)
    envoys = forms.ModelMultipleChoiceField(
        queryset=Envoy.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=FilteredSelectMultiple("envoys", is_stacked=False),
    )
    other_participants = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="People not registered as envoys, one a line (a registered envoy's name is linked to the envoy).",
    )
    location = forms.CharField(max_length=200, required=False)
    mode = forms.ChoiceField(choices=[(m, m.replace("_", " ")) for m in ev.MEETING_MODES], initial="in_person")
    status = forms.ChoiceField(choices=[(s, s) for s in ev.MEETING_STATUSES], initial="held")
    summit = forms.ModelChoiceField(
        queryset=Summit.objects.order_by("-scheduled_for", "slug"),
        to_field_name="slug",
        required=False,
        help_text="The summit this meeting prepares, if any.",
    )
    meeting_id = forms.SlugField(max_length=120, required=False, help_text="Leave blank to generate one.")

    groups = (
        (None, ("title", "envoys", "other_participants", "location", "mode", "status", "summit", "meeting_id")),
        ("When", TIME_FIELDS),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        people: list[str | dict[str, Any]] = [{"name": e.name, "envoy": e.slug} for e in data.get("envoys") or ()]
        people += split_names(data.get("other_participants") or "")
        if not people:
            self.add_error("envoys", "Choose at least one envoy or name another participant.")
        data["participants"] = people
        return data


# --- events ----------------------------------------------------------------------------


class EventRetractForm(CommandForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Why this fact is withdrawn.")


class EventCorrectForm(ValidTimeForm):
    time_kinds = ("keep", "exact", "hour", "day", "range")

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Why the fact is corrected.")
    data = forms.CharField(
        label="Changed fields",
        widget=forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
        required=False,
        help_text='A JSON object of the data fields to change, e.g. {"location": "Sentosa"}.',
    )

    groups = ((None, ("reason", "data")), ("Corrected valid time", TIME_FIELDS))

    def clean_data(self) -> dict[str, Any]:
        raw = self.cleaned_data["data"].strip()
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(f"Not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}).") from exc
        if not isinstance(value, dict):
            raise forms.ValidationError('Give a JSON object, e.g. {"location": "Sentosa"}.')
        return value
