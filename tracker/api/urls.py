"""The API's URL map. Paths are part of the product (see DESIGN.md): keep them."""

from django.urls import include, path, re_path

from tracker.api.errors import not_found

urlpatterns = [
    path("", include("tracker.api.routes_core")),
    path("", include("tracker.api.routes_articles")),
    # Anything else under /api/ is a JSON 404, whatever DEBUG says.
    re_path(r"^.*$", not_found, name="api-not-found"),
]
