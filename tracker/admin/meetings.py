"""Meetings: listed and viewed; recorded by a command."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.safestring import SafeString

from tracker import services
from tracker.admin.base import CommandPage, ReadOnlyAdmin, run_command_page
from tracker.admin.events import valid_time_text
from tracker.admin.forms import MeetingRecordForm
from tracker.admin.sources import sources_html
from tracker.eventstore import AppendResult
from tracker.models import Envoy, Meeting


class ParticipantFilter(admin.SimpleListFilter):
    title = "participant (envoy)"
    parameter_name = "envoy"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return list(Envoy.objects.order_by("name").values_list("slug", "name"))

    def queryset(self, request: HttpRequest, queryset):
        if not self.value():
            return queryset
        return queryset.filter(participant_rows__envoy_slug=self.value()).distinct()


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("when", "title", "participants_display", "location", "mode", "status", "summit_slug", "sources_n")
    list_display_links = ("when", "title")
    list_filter = ("status", "mode", ParticipantFilter, "summit_slug", "valid_from")
    search_fields = ("title", "location", "meeting_id", "participant_rows__name")
    fields = (
        "meeting_id", "title", "participants_display", "location", "mode", "status", "summit_slug", "when",
        "confidence", "sources_display", "version",
    )  # fmt: skip
    readonly_fields = fields
    change_list_template = "admin/tracker/meeting/change_list.html"

    @admin.display(description="when", ordering="valid_from")
    def when(self, obj: Meeting) -> str:
        return valid_time_text(obj.valid_from, obj.valid_to, obj.precision)

    @admin.display(description="participants")
    def participants_display(self, obj: Meeting) -> str:
        return ", ".join(p.get("name", "?") for p in obj.participants)

    @admin.display(description="sources", ordering="source_count")
    def sources_n(self, obj: Meeting) -> int:
        return obj.source_count

    @admin.display(description="sources")
    def sources_display(self, obj: Meeting) -> SafeString:
        return sources_html(obj.sources)

    def get_search_results(self, request, queryset, search_term):
        results, _ = super().get_search_results(request, queryset, search_term)
        return results.distinct(), False  # participant rows would repeat a meeting

    def get_urls(self):
        view = self.admin_site.admin_view
        return [path("record/", view(self.record_view), name="tracker_meeting_record"), *super().get_urls()]

    def record_view(self, request: HttpRequest) -> HttpResponse:
        def execute(data, ctx) -> AppendResult:
            return services.meeting_record(
                participants=data["participants"],
                when=data["when"],
                location=data["location"],
                mode=data["mode"],
                status=data["status"],
                summit=data["summit"].slug if data["summit"] else None,
                title=data["title"],
                meeting_id=data["meeting_id"] or None,
                ctx=ctx,
            )

        page = CommandPage(
            title="Record a meeting",
            permission="tracker.record_meeting",
            form_class=MeetingRecordForm,
            initial={"summit": request.GET.get("summit", "")},
            execute=execute,
            done_url=lambda r: reverse("admin:tracker_meeting_changelist"),
            done_message=lambda r: f"Meeting {r.events[0].data.get('title') or r.events[0].stream.id} recorded.",
        )
        return run_command_page(self, request, page)
