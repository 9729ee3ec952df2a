"""Optimistic locking for API writes.

Every versioned row carries ``version``. A client updating a row sends back the version it
read, as the body field ``version`` or an ``If-Match: "<version>"`` header. The write is
:func:`kb.core.locking.version_bump` (a conditional ``UPDATE ... WHERE version = %s``, shared with
the admin) followed by the field changes, in one transaction: of two clients holding the same
version exactly one wins; the other gets 409 Conflict and must reload.
"""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from kb.core.locking import StaleVersionError, version_bump

IF_MATCH_PARAMETER = OpenApiParameter(
    name="If-Match",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        'The version you read, e.g. "3" (the ETag of the detail response). '
        "Alternative to the body field `version`; one of the two is required."
    ),
)

CONFLICT_RESPONSE = OpenApiResponse(
    response=inline_serializer(
        "VersionConflict",
        {
            "detail": serializers.CharField(),
            "current_version": serializers.IntegerField(allow_null=True),
        },
    ),
    description="The row changed since you read it: reload it and apply your change again.",
)


def conflict_response(error: StaleVersionError) -> Response:
    """409 with what the client sent and what the row is at now."""
    if error.current is None:
        detail = "Version conflict: the record was deleted after you read it."
    else:
        detail = (
            f"Version conflict: you sent version {error.expected} but the record is now at "
            f"version {error.current}. Reload it and apply your change again."
        )
    return Response(
        {"detail": detail, "current_version": error.current}, status=status.HTTP_409_CONFLICT
    )


def etag(version: int) -> str:
    return f'"{version}"'


def _parse_version(raw) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raise serializers.ValidationError({"version": ["Send the version as an integer."]})
    text = str(raw).strip()
    if text.startswith("W/"):
        text = text[2:]
    text = text.strip('"')
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise serializers.ValidationError({"version": ["Send the version as a positive integer."]})
    return int(text)


def expected_version(request) -> int:
    """The version the client read: body field `version`, else the If-Match header."""
    body = request.data.get("version") if hasattr(request.data, "get") else None
    version = _parse_version(body)
    if version is None:
        version = _parse_version(request.headers.get("If-Match"))
    if version is None:
        raise serializers.ValidationError(
            {
                "version": [
                    "Send the version you read, as the body field `version` or an If-Match header."
                ]
            }
        )
    return version


class OptimisticLockMixin:
    """ModelViewSet mixin: conditional updates on ``version`` and an ETag on detail reads."""

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        data = getattr(response, "data", None)  # none on a 304
        version = data.get("version") if isinstance(data, dict) else None
        if version is not None:
            response["ETag"] = etag(version)
        return response

    def update(self, request, *args, **kwargs):
        try:
            response = super().update(request, *args, **kwargs)
        except StaleVersionError as error:
            return conflict_response(error)
        if isinstance(response.data, dict) and response.data.get("version") is not None:
            response["ETag"] = etag(response.data["version"])
        return response

    def perform_update(self, serializer):
        expected = expected_version(self.request)
        with transaction.atomic():
            # The conditional UPDATE takes the row's write lock: a concurrent writer holding
            # the same version waits here, then matches no row and gets 409.
            version_bump(instance=serializer.instance, expected=expected)
            super().perform_update(serializer)
