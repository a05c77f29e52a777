"""What every tracker admin shares: read-only projections and command pages.

Projections (summits, envoys, meetings) and events are never edited through a model
form: their rows change only when a command appends events. Each write is a *command
page*: a form whose valid input is handed to one service function with the editor as
the acting user; a domain error or a stale version comes back as a form error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString

from tracker.admin.forms import CommandForm
from tracker.domain.errors import DomainError
from tracker.eventstore import ConcurrencyError
from tracker.services import Context


class NoWrites:
    """No add, change or delete through the admin's own forms, for anyone: the rows change
    only through commands (for a ModelAdmin or an inline)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(NoWrites, admin.ModelAdmin):
    """Listed and viewed only, by everyone including superusers: rows change through commands."""

    actions = None

    class Media:
        css = {"all": ("tracker/admin.css",)}


def badge(text: str, colour: str) -> SafeString:
    return format_html('<span class="tracker-badge" style="background:{}">{}</span>', colour, text)


def editor_context(request: HttpRequest, submission: str | None = None) -> Context:
    """The acting editor, recorded in each event's metadata and as its source."""
    username = request.user.get_username()
    return Context(
        actor=username,
        source={"kind": "editor", "user": username},
        idempotency_key=f"admin:{submission}" if submission else None,
    )


def safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    return target if target and allowed else fallback


@dataclass
class CommandPage:
    """One command page: who may use it, its form, and what it runs."""

    title: str
    permission: str
    form_class: type[CommandForm]
    execute: Callable[[dict[str, Any], Context], Any]  # usually an AppendResult
    done_url: Callable[[Any], str]
    done_message: Callable[[Any], str]
    form_kwargs: dict[str, Any] = field(default_factory=dict)
    initial: dict[str, Any] = field(default_factory=dict)
    intro: str = ""
    submit_label: str = "Record"
    original: Any = None
    # Errors other than domain errors that mean "bad input, nothing stored" (e.g. ArticleError).
    input_errors: tuple[type[Exception], ...] = ()


def conflict_message(exc: ConcurrencyError) -> str:
    return (
        f"Someone else recorded a change to {exc.stream} meanwhile (you saw version {exc.expected}, "
        f"it is now at version {exc.actual}). Nothing was recorded: reload the page to see the latest "
        f"state, then try again."
    )


def run_command_page(model_admin: admin.ModelAdmin, request: HttpRequest, page: CommandPage) -> HttpResponse:
    """Render the form; on a valid POST run the command and redirect, or show why not."""
    if not request.user.has_perm(page.permission):
        raise PermissionDenied
    if request.method == "POST":
        form = page.form_class(request.POST, request.FILES, **page.form_kwargs)
        if form.is_valid():
            ctx = editor_context(request, form.cleaned_data.get("submission"))
            try:
                result = page.execute(form.cleaned_data, ctx)
            except ConcurrencyError as exc:
                form.add_error(None, conflict_message(exc))
            except DomainError as exc:
                form.add_error(None, str(exc))
            except page.input_errors as exc:
                form.add_error(None, str(getattr(exc, "reason", exc)))
            else:
                message = page.done_message(result)
                if getattr(result, "duplicate", False):
                    message = f"Already recorded (this form was submitted before): {message}"
                messages.success(request, message)
                return HttpResponseRedirect(safe_next(request, page.done_url(result)))
    else:
        form = page.form_class(initial=page.initial, **page.form_kwargs)
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "app_label": opts.app_label,
        "title": page.title,
        "intro": page.intro,
        "form": form,
        "media": model_admin.media + form.media,
        "submit_label": page.submit_label,
        "original": page.original,
        "next": request.POST.get("next") or request.GET.get("next") or "",
        "has_view_permission": model_admin.has_view_permission(request),
    }
    return TemplateResponse(request, "admin/tracker/command_form.html", context)
