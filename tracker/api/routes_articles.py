"""Article submission and status (owned by the ingestion work).

Paths are part of the product (DESIGN.md, "REST API"): keep them.
"""

from django.urls import path

from tracker.api import articles

urlpatterns = [
    path("articles/", articles.ArticleListApi.as_view(), name="article-list"),
    path("articles/<str:article_id>/", articles.ArticleDetailApi.as_view(), name="article-detail"),
]
