"""Events: the log, read-only for everyone. Amending a fact appends a retraction or a
correction (command pages below); the stored event itself never changes."""

from __future__ import annotations

import json
from datetime import time
from typing import Any

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from tracker import eventstore, selectors, services
from tracker.admin.base import CommandPage, ReadOnlyAdmin, run_command_page
from tracker.admin.forms import EventCorrectForm, EventRetractForm
from tracker.admin.sources import source_html
from tracker.domain.errors import NotFound
from tracker.domain.events import META_TYPES
from tracker.eventstore import AppendResult, RecordedEvent
from tracker.models import Event


class StreamFilter(admin.SimpleListFilter):
    """Filter by one stream, typed as ``type/id`` (or just the id): lists would be endless."""

    title = "stream"
    parameter_name = "stream"
    template = "admin/tracker/input_filter.html"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return []

    def has_output(self) -> bool:
        return True

    def choices(self, changelist):
        # One "choice" carrying what the template needs: the value and the other params to keep.
        keep = [(k, v) for k, values in changelist.filter_params.items() if k != self.parameter_name for v in values]
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "All",
            "parameter_name": self.parameter_name,
            "value": self.value(),
            "keep": keep,
        }

    def queryset(self, request: HttpRequest, queryset):
        value = (self.value() or "").strip()
        if not value:
            return queryset
        kind, _, ident = value.rpartition("/")
        queryset = queryset.filter(stream_id=ident)
        return queryset.filter(stream_type=kind) if kind else queryset


def valid_time_text(valid_from, valid_to, precision: str) -> str:
    """A valid time as an editor reads it: a day, a range of days, or a time (UTC)."""
    if valid_from is None:
        return "\u2014"
    end = valid_to or valid_from
    if precision == "day":
        return f"{valid_from:%Y-%m-%d}"
    if precision == "hour":
        return f"{valid_from:%Y-%m-%d %H:%M} (within the hour)"
    if end == valid_from:
        return f"{valid_from:%Y-%m-%d %H:%M}"
    whole_days = valid_from.time() == time.min and end.time() == time.max
    if whole_days:
        return f"{valid_from:%Y-%m-%d} \u2013 {end:%Y-%m-%d}"
    return f"{valid_from:%Y-%m-%d %H:%M} \u2013 {end:%Y-%m-%d %H:%M}"


def _event_or_404(event_id) -> RecordedEvent:
    try:
        return selectors.event_get(str(event_id))
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _pretty(value: Any) -> SafeString:
    return format_html("<pre class='tracker-json'>{}</pre>", json.dumps(value, indent=2, sort_keys=True, default=str))


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("position", "stream_link", "version", "type", "valid_time", "recorded_at", "actor", "confidence")
    list_display_links = ("position", "type")
    list_filter = (StreamFilter, "stream_type", "type", "recorded_at", "valid_from")
    search_fields = ("stream_id", "type")
    date_hierarchy = "recorded_at"
    ordering = ("-position",)
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("event_id", "stream_link", "version", "position", "type", "schema_version")}),
        ("Time", {"fields": ("valid_time", "recorded_at")}),
        ("Content", {"fields": ("data_pretty",)}),
        ("Provenance", {"fields": ("source_display", "confidence", "actor", "metadata_pretty")}),
        ("Amendments", {"fields": ("amendments",)}),
    )
    readonly_fields = (
        "event_id", "stream_link", "version", "position", "type", "schema_version", "valid_time", "recorded_at",
        "data_pretty", "source_display", "confidence", "actor", "metadata_pretty", "amendments",
    )  # fmt: skip
    change_form_template = "admin/tracker/event/change_form.html"

    @admin.display(description="id")
    def event_id(self, obj: Event) -> str:
        return str(obj.id)

    @admin.display(description="stream", ordering="stream_id")
    def stream_link(self, obj: Event) -> SafeString:
        url = reverse("admin:tracker_event_changelist")
        return format_html('<a href="{}?stream={}">{}</a>', url, obj.stream, obj.stream)

    @admin.display(description="valid time", ordering="valid_from")
    def valid_time(self, obj: Event) -> str:
        return valid_time_text(obj.valid_from, obj.valid_to, obj.valid_precision)

    @admin.display(description="actor")
    def actor(self, obj: Event) -> str:
        return str((obj.metadata or {}).get("actor", ""))

    @admin.display(description="data")
    def data_pretty(self, obj: Event) -> SafeString:
        return _pretty(obj.data)

    @admin.display(description="metadata")
    def metadata_pretty(self, obj: Event) -> SafeString:
        return _pretty(obj.metadata)

    @admin.display(description="source")
    def source_display(self, obj: Event) -> SafeString:
        return source_html(obj.source)

    @admin.display(description="amended by")
    def amendments(self, obj: Event) -> SafeString:
        target = str(obj.data.get("event_id", "")) if obj.type in META_TYPES else ""
        parts = [
            (reverse("admin:tracker_event_change", args=[e.id]), e.type, e.data.get("reason", ""), e.recorded_at)
            for e in eventstore.amendments_of(obj.id)
        ]
        html = format_html_join(
            "", '<li><a href="{}">{}</a>: {} <span class="quiet">(recorded {:%Y-%m-%d %H:%M})</span></li>', parts
        )
        if target:
            link = reverse("admin:tracker_event_change", args=[target])
            return format_html('This event amends <a href="{}">{}</a>.<ul>{}</ul>', link, target, html)
        return format_html("<ul>{}</ul>", html) if parts else format_html("<em>{}</em>", "not amended")

    # --- command pages: retract and correct ---------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<uuid:event_id>/retract/", view(self.retract_view), name="tracker_event_retract"),
            path("<uuid:event_id>/correct/", view(self.correct_view), name="tracker_event_correct"),
            *super().get_urls(),
        ]

    def _done(self, result: AppendResult) -> str:
        return reverse("admin:tracker_event_change", args=[result.events[-1].data["event_id"]])

    def retract_view(self, request: HttpRequest, event_id) -> HttpResponse:
        target = _event_or_404(event_id)
        page = CommandPage(
            title=f"Retract event {target.type} of {target.stream}",
            intro="A retraction is a new event naming this one: the log keeps both, and reads as known "
            "before now still show the old belief.",
            permission="tracker.retract_event",
            form_class=EventRetractForm,
            execute=lambda data, ctx: services.event_retract(event_id=str(event_id), reason=data["reason"], ctx=ctx),
            done_url=self._done,
            done_message=lambda r: f"Retracted {target.type} of {target.stream}.",
            submit_label="Retract",
            original=target,
        )
        return run_command_page(self, request, page)

    def correct_view(self, request: HttpRequest, event_id) -> HttpResponse:
        target = _event_or_404(event_id)
        page = CommandPage(
            title=f"Correct event {target.type} of {target.stream}",
            intro="A correction is a new event naming this one, with the corrected time or fields.",
            permission="tracker.correct_event",
            form_class=EventCorrectForm,
            execute=lambda data, ctx: services.event_correct(
                event_id=str(event_id), reason=data["reason"], when=data["when"], data=data["data"], ctx=ctx
            ),
            done_url=self._done,
            done_message=lambda r: f"Corrected {target.type} of {target.stream}.",
            initial={"time_kind": "keep"},
            submit_label="Correct",
            original=target,
        )
        return run_command_page(self, request, page)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {
            "can_amend": obj is not None and obj.type not in META_TYPES,
            "can_retract": request.user.has_perm("tracker.retract_event"),
            "can_correct": request.user.has_perm("tracker.correct_event"),
        }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})
