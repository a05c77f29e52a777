"""Summits: listed and viewed with their timeline picture; proposed, scheduled and moved
through their statuses by commands."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.safestring import SafeString, mark_safe

from tracker import selectors, services
from tracker.admin.base import CommandPage, ReadOnlyAdmin, badge, run_command_page
from tracker.admin.forms import SummitCreateForm, SummitStatusForm
from tracker.admin.sources import sources_html
from tracker.admin.timeline import parse_known_at, summit_picture
from tracker.domain.errors import NotFound
from tracker.eventstore import AppendResult
from tracker.models import Summit
from tracker.timeline_svg import STATUS_COLOURS


class PartyFilter(admin.SimpleListFilter):
    title = "party"
    parameter_name = "party"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        codes = sorted({code for parties in Summit.objects.values_list("parties", flat=True) for code in parties})
        return [(c, c) for c in codes]

    def queryset(self, request: HttpRequest, queryset):
        if not self.value():
            return queryset
        return queryset.filter(pk__in=selectors.summit_list(party=self.value()).values("pk"))


def status_badge(status: str) -> SafeString:
    return badge(status or "?", STATUS_COLOURS.get(status, "#9e9e9e"))


def _anchor_choices(slug: str) -> list[tuple[str, str]]:
    """The stream's standing status facts, for "N hours after event X" and "reverses"."""
    try:
        entries = selectors.summit_timeline(slug)
    except NotFound:
        return []
    return [(e.event_id, f"{e.change} at {e.valid_from:%Y-%m-%d %H:%M} UTC") for e in entries]


@admin.register(Summit)
class SummitAdmin(ReadOnlyAdmin):
    list_display = ("title", "slug", "status_display", "scheduled_for", "location", "parties_display", "version")
    list_filter = ("status", PartyFilter, "scheduled_for")
    search_fields = ("title", "slug", "location")
    fields = (
        "slug", "title", "status_display", "scheduled_for", "location", "parties_display", "leaders_display", "version",
    )  # fmt: skip
    readonly_fields = fields
    change_form_template = "admin/tracker/summit/change_form.html"
    change_list_template = "admin/tracker/summit/change_list.html"

    @admin.display(description="status", ordering="status")
    def status_display(self, obj: Summit) -> SafeString:
        return status_badge(obj.status)

    @admin.display(description="parties")
    def parties_display(self, obj: Summit) -> str:
        return ", ".join(obj.parties)

    @admin.display(description="leaders")
    def leaders_display(self, obj: Summit) -> str:
        return ", ".join(obj.leaders)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("start/", view(self.create_view), name="tracker_summit_start"),
            path("<path:object_id>/change-status/", view(self.status_view), name="tracker_summit_change_status"),
            path("<path:object_id>/timeline.svg", view(self.svg_view), name="tracker_summit_timeline_svg"),
            *super().get_urls(),
        ]

    def _summit(self, request: HttpRequest, object_id: str) -> Summit:
        summit = self.get_object(request, object_id)
        if summit is None:
            raise Http404(f"no summit {object_id!r}")
        return summit

    def _page_url(self, summit: Summit) -> str:
        return reverse("admin:tracker_summit_change", args=[summit.pk])

    # --- commands -----------------------------------------------------------------------

    def create_view(self, request: HttpRequest) -> HttpResponse:
        def execute(data, ctx) -> AppendResult:
            return services.summit_create(
                title=data["title"],
                slug=data["slug"] or None,
                change=data["change"],
                when=data["when"],
                parties=data["parties"],
                leaders=data["leaders"],
                location=data["location"],
                scheduled_for=data["scheduled_for"],
                note=data["note"],
                ctx=ctx,
            )

        def done_url(result: AppendResult) -> str:
            summit = Summit.objects.get(slug=result.events[0].stream.id)
            return self._page_url(summit)

        page = CommandPage(
            title="Propose or schedule a summit",
            permission="tracker.add_summit",
            form_class=SummitCreateForm,
            execute=execute,
            done_url=done_url,
            done_message=lambda r: f"Summit {r.events[0].stream.id} recorded as {r.events[0].type}.",
        )
        return run_command_page(self, request, page)

    def status_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        summit = self._summit(request, object_id)

        def execute(data, ctx) -> AppendResult:
            return services.summit_change_status(
                slug=summit.slug,
                change=data["change"],
                when=data["when"],
                anchor=data["anchor"],
                expected_version=data["expected_version"],
                announced_by=data["announced_by"],
                scheduled_for=data["scheduled_for"],
                location=data["location"],
                reverses=data["reverses"] or None,
                note=data["note"],
                ctx=ctx,
            )

        page = CommandPage(
            title=f"Change the status of {summit}",
            intro=f"Now {summit.status} (version {summit.version}). The change is checked against the "
            "summit's status machine; an illegal one is refused and nothing is recorded.",
            permission="tracker.record_summit_change",
            form_class=SummitStatusForm,
            form_kwargs={"anchors": _anchor_choices(summit.slug)},
            initial={"expected_version": summit.version},
            execute=execute,
            done_url=lambda r: self._page_url(summit),
            done_message=lambda r: f"{summit}: {r.events[-1].type} recorded (version {r.events[-1].version}).",
            original=summit,
        )
        return run_command_page(self, request, page)

    # --- the timeline picture -----------------------------------------------------------

    def _known_at(self, request: HttpRequest):
        try:
            return parse_known_at(request.GET.get("known_at")), ""
        except ValueError:
            return None, "Could not read the 'as known at' time: give a date or a date and time (UTC)."

    def svg_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        summit = self._summit(request, object_id)
        known_at, _ = self._known_at(request)
        picture = summit_picture(summit.slug, summit.title, known_at=known_at)
        return HttpResponse(picture.svg, content_type="image/svg+xml; charset=utf-8")

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        summit = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if summit is not None and self.has_view_permission(request, summit):
            known_at, problem = self._known_at(request)
            if problem:
                messages.error(request, problem)
            picture = summit_picture(summit.slug, summit.title, known_at=known_at)
            if picture.problem:
                messages.warning(request, picture.problem)
            extra.update(
                timeline_svg=mark_safe(picture.svg),  # noqa: S308 - every text in it is escaped by the renderer
                timeline_rows=[
                    {"entry": e, "badge": status_badge(e.status), "sources": sources_html(e.sources)}
                    for e in picture.entries
                ],
                timeline_meetings=picture.meetings,
                known_at=known_at,
                known_at_value=f"{known_at:%Y-%m-%dT%H:%M}" if known_at else "",
                can_change_status=request.user.has_perm("tracker.record_summit_change"),
                can_record_meeting=request.user.has_perm("tracker.record_meeting"),
                can_retract=request.user.has_perm("tracker.retract_event"),
                can_correct=request.user.has_perm("tracker.correct_event"),
                svg_url=reverse("admin:tracker_summit_timeline_svg", args=[summit.pk]),
            )
        return super().change_view(request, object_id, form_url, extra)
