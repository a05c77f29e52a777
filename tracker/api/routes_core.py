"""Summits, envoys, meetings, events and writes (owned by the REST API work).

Paths are part of the product (DESIGN.md, "REST API"): keep them.
"""

from django.urls import path

from tracker.api import envoys, events, meetings, summits

urlpatterns = [
    path("summits/", summits.SummitListApi.as_view(), name="summit-list"),
    path("summits/<slug:slug>/", summits.SummitDetailApi.as_view(), name="summit-detail"),
    path("summits/<slug:slug>/timeline/", summits.SummitTimelineApi.as_view(), name="summit-timeline"),
    path("summits/<slug:slug>/events/", summits.SummitEventsApi.as_view(), name="summit-events"),
    path("summits/<slug:slug>/diff/", summits.SummitDiffApi.as_view(), name="summit-diff"),
    path(
        "summits/<slug:slug>/status-changes/",
        summits.SummitStatusChangeApi.as_view(),
        name="summit-status-changes",
    ),
    path("envoys/", envoys.EnvoyListApi.as_view(), name="envoy-list"),
    path("envoys/<slug:slug>/", envoys.EnvoyDetailApi.as_view(), name="envoy-detail"),
    path("envoys/<slug:slug>/roles/", envoys.EnvoyRoleApi.as_view(), name="envoy-roles"),
    path("meetings/", meetings.MeetingListApi.as_view(), name="meeting-list"),
    path("events/", events.EventFeedApi.as_view(), name="event-feed"),
    path("events/<uuid:event_id>/", events.EventDetailApi.as_view(), name="event-detail"),
    path("events/<uuid:event_id>/retractions/", events.RetractionApi.as_view(), name="event-retractions"),
    path("events/<uuid:event_id>/corrections/", events.CorrectionApi.as_view(), name="event-corrections"),
]
