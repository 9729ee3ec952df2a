"""``/api/v1/ingest-runs/``: how far each queued ingest got (Analysts and Editors, read only).

Runs name the paths on the machine that started them and why files failed: operators'
business, so only staff users read them. Never cached: a run changes without moving the
knowledge-base version.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission

from kb.core.permissions import can_view_ingest_runs
from kb.runs.models import IngestRun


class CanViewIngestRuns(BasePermission):
    message = "Ingest runs are for staff users with the view ingest run permission."

    def has_permission(self, request, view) -> bool:
        return can_view_ingest_runs(request.user)


class FailureSerializer(serializers.Serializer):
    path = serializers.CharField()
    reason = serializers.CharField(help_text="What is wrong with the file, in one line.")


class IngestRunSerializer(serializers.ModelSerializer):
    files_processed = serializers.IntegerField(read_only=True)
    finished = serializers.BooleanField(source="is_finished", read_only=True)
    rate = serializers.FloatField(
        read_only=True, allow_null=True, help_text="Files processed per second so far."
    )
    failures = serializers.SerializerMethodField()
    paths = serializers.SerializerMethodField()

    class Meta:
        model = IngestRun
        fields = [
            "id",
            "paths",
            "reprocess",
            "started_at",
            "finished_at",
            "finished",
            "files_queued",
            "files_processed",
            "files_done",
            "files_unchanged",
            "files_failed",
            "rate",
            "batches",
            "failures",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_paths(self, run: IngestRun) -> list[str]:
        return run.paths.splitlines()

    @extend_schema_field(FailureSerializer(many=True))
    def get_failures(self, run: IngestRun) -> list[dict]:
        return run.failures


class IngestRunViewSet(viewsets.ReadOnlyModelViewSet):
    """Ingest runs, newest first: files queued, done, unchanged, failed (with why), rate."""

    queryset = IngestRun.objects.all()
    serializer_class = IngestRunSerializer
    permission_classes = [CanViewIngestRuns]
    filter_backends: list = []
