"""Page-number pagination for every list, and a helper for the HackSoft-style views."""

from collections.abc import Sequence
from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


def paginated_response(*, items: Sequence[Any], serializer_class: type, request, view) -> Response:
    """Paginate ``items`` (a queryset or a list) and answer with the standard envelope."""
    paginator = Pagination()
    page = paginator.paginate_queryset(items, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)
