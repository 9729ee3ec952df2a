"""CSV exports of the API lists: same filters, every matching row, streamed."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from itertools import islice

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.decorators import action

CHUNK = 500
# Spreadsheets run cells that start like a formula; a leading apostrophe keeps them text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CSVRenderer(renderers.BaseRenderer):
    """Lets clients send ``Accept: text/csv``; renders error bodies as two-column CSV."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        lines = _Echo()
        writer = csv.writer(lines)
        out = [writer.writerow(["field", "message"])]
        items = data.items() if isinstance(data, dict) else [("detail", data)]
        for key, value in items:
            messages = value if isinstance(value, list) else [value]
            out.extend(writer.writerow([key, str(m)]) for m in messages)
        return "".join(out).encode()


class _Echo:
    def write(self, value: str) -> str:
        return value


def cell(value) -> str | int | float:
    """One CSV cell from a serialized value: lists joined by |, nested actors by name."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, dict):
        if "name" in value or "id" in value:
            return cell(value.get("name", value.get("id")))
        if "actor" in value:  # an event participant
            role = value.get("role")
            return f"{cell(value['actor'])} ({role})" if role else cell(value["actor"])
        return cell(value.get("article", ""))  # an event source
    if isinstance(value, list):
        return "|".join(str(cell(item)) for item in value)
    text = str(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


class CSVExportMixin:
    """A ``csv`` list action: the list's filters, no pagination, the list serializer's fields."""

    csv_filename = "export"

    def csv_columns(self) -> list[str]:
        fields = self.get_serializer_class()().fields
        return [name for name, f in fields.items() if not f.write_only]

    def csv_rows(self, queryset) -> Iterator[list]:
        columns = self.csv_columns()
        yield columns
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        # iterator() with chunk_size runs the queryset's prefetches once per chunk.
        for chunk in _chunks(queryset.iterator(chunk_size=CHUNK), CHUNK):
            for item in serializer_class(chunk, many=True, context=context).data:
                yield [cell(item.get(name)) for name in columns]

    @extend_schema(
        filters=True,
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="Every matching row as CSV, with a header row."
            )
        },
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="csv",
        renderer_classes=[renderers.JSONRenderer, CSVRenderer],
        pagination_class=None,
    )
    def csv(self, request, *args, **kwargs):
        """Export every row matching the list filters as CSV (lists joined by |)."""
        queryset = self.filter_queryset(self.get_queryset())
        writer = csv.writer(_Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in self.csv_rows(queryset)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.csv_filename}.csv"'
        return response
