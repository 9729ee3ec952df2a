"""REST API v1 routes, schema and documentation."""

from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from actors.api import ActorViewSet, RelationshipViewSet
from articles.api import ArticleViewSet, ClaimViewSet
from events.api import EventViewSet, PlaceViewSet
from kb.api.root import KbRouter
from kb.interop.api import (
    AcledExportView,
    ClaimReviewExportView,
    GeoJSONExportView,
    StixExportView,
    StixExtensionSchemaView,
    StixImportView,
)
from kb.runs.api import IngestRunViewSet

router = KbRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("actors", ActorViewSet, basename="actor")
router.register("claims", ClaimViewSet, basename="claim")
router.register("events", EventViewSet, basename="event")
router.register("places", PlaceViewSet, basename="place")
router.register("relationships", RelationshipViewSet, basename="relationship")
router.register("ingest-runs", IngestRunViewSet, basename="ingest-run")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script from ?script (no inline script).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("export/stix/", StixExportView.as_view(), name="export-stix"),
    path(
        "export/stix/extension/",
        StixExtensionSchemaView.as_view(),
        name="export-stix-extension",
    ),
    path("import/stix/", StixImportView.as_view(), name="import-stix"),
    path("export/claimreview/", ClaimReviewExportView.as_view(), name="export-claimreview"),
    # Before the router: "events/<pk>/" would take "geojson" for an id.
    path("events/acled.csv", AcledExportView.as_view(), name="events-acled"),
    path("events/geojson/", GeoJSONExportView.as_view(), name="events-geojson"),
    *router.urls,
]
