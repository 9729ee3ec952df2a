"""API views that are not model viewsets: the STIX 2.1 export."""

from django import forms
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from actors.models import Actor
from kb.api.stix import Scope, build_bundle
from kb.core.choices import ReviewStatus
from kb.core.filters import IdOrSlugField, as_id


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
            "Actors become threat-actor (armed groups) or identity objects with their aliases, "
            "articles reports, claims notes or opinions (Admiralty credibility → confidence), "
            "events x-kb-event objects, places locations. Rejected rows are left out unless "
            "status=rejected is asked for."
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
                OpenApiTypes.OBJECT, description="A STIX 2.1 bundle."
            ),
        },
    )
    def get(self, request):
        form = StixScopeForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        scope = Scope(actor=form.cleaned_data["actor"], status=form.cleaned_data["status"] or None)
        bundle = build_bundle(scope)
        response = HttpResponse(bundle.serialize(), content_type="application/json")
        response["Content-Disposition"] = 'inline; filename="kb-stix-bundle.json"'
        return response
