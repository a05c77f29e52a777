"""Throttling applies to writes only: reads stay as fast as the database allows."""

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

SAFE = ("GET", "HEAD", "OPTIONS")


class WriteThrottle(ScopedRateThrottle):
    """Scoped by the view's ``throttle_scope`` ("writes" by default), on unsafe methods only."""

    def allow_request(self, request, view) -> bool:
        if request.method in SAFE:
            return True
        if not getattr(view, "throttle_scope", None):
            view.throttle_scope = "writes"
        return super().allow_request(request, view)

    def get_rate(self) -> str | None:
        # Read the rates on each request (not once at import) so settings overrides apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
