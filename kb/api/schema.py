"""OpenAPI generation: document optimistic locking on every versioned update."""

from drf_spectacular.openapi import AutoSchema

from kb.core.api.locking import CONFLICT_RESPONSE, IF_MATCH_PARAMETER


class KBAutoSchema(AutoSchema):
    """AutoSchema that adds the If-Match header and the 409 answer to versioned updates."""

    def _is_locked_update(self) -> bool:
        return getattr(self.view, "versioned", False) and self.method in ("PUT", "PATCH")

    def get_override_parameters(self):
        params = super().get_override_parameters()
        if self._is_locked_update():
            params = [*params, IF_MATCH_PARAMETER]
        return params

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if getattr(self.view, "action", None) == "csv" and hasattr(self.view, "csv_columns"):
            self._add_csv_example(responses)
        if self._is_locked_update():
            responses["409"] = self._get_response_for_code(
                CONFLICT_RESPONSE, "409", direction=direction
            )
        return responses

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
