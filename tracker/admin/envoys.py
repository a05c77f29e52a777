"""Envoys: listed and viewed; registered and given roles by commands."""

from __future__ import annotations

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from tracker import services
from tracker.admin.base import CommandPage, ReadOnlyAdmin, run_command_page
from tracker.admin.forms import EnvoyRegisterForm, EnvoyRoleForm
from tracker.eventstore import AppendResult
from tracker.models import Envoy


@admin.register(Envoy)
class EnvoyAdmin(ReadOnlyAdmin):
    list_display = ("name", "slug", "country", "current_roles", "version")
    list_filter = ("country",)
    search_fields = ("name", "slug", "aliases")
    fields = ("slug", "name", "country", "aliases_display", "roles_display", "version")
    readonly_fields = fields
    change_form_template = "admin/tracker/envoy/change_form.html"
    change_list_template = "admin/tracker/envoy/change_list.html"

    @admin.display(description="current roles")
    def current_roles(self, obj: Envoy) -> str:
        return "; ".join(r["title"] for r in obj.roles if not r.get("end"))

    @admin.display(description="aliases")
    def aliases_display(self, obj: Envoy) -> str:
        return ", ".join(obj.aliases)

    @admin.display(description="roles")
    def roles_display(self, obj: Envoy) -> SafeString:
        rows = ((r["title"], r.get("party") or "", r.get("start") or "?", r.get("end") or "now") for r in obj.roles)
        return format_html_join("", "<div>{} ({}): {} \u2013 {}</div>", rows)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("register/", view(self.register_view), name="tracker_envoy_register"),
            path("<path:object_id>/assign-role/", view(self.role_view), name="tracker_envoy_assign_role"),
            *super().get_urls(),
        ]

    def _page_url(self, slug: str) -> str:
        envoy = Envoy.objects.get(slug=slug)
        return reverse("admin:tracker_envoy_change", args=[envoy.pk])

    def register_view(self, request: HttpRequest) -> HttpResponse:
        def execute(data, ctx) -> AppendResult:
            return services.envoy_register(
                name=data["name"], slug=data["slug"] or None, country=data["country"], aliases=data["aliases"], ctx=ctx
            )

        page = CommandPage(
            title="Register an envoy",
            permission="tracker.add_envoy",
            form_class=EnvoyRegisterForm,
            execute=execute,
            done_url=lambda r: self._page_url(r.events[0].stream.id),
            done_message=lambda r: f"Envoy {r.events[0].data['name']} registered.",
            submit_label="Register",
        )
        return run_command_page(self, request, page)

    def role_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        envoy = self.get_object(request, object_id)
        if envoy is None:
            raise Http404(f"no envoy {object_id!r}")

        def execute(data, ctx) -> AppendResult:
            return services.envoy_assign_role(
                slug=envoy.slug,
                title=data["title"],
                party=data["party"],
                start=data["start"],
                end=data["end"],
                expected_version=data["expected_version"],
                ctx=ctx,
            )

        page = CommandPage(
            title=f"Assign a role to {envoy.name}",
            permission="tracker.change_envoy",
            form_class=EnvoyRoleForm,
            initial={"expected_version": envoy.version, "party": envoy.country},
            execute=execute,
            done_url=lambda r: self._page_url(envoy.slug),
            done_message=lambda r: f"{envoy.name}: role {r.events[-1].data['title']} recorded.",
            original=envoy,
        )
        return run_command_page(self, request, page)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        extra = {"can_assign_role": request.user.has_perm("tracker.change_envoy"), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra)
