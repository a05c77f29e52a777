"""Summits, envoys, meetings, events and writes (owned by the REST API work)."""

urlpatterns: list = []
