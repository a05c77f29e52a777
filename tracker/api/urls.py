"""The API's URL map. Paths are part of the product (see DESIGN.md): keep them."""

from django.urls import include, path

urlpatterns = [
    path("", include("tracker.api.routes_core")),
    path("", include("tracker.api.routes_articles")),
]
