"""Article submission and status (owned by the ingestion work)."""

urlpatterns: list = []
