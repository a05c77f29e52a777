"""Page-number pagination for every list, and a helper for the HackSoft-style views.

Lists read at a basis (``valid_at``, ``known_at``) carry it next to the page:
``{"count", "next", "previous", "basis", "results"}`` (:class:`BasisPagination` documents it).
"""

from collections.abc import Sequence
from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from tracker.api.outputs import BasisOutput

_TIME = {"type": "string", "format": "date-time", "nullable": True}
BASIS_SCHEMA = {
    "type": "object",
    "description": "The basis the page answered for.",
    "required": ["valid_at", "known_at", "position"],
    "properties": {
        "valid_at": {**_TIME, "description": "The valid time answered for (null: now)."},
        "known_at": {**_TIME, "description": "The knowledge time (null: everything known)."},
        "position": {"type": "integer", "description": "The event-log position that knowledge corresponds to."},
    },
}


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


class BasisPagination(Pagination):
    """For the schema of a list read at a basis: the page envelope with ``basis``."""

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        properties = dict(paginated["properties"])
        results = properties.pop("results")
        paginated["properties"] = {**properties, "basis": BASIS_SCHEMA, "results": results}
        paginated["required"] = [*paginated["required"], "basis"]
        return paginated


def paginated_response(*, items: Sequence[Any], serializer_class: type, request, view, basis=None) -> Response:
    """Paginate ``items`` (a queryset, a list or a paged read) and answer with the standard
    envelope, plus the ``basis`` when given."""
    paginator = Pagination()
    page = paginator.paginate_queryset(items, request, view=view)
    response = paginator.get_paginated_response(serializer_class(page, many=True).data)
    if basis is not None:
        body = dict(response.data)
        results = body.pop("results")
        response.data = {**body, "basis": BasisOutput(basis).data, "results": results}
    return response
