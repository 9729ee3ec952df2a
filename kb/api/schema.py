"""OpenAPI generation: optimistic locking on every versioned update, and the error
answers every operation can give (400, 401, 403, 404, 409), so clients and schema-conformance
checks (schemathesis) see every status the API sends."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from kb.core.api.locking import CONFLICT_RESPONSE, IF_MATCH_PARAMETER
from kb.core.api.permissions import RoleWritePermission


class ErrorSerializer(serializers.Serializer):
    """What the API answers to a refused request: one sentence."""

    detail = serializers.CharField(help_text="Why the request was refused.")


INVALID = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Invalid request: the body or query parameters, with a message per field.",
)
UNAUTHENTICATED = OpenApiResponse(
    ErrorSerializer, description="No valid credentials (a token or a signed-in session)."
)
FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="The user's role does not allow this write (kb.core.permissions).",
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such row.")
PAGE_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such page of the list.")
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


class KBAutoSchema(AutoSchema):
    """AutoSchema that adds the If-Match header and the 409 answer to versioned updates."""

    def _is_locked_update(self) -> bool:
        return getattr(self.view, "versioned", False) and self.method in ("PUT", "PATCH")

    def get_override_parameters(self):
        params = super().get_override_parameters()
        if self._is_locked_update():
            params = [*params, IF_MATCH_PARAMETER]
        return params

    def get_auth(self):
        # Anyone reads: reads declare no authentication (schemathesis' ignored_auth check
        # reads any declared scheme as required, even next to the optional {}).
        perms = [type(p) for p in self.view.get_permissions()]
        if RoleWritePermission in perms and self.method in ("GET", "HEAD"):
            return []
        return super().get_auth()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if getattr(self.view, "action", None) == "csv" and hasattr(self.view, "csv_columns"):
            self._add_csv_example(responses)
        if self._is_locked_update():
            responses["409"] = self._get_response_for_code(
                CONFLICT_RESPONSE, "409", direction=direction
            )
        for code, response in self._error_responses():
            if code not in responses:
                # Errors come as JSON, or in the operation's own format (CSV, GeoJSON…).
                media = list(dict.fromkeys(["application/json", *self.map_renderers("media_type")]))
                responses[code] = self._get_response_for_code(
                    response, code, media_types=media, direction=direction
                )
        return responses

    def _error_responses(self):
        """(status, response) of the errors this operation can answer with."""
        path_params = "{" in self.path
        query_params = bool(self._get_filter_parameters() or self._get_pagination_parameters())
        if self.method in ("POST", "PUT", "PATCH") or query_params:
            yield "400", INVALID
        if self.method in UNSAFE:
            yield "401", UNAUTHENTICATED
            yield "403", FORBIDDEN
        if path_params:
            yield "404", NOT_FOUND
        elif self._get_pagination_parameters():
            yield "404", PAGE_NOT_FOUND

    def _add_csv_example(self, responses) -> None:
        """Every CSV export documents its header row (the list serializer's fields)."""
        content = responses.get("200", {}).get("content", {}).get("text/csv")
        if content is not None:
            header = ",".join(self.view.csv_columns())
            content["examples"] = {
                "Header": {
                    "value": header + "\r\n",
                    "summary": "The header row, then one row per match",
                }
            }
