"""Content negotiation: DRF's, with the commonest case answered without parsing.

A client that states no preference (no ``Accept`` header, or ``*/*``, and no ``format``)
gets the first renderer in its own media type: what DRF's ``DefaultContentNegotiation``
answers after parsing the header into media types and matching every renderer. Every
other request goes through DRF's code unchanged.
"""

from __future__ import annotations

from typing import Any

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer


class Negotiation(DefaultContentNegotiation):
    def select_renderer(
        self, request: Any, renderers: list[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        if (
            renderers
            and not format_suffix
            and request.headers.get("accept", "*/*") == "*/*"
            and not request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
            and "*" not in renderers[0].media_type  # DRF would answer "*/*" then
        ):
            return renderers[0], renderers[0].media_type
        return super().select_renderer(request, renderers, format_suffix)
