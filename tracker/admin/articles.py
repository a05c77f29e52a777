"""Articles and the review queue.

Articles are submitted by pasting text or uploading a file; ingestion stores them once
and queues their processing through Celery. Their rows are ingestion's workflow state,
read-only here. Claims held back for low confidence wait in the review queue, where an
editor accepts them (they become facts, through the commands) or rejects them (recorded
with who and why; a claim that already became a fact is retracted).
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from tracker import ingestion, selectors
from tracker.admin.base import CommandPage, NoWrites, ReadOnlyAdmin, badge, run_command_page
from tracker.admin.forms import CommandForm
from tracker.admin.sources import highlight
from tracker.domain.errors import DomainError
from tracker.eventstore import ConcurrencyError
from tracker.extraction.parsing import ArticleError
from tracker.models import Article, Claim

STATUS_COLOURS = {"queued": "#8d99ae", "processing": "#1565c0", "done": "#2e7d32", "duplicate": "#6d4c41"}


def _evidence(claim: Claim, *, context: int = 240) -> SafeString:
    body = claim.article.body
    if body and claim.evidence_start is not None and claim.evidence_end is not None:
        return highlight(body, claim.evidence_start, claim.evidence_end, context=context)
    return format_html('<span class="evidence"><mark>{}</mark></span>', claim.evidence_text or "\u2014")


_SUMMARY_KEYS = ("change", "status", "title", "name", "location", "date", "when", "scheduled_for")


def _plain(value: Any) -> str:
    if isinstance(value, dict) and {"from", "to"} <= value.keys():
        return str(value["from"]) if value["from"] == value["to"] else f"{value['from']} \u2013 {value['to']}"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _claim_summary(claim: Claim) -> str:
    payload = claim.payload or {}
    parts = [_plain(payload.get(key)) for key in _SUMMARY_KEYS if payload.get(key)]
    people = payload.get("participants") or payload.get("leaders") or []
    if people:
        parts.append(", ".join(str(p.get("name", p)) if isinstance(p, dict) else str(p) for p in people))
    return " \u00b7 ".join(parts)[:200] or json.dumps(payload)[:200]


def _event_links(event_ids: list[str]) -> SafeString:
    rows = ((reverse("admin:tracker_event_change", args=[e]), str(e)[:8]) for e in event_ids)
    return format_html_join(", ", '<a href="{}">{}</a>', rows) or format_html("{}", "\u2014")


# --- articles --------------------------------------------------------------------------


class ArticleSubmitForm(CommandForm):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14, "class": "vLargeTextField"}),
        required=False,
        help_text="Paste the article. Without a publication date below, the text must carry its own "
        "'date YYYY-MM-DD' header.",
    )
    file = forms.FileField(required=False, help_text="Or upload a UTF-8 text file.")
    title = forms.CharField(max_length=500, required=False)
    url = forms.URLField(max_length=2000, required=False, assume_scheme="https")
    published_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "")
        if upload and text.strip():
            raise forms.ValidationError("Paste text or upload a file, not both.")
        if upload:
            if upload.size > settings.ARTICLE_MAX_BYTES:
                raise forms.ValidationError(
                    f"{upload.name}: too large ({upload.size} bytes; the limit is {settings.ARTICLE_MAX_BYTES})."
                )
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise forms.ValidationError(f"{upload.name}: not UTF-8 text ({exc.reason}).") from exc
        if not text.strip():
            raise forms.ValidationError("Paste the article text or upload a file.")
        data["article_text"] = text
        return data


class ClaimInline(NoWrites, admin.TabularInline):
    model = Claim
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("kind", "summary", "confidence", "review_state", "evidence", "events")
    readonly_fields = fields

    @admin.display(description="claim")
    def summary(self, claim: Claim) -> str:
        return _claim_summary(claim)

    @admin.display(description="evidence")
    def evidence(self, claim: Claim) -> SafeString:
        return _evidence(claim)

    @admin.display(description="events")
    def events(self, claim: Claim) -> SafeString:
        return _event_links(claim.event_ids)


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "title_display", "status_display", "published_on", "via", "submitted_by", "claims_n")
    list_display_links = ("created_at", "title_display")
    list_filter = ("status", "via", "published_on", "created_at")
    search_fields = ("title", "url", "sha256")
    fields = (
        "id", "title", "url", "published_on", "status_display", "duplicate_link", "submitted_by", "via",
        "created_at", "processed_at", "extractor_version", "sha256", "events_display", "body_display",
    )  # fmt: skip
    readonly_fields = fields
    inlines = (ClaimInline,)
    change_list_template = "admin/tracker/article/change_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="title", ordering="title")
    def title_display(self, obj: Article) -> str:
        return obj.title or (obj.body[:80] + ("\u2026" if len(obj.body) > 80 else "")) or str(obj.pk)

    @admin.display(description="status", ordering="status")
    def status_display(self, obj: Article) -> SafeString:
        if obj.status == Article.Status.FAILED:
            return format_html("{} {}", badge("failed", "#c62828"), obj.reason)
        return badge(obj.status, STATUS_COLOURS.get(obj.status, "#9e9e9e"))

    @admin.display(description="claims", ordering="claim_count")
    def claims_n(self, obj: Article) -> int:
        return getattr(obj, "claim_count", 0)

    @admin.display(description="duplicate of")
    def duplicate_link(self, obj: Article) -> SafeString | str:
        if obj.duplicate_of_id is None:
            return "\u2014"
        url = reverse("admin:tracker_article_change", args=[obj.duplicate_of_id])
        return format_html('<a href="{}">{}</a>', url, obj.duplicate_of)

    @admin.display(description="events")
    def events_display(self, obj: Article) -> SafeString:
        events = selectors.article_events(obj)
        rows = ((reverse("admin:tracker_event_change", args=[e.id]), e.type, e.stream, e.version) for e in events)
        return format_html_join("", '<div><a href="{}">{}</a> {} v{}</div>', rows) or format_html("{}", "\u2014")

    @admin.display(description="text")
    def body_display(self, obj: Article) -> SafeString:
        return format_html('<pre class="tracker-json" style="white-space:pre-wrap;max-width:60em">{}</pre>', obj.body)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [path("submit/", view(self.submit_view), name="tracker_article_submit"), *super().get_urls()]

    def submit_view(self, request: HttpRequest) -> HttpResponse:
        def execute(data, ctx) -> Article:
            return ingestion.article_submit(
                text=data["article_text"],
                published_on=data["published_on"],
                title=data["title"] or None,
                url=data["url"] or None,
                actor=ctx.actor,
                via="admin",
            )

        page = CommandPage(
            title="Submit an article",
            intro="The article is stored once (a second copy is marked duplicate) and queued for extraction.",
            permission="tracker.add_article",
            form_class=ArticleSubmitForm,
            execute=execute,
            done_url=lambda article: reverse("admin:tracker_article_change", args=[article.pk]),
            done_message=lambda article: f"Article stored: {article.status}.",
            submit_label="Submit",
            input_errors=(ArticleError,),
        )
        return run_command_page(self, request, page)


# --- the review queue ------------------------------------------------------------------


class RejectForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Recorded with the rejection.")


class ClaimRejectForm(CommandForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Recorded with the rejection.")


class ClaimAcceptForm(CommandForm):
    pass


def _review(request: HttpRequest, claim_id: Any, action: str, reason: str = "") -> str | None:
    """Run one review command; returns the error to show, or None."""
    actor = request.user.get_username()
    try:
        if action == "accept":
            ingestion.claim_accept(claim_id=claim_id, actor=actor)
        else:
            ingestion.claim_reject(claim_id=claim_id, actor=actor, reason=reason)
    except (DomainError, ConcurrencyError) as exc:
        return f"claim #{claim_id}: {exc}"
    return None


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    """The review queue: by default the claims waiting for an editor."""

    list_display = ("id", "article_link", "kind", "summary", "confidence", "evidence", "review_state", "reviewed_by")
    list_filter = ("review_state", "kind")
    search_fields = ("evidence_text", "article__title")
    actions = ("accept_claims", "reject_claims")
    fields = (
        "id", "article_link", "kind", "confidence", "review_state", "reviewed_by", "reviewed_at", "review_note",
        "evidence", "payload_display", "events",
    )  # fmt: skip
    readonly_fields = fields
    change_form_template = "admin/tracker/claim/change_form.html"
    list_select_related = ("article",)

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if not any(key.startswith("review_state") for key in request.GET) and request.method == "GET":
            return HttpResponseRedirect(f"{request.path}?review_state__exact=pending")
        return super().changelist_view(request, {"title": "Review queue", **(extra_context or {})})

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("tracker.review_claim")

    @admin.display(description="article")
    def article_link(self, claim: Claim) -> SafeString:
        url = reverse("admin:tracker_article_change", args=[claim.article_id])
        return format_html('<a href="{}">{}</a>', url, claim.article.title or str(claim.article_id)[:8])

    @admin.display(description="claim")
    def summary(self, claim: Claim) -> str:
        return _claim_summary(claim)

    @admin.display(description="evidence")
    def evidence(self, claim: Claim) -> SafeString:
        return _evidence(claim, context=60)

    @admin.display(description="payload")
    def payload_display(self, claim: Claim) -> SafeString:
        return format_html("<pre class='tracker-json'>{}</pre>", json.dumps(claim.payload, indent=2, sort_keys=True))

    @admin.display(description="events")
    def events(self, claim: Claim) -> SafeString:
        return _event_links(claim.event_ids)

    # --- bulk actions ---------------------------------------------------------------------

    @admin.action(description="Accept the selected claims (they become facts)", permissions=["review"])
    def accept_claims(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        ids = list(queryset.order_by("id").values_list("id", flat=True))
        errors = [e for e in (_review(request, claim_id, "accept") for claim_id in ids) if e]
        self._report(request, "Accepted", len(ids) - len(errors), errors)

    @admin.action(description="Reject the selected claims\u2026", permissions=["review"])
    def reject_claims(self, request: HttpRequest, queryset: QuerySet[Claim]) -> HttpResponse | None:
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            ids = list(queryset.order_by("id").values_list("id", flat=True))
            reason = form.cleaned_data["reason"]
            errors = [e for e in (_review(request, claim_id, "reject", reason) for claim_id in ids) if e]
            self._report(request, "Rejected", len(ids) - len(errors), errors)
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Reject claims",
            "claims": queryset.select_related("article"),
            "form": form,
            "action": "reject_claims",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/tracker/claim/reject_confirmation.html", context)

    def _report(self, request: HttpRequest, verb: str, done: int, errors: list[str]) -> None:
        if done:
            messages.success(request, f"{verb} {done} claim(s).")
        for error in errors:
            messages.error(request, error)

    # --- one claim ------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:claim_id>/accept/", view(self.accept_view), name="tracker_claim_accept"),
            path("<int:claim_id>/reject/", view(self.reject_view), name="tracker_claim_reject"),
            *super().get_urls(),
        ]

    def _claim(self, claim_id: int) -> Claim:
        claim = Claim.objects.select_related("article").filter(pk=claim_id).first()
        if claim is None:
            raise Http404(f"no claim {claim_id}")
        return claim

    def accept_view(self, request: HttpRequest, claim_id: int) -> HttpResponse:
        claim = self._claim(claim_id)
        page = CommandPage(
            title=f"Accept claim #{claim.pk}: {_claim_summary(claim)}",
            intro="Accepting makes the claim a fact (or a source of an existing one), through the same "
            "commands as any editor's entry.",
            permission="tracker.review_claim",
            form_class=ClaimAcceptForm,
            execute=lambda data, ctx: ingestion.claim_accept(claim_id=claim.pk, actor=ctx.actor),
            done_url=lambda c: reverse("admin:tracker_claim_change", args=[c.pk]),
            done_message=lambda c: f"Claim #{c.pk} accepted.",
            submit_label="Accept",
            original=claim,
        )
        return run_command_page(self, request, page)

    def reject_view(self, request: HttpRequest, claim_id: int) -> HttpResponse:
        claim = self._claim(claim_id)
        page = CommandPage(
            title=f"Reject claim #{claim.pk}: {_claim_summary(claim)}",
            intro="The rejection is recorded with your name and reason. If the claim already became a fact, "
            "that fact is retracted (a retraction event; the log keeps both).",
            permission="tracker.review_claim",
            form_class=ClaimRejectForm,
            execute=lambda data, ctx: ingestion.claim_reject(claim_id=claim.pk, actor=ctx.actor, reason=data["reason"]),
            done_url=lambda c: reverse("admin:tracker_claim_change", args=[c.pk]),
            done_message=lambda c: f"Claim #{c.pk} rejected.",
            submit_label="Reject",
            original=claim,
        )
        return run_command_page(self, request, page)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        extra = {"can_review": self.has_review_permission(request), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra)
