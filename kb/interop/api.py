"""API views of the exchange formats: STIX 2.1 export and import."""

from __future__ import annotations

import json

from django import forms
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from actors.models import Actor
from kb.core.choices import ReviewStatus
from kb.core.roles import can_verify
from kb.core.filters import IdOrSlugField, as_id
from kb.interop.stix import examples
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
        responses={(200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT)},
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
