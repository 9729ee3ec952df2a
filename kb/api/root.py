"""``/api/v1/``: the API's landing page.

A browser gets a page in the site's style: each collection with its one-line description (the
first line of its viewset's docstring, as in the schema), the documentation (Swagger UI,
Redoc, the OpenAPI schema), the exports, and how to authenticate. An API client gets the
same links as JSON, ``{"articles": "http://…/api/v1/articles/", …}``, as DRF's root gave.
"""

from __future__ import annotations

from django.urls import NoReverseMatch
from rest_framework.renderers import JSONRenderer, TemplateHTMLRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import APIRootView, DefaultRouter

# Exports and exchange formats (kb/api_urls.py), with what each gives.
EXPORTS = [
    ("api:events-acled", "Events as ACLED-style CSV."),
    ("api:events-geojson", "Events with coordinates as GeoJSON."),
    ("api:export-stix", "A STIX 2.1 bundle of actors, events, claims and articles."),
    ("api:export-claimreview", "Rated claims as schema.org ClaimReview (JSON-LD)."),
]


class LandingPageRenderer(TemplateHTMLRenderer):
    """The landing page's HTML (for browsers: ``Accept: text/html``)."""

    template_name = "kb/api_root.html"


class ApiRootView(APIRootView):
    """The API's collections, its documentation and how to authenticate."""

    renderer_classes = [JSONRenderer, LandingPageRenderer]
    descriptions: dict[str, str] = {}

    def get(self, request, *args, **kwargs):
        links = super().get(request, *args, **kwargs).data
        if not isinstance(request.accepted_renderer, LandingPageRenderer):
            return Response(links)
        exports = []
        for name, text in EXPORTS:
            try:
                exports.append((reverse(name, request=request), text))
            except NoReverseMatch:
                continue
        collections = [
            (key, url, self.descriptions.get(key, ""), self._csv(request, key))
            for key, url in links.items()
        ]
        return Response(
            {
                "collections": collections,
                "exports": exports,
                "docs": reverse("api:docs", request=request),
                "redoc": reverse("api:redoc", request=request),
                "schema": reverse("api:schema", request=request),
            }
        )

    def _csv(self, request, key: str) -> str:
        """The collection's CSV export, if it has one."""
        name = self.api_root_dict[key].replace("-list", "-csv")
        try:
            return reverse(f"api:{name}", request=request)
        except NoReverseMatch:
            return ""


class KbRouter(DefaultRouter):
    """DefaultRouter whose root is the landing page, describing each collection."""

    APIRootView = ApiRootView

    def get_api_root_view(self, api_urls=None):
        list_name = self.routes[0].name
        return self.APIRootView.as_view(
            api_root_dict={p: list_name.format(basename=b) for p, _, b in self.registry},
            descriptions={p: first_line(v.__doc__) for p, v, _ in self.registry},
        )


def first_line(doc: str | None) -> str:
    """The first line of a docstring (its summary)."""
    return (doc or "").strip().splitlines()[0].strip() if (doc or "").strip() else ""
