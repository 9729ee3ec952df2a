"""API views of the exchange formats: STIX 2.1 export and import."""

from __future__ import annotations

import csv
import itertools
import json

from django import forms
from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from actors.models import Actor
from articles.claimreview import RATING_WORDS, claim_review
from articles.filters import ClaimFilter
from articles.models import Claim
from events.filters import EventFilter
from events.models import Event, EventSource, Participant, Place, PlaceKind
from kb.core.api.exports import CHUNK, CSVRenderer, _Echo, cell
from kb.core.choices import ReviewStatus
from kb.core.filters import IdOrSlugField, as_id
from kb.core.pages import PageUrls
from kb.core.permissions import can_verify
from kb.interop import acled, examples, geojson
from kb.interop.stix.export import build_bundle
from kb.interop.stix.importer import BundleError, import_bundle
from kb.interop.stix.rows import Scope, scope_size
from kb.interop.stix.vocab import EXTENSION_SCHEMA


class StixScopeForm(forms.Form):
    actor = IdOrSlugField(required=False)
    status = forms.ChoiceField(choices=ReviewStatus.choices, required=False)

    def clean_actor(self):
        value = self.cleaned_data["actor"]
        if not value:
            return None
        actor = Actor.objects.filter(slug=value).first()
        if actor is None and as_id(value) is not None:
            actor = Actor.objects.filter(pk=as_id(value)).first()
        if actor is None:
            raise forms.ValidationError("No actor with that id or slug.")
        return actor


class StixExportView(APIView):
    """The knowledge base as one STIX 2.1 bundle."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="export_stix",
        summary="STIX 2.1 bundle of the whole knowledge base, or of one actor's neighbourhood",
        description=(
            "Actors become threat-actor (armed groups) or identity objects, places locations, "
            "articles reports, claims notes or opinions (Admiralty credibility → confidence), "
            "events x-kb-event objects; relationships, participations and claim links are "
            "related-to relationships. kb fields travel in one property extension, declared "
            "by the extension-definition every bundle carries (its JSON Schema: "
            "/api/v1/export/stix/extension/). Ids are UUIDv5 of stable keys, so re-exports "
            "keep them. Rejected rows are left out unless status=rejected is asked for. A "
            "bundle is refused (400) past STIX_EXPORT_MAX_ROWS articles, events and claims: "
            "narrow it with actor=."
        ),
        parameters=[
            OpenApiParameter(
                "actor",
                OpenApiTypes.STR,
                description="Id or slug: that actor, its relationships, claims, events and articles.",
            ),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=ReviewStatus.values,
                description="Only rows with this review status (default: all but rejected).",
            ),
        ],
        responses={
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="A STIX 2.1 bundle.",
                examples=[examples.BUNDLE_EXAMPLE],
            ),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="Bad scope, or too large."),
        },
    )
    def get(self, request):
        form = StixScopeForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        scope = Scope(actor=form.cleaned_data["actor"], status=form.cleaned_data["status"] or None)
        size, limit = scope_size(scope), settings.STIX_EXPORT_MAX_ROWS
        if size > limit:
            raise serializers.ValidationError(
                {
                    "detail": f"The bundle would hold {size} articles, events and claims; the "
                    f"limit is {limit}. Narrow it with actor= (or status=)."
                }
            )
        response = HttpResponse(build_bundle(scope).serialize(), content_type="application/json")
        response["Content-Disposition"] = 'inline; filename="kb-stix-bundle.json"'
        return response


class StixExtensionSchemaView(APIView):
    """The JSON Schema of the kb STIX extension."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="export_stix_extension_schema",
        summary="JSON Schema of the kb STIX 2.1 extension",
        responses={
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="JSON Schema (2020-12); $defs by STIX object type.",
                examples=[examples.EXTENSION_SCHEMA_EXAMPLE],
            )
        },
    )
    def get(self, request):
        return JsonResponse(EXTENSION_SCHEMA, json_dumps_params={"ensure_ascii": False})


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The bundle is too large."
    default_code = "too_large"


