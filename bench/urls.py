"""Bench-only URLs: the product's, plus the W9 baseline view. Never in the product's urlconf."""

from django.http import JsonResponse
from django.urls import include, path

from tracker.models import Summit

_FIELDS = ("slug", "title", "status", "scheduled_for", "location", "parties", "leaders", "version")


def plain_summit(request, slug: str) -> JsonResponse:
    """The baseline: the same projection row as JSON, with nothing of DRF or the selectors."""
    row = Summit.objects.filter(slug=slug).values(*_FIELDS).first()
    if row is None:
        return JsonResponse({"detail": "not found"}, status=404)
    return JsonResponse(row)


def ping(request) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns = [
    path("bench/ping/", ping),
    path("bench/plain/summits/<slug:slug>/", plain_summit),
    path("", include("config.urls")),
]
