"""The API's content negotiation answers as DRF's default, whatever the request asks."""

import pytest
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from tracker.api.commands import WriteApi
from tracker.api.negotiation import Negotiation

ASKS = [
    ({}, ""),
    ({"HTTP_ACCEPT": "*/*"}, ""),
    ({"HTTP_ACCEPT": "application/json"}, ""),
    ({"HTTP_ACCEPT": "text/html"}, ""),
    ({"HTTP_ACCEPT": "text/html;q=0.9, */*;q=0.8"}, ""),
    ({"HTTP_ACCEPT": "*/*; indent=4"}, ""),
    ({}, "?format=json"),
    ({}, "?format=api"),
    ({"HTTP_ACCEPT": "*/*"}, "?format=api"),
]


@pytest.mark.parametrize(("headers", "query"), ASKS)
def test_same_renderer_and_media_type_as_drf(headers, query):
    renderers = WriteApi().get_renderers()
    request = Request(APIRequestFactory().get("/api/summits/x/" + query, **headers))
    renderer, media_type = Negotiation().select_renderer(request, renderers)
    expected, expected_type = DefaultContentNegotiation().select_renderer(request, renderers)
    assert (type(renderer), media_type) == (type(expected), expected_type)


def test_the_api_views_use_it():
    assert WriteApi.content_negotiation_class is Negotiation