class StixParser(BaseParser):
    """Reads the raw body; the import view checks its size and parses it itself."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.STIX_IMPORT_MAX_BYTES
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise PayloadTooLarge(
                f"The bundle is larger than {limit} bytes; split it into smaller bundles."
            )
        return data


class StixImportView(APIView):
    """Load a STIX 2.1 bundle; everything arrives as proposals (Editors only)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [StixParser]
    throttle_classes = [UserRateThrottle, ScopedRateThrottle]
    throttle_scope = "stix_import"

    @extend_schema(
        operation_id="import_stix",
        summary="Import a STIX 2.1 bundle (Editors)",
        description=(
            "Identities and threat actors become actors (matched first by kb slug, Wikidata "
            "QID, name or alias, so an actor already here is linked, not copied), locations "
            "places, reports articles (the description is the text), relationships "
            "relationships, notes and opinions claims and x-kb-event objects events, when "
            "they carry the kb extension. Everything new arrives as a proposal whose source "
            "is the bundle; matched rows are left as they are. All or nothing: a bundle "
            "with any unusable object imports nothing (400, with the reasons). Importing "
            "the same bundle twice changes nothing. Bundles over STIX_IMPORT_MAX_BYTES "
            "bytes (413) or STIX_IMPORT_MAX_OBJECTS objects (400) are refused."
        ),
        request={"application/json": OpenApiTypes.OBJECT},
        examples=[examples.IMPORT_REQUEST_EXAMPLE],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="What was created and matched, by kind.",
                examples=[examples.IMPORT_RESPONSE_EXAMPLE],
            ),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="Not a usable bundle."),
            403: OpenApiResponse(OpenApiTypes.OBJECT, description="Not an Editor."),
            413: OpenApiResponse(OpenApiTypes.OBJECT, description="Bundle too large."),
        },
    )
    def post(self, request):
        if not can_verify(request.user):
            raise PermissionDenied("Only editors import STIX bundles.")
        raw = request.data
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else json.dumps(raw)
            result = import_bundle(text, user=request.user, name="api upload")
        except (UnicodeDecodeError, BundleError) as exc:
            raise serializers.ValidationError({"detail": str(exc)}) from exc
        return Response(result.as_dict(), status=status.HTTP_200_OK)


# --- event and claim exports -----------------------------------------------------------


def _chunked(queryset, size: int = CHUNK):
    """The queryset in chunks, each with its prefetches run once (bounded memory)."""
    chunk = []
    for row in queryset.iterator(chunk_size=size):
        chunk.append(row)
        if len(chunk) == size:
            yield from chunk
            chunk = []
    yield from chunk


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class LDJSONRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class _EventExport(GenericAPIView):
    permission_classes = [AllowAny]
    filterset_class = EventFilter
    pagination_class = None

    def get_queryset(self):
        return Event.objects.select_related("place").prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("actor")),
            Prefetch(
                "sources",
                queryset=EventSource.objects.select_related("article__source").defer(
                    "article__body"
                ),
            ),
        )

    def events(self, request):
        # Like the event list: rejected events only when asked for by status=.
        queryset = self.get_queryset()
        if not request.query_params.get("status"):
            queryset = queryset.exclude(status=ReviewStatus.REJECTED)
        return self.filter_queryset(queryset)


