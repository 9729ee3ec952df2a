"""URL configuration: admin, HTML pages, REST API."""

from django.contrib import admin
from django.urls import include, path

from kb import views

handler404 = "kb.views.not_found"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("verified-only/", views.verified_switch, name="verified_switch"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("kb.api_urls")),
    path("actors/", include("actors.urls")),
    path("articles/", include("articles.urls")),
    path("events/", include("events.urls")),
]
