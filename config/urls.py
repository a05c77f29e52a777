from django.contrib import admin
from django.urls import include, path

from tracker.api.docs import RedocView, SchemaView, SwaggerView
from tracker.api.health import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    path("api/", include("tracker.api.urls")),
]

# Errors outside the API views are JSON too (production: DEBUG off).
handler404 = "tracker.api.errors.not_found"
handler500 = "tracker.api.errors.server_error"