class AcledExportView(_EventExport):
    """Events as ACLED-style CSV."""

    renderer_classes = [CSVRenderer, JSONRenderer]

    @extend_schema(
        operation_id="events_acled_csv",
        summary="Events as ACLED-style CSV (ACLED's columns)",
        description=(
            "Every event matching the event list filters that is dated to the day or the month, "
            "one row each, with ACLED's column names in ACLED's order (blank where the kb has "
            "nothing), so the file loads next to ACLED data. Mapping of kinds, precisions, "
            "actors and places: kb/interop/acled.py (README: Exchange formats)."
        ),
        filters=True,
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="A header row with ACLED's columns, then one row per event.",
                examples=[examples.ACLED_EXAMPLE],
            ),
        },
    )
    def get(self, request):
        events = acled.exportable(self.events(request))
        countries = dict(
            Place.objects.filter(kind=PlaceKind.COUNTRY)
            .exclude(country="")
            .values_list("country", "name")
        )
        writer = csv.writer(_Echo())
        rows = acled.acled_rows(_chunked(events), countries)
        lines = (writer.writerow([cell(v) for v in row]) for row in rows)
        response = StreamingHttpResponse(
            itertools.chain([writer.writerow(acled.COLUMNS)], lines),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="kb-events-acled.csv"'
        return response


class GeoJSONExportView(_EventExport):
    """Events with coordinates as GeoJSON."""

    renderer_classes = [GeoJSONRenderer, JSONRenderer]

    @extend_schema(
        operation_id="events_geojson",
        summary="Events with coordinates as a GeoJSON FeatureCollection",
        description=(
            "Every event matching the event list filters whose place has coordinates, as a "
            "Point feature ([longitude, latitude], WGS 84, RFC 7946) with the event's fields "
            "as properties; loads in QGIS or any web map."
        ),
        filters=True,
        responses={
            (200, "application/geo+json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="A FeatureCollection.",
                examples=[examples.GEOJSON_EXAMPLE],
            ),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="A bad filter."),
        },
    )
    def get(self, request):
        events = geojson.with_coordinates(self.events(request)).order_by("date_min", "pk")
        urls = PageUrls("events:detail")
        features = (
            geojson.feature(e, request.build_absolute_uri(urls(e.pk))) for e in _chunked(events)
        )
        response = StreamingHttpResponse(
            geojson.feature_collection(features), content_type="application/geo+json"
        )
        response["Content-Disposition"] = 'inline; filename="kb-events.geojson"'
        return response


class ClaimReviewExportView(GenericAPIView):
    """Rated claims as schema.org ClaimReview JSON-LD."""

    permission_classes = [AllowAny]
    filterset_class = ClaimFilter
    pagination_class = None
    renderer_classes = [LDJSONRenderer, JSONRenderer]

    def get_queryset(self):
        return (
            Claim.objects.filter(credibility__in=list(RATING_WORDS))
            .exclude(status=ReviewStatus.REJECTED)
            .select_related("article__source", "claimant")
            .defer("article__body")
            .order_by("pk")
        )

    @extend_schema(
        operation_id="export_claimreview",
        summary="Rated claims as schema.org ClaimReview (JSON-LD)",
        description=(
            "Every claim matching the claim list filters that an analyst has graded (Admiralty "
            "credibility 1–5), as a ClaimReview in one JSON-LD @graph: the grade as the "
            "rating (ratingValue 6 − grade, 5 = confirmed … 1 = improbable, with the grade's "
            "words as alternateName), the claimant as itemReviewed.author, the article as "
            "itemReviewed.appearance. Claim pages embed the same object."
        ),
        filters=True,
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="JSON-LD with an @graph of ClaimReview objects.",
                examples=[examples.CLAIMREVIEW_EXAMPLE],
            ),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="A bad filter."),
        },
    )
    def get(self, request):
        claims = self.filter_queryset(self.get_queryset())
        claim_urls, article_urls = PageUrls("articles:claim"), PageUrls("articles:detail")
        site = request.build_absolute_uri("/")

        def reviews():
            for claim in _chunked(claims):
                review = claim_review(
                    claim,
                    url=request.build_absolute_uri(claim_urls(claim.pk)),
                    site_url=site,
                    article_url=request.build_absolute_uri(article_urls(claim.article_id)),
                )
                review.pop("@context")
                yield review

        def chunks():
            yield '{"@context": "https://schema.org", "@graph": ['
            for i, review in enumerate(reviews()):
                yield ("," if i else "") + json.dumps(review, ensure_ascii=False)
            yield "]}"

        response = StreamingHttpResponse(chunks(), content_type="application/ld+json")
        response["Content-Disposition"] = 'inline; filename="kb-claimreviews.jsonld"'
        return response
