"""The admin site: its titles and the merge log (with undo); the model admins are the apps'."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from kb.core.admin import admin_link
from kb.core.admin_rules import GuardedAdminMixin
from kb.core.merge_records import merge_record_undo
from kb.core.merging import MergeError
from kb.core.models import MergeRecord
from kb.core.permissions import can_view_ingest_runs, merge_refusal
from kb.runs.models import IngestRun

admin.site.site_header = "kb: Iran–Iraq–US knowledge base"
admin.site.site_title = "kb admin"
admin.site.index_title = "Curation"
# The navigation sidebar took 275 px of a 1366 px laptop screen from every changelist (the
# claims queue had 717 px for 11 columns); the breadcrumbs and the index lead everywhere.
admin.site.enable_nav_sidebar = False


# --- the merge log ---------------------------------------------------------------------


@admin.register(MergeRecord)
class MergeRecordAdmin(GuardedAdminMixin, admin.ModelAdmin):
    list_display = ["summary", "kind", "content_type", "created_by", "created_at", "undone_at"]
    list_filter = ["kind", "content_type", ("undone_at", admin.EmptyFieldListFilter)]
    list_select_related = ["content_type", "created_by", "undone_by"]
    search_fields = ["summary"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "summary",
        "kind",
        "content_type",
        "kept_link",
        "other_id",
        "created_by",
        "created_at",
        "undone_by",
        "undone_at",
        "payload",
    ]
    fields = readonly_fields
    actions = ["undo_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_merge_permission(self, request, record: MergeRecord | None = None) -> bool:
        model = record.content_type.model_class() if record is not None else None
        return merge_refusal(request.user, model) is None

    @admin.display(description="kept / original record")
    def kept_link(self, obj):
        model = obj.content_type.model_class()
        kept = model._base_manager.filter(pk=obj.kept_id).first() if model else None
        return admin_link(kept) if kept else f"#{obj.kept_id} (gone)"

    def get_urls(self):
        return [
            path(
                "<int:pk>/undo/",
                self.admin_site.admin_view(self.undo_view),
                name="kb_mergerecord_undo",
            ),
            *super().get_urls(),
        ]

    def _undo(self, request, record: MergeRecord) -> bool:
        try:
            merge_record_undo(record=record, user=request.user)
        except MergeError as exc:
            self.message_user(request, f"Could not undo “{record}”: {exc}", messages.ERROR)
            return False
        self.message_user(request, f"Undone: {record}", messages.SUCCESS)
        return True

    def undo_view(self, request, pk: int):
        record = get_object_or_404(MergeRecord, pk=pk)
        if request.method != "POST" or not self.has_merge_permission(request, record):
            raise PermissionDenied
        self._undo(request, record)
        return HttpResponseRedirect(reverse("admin:kb_mergerecord_change", args=[pk]))

    @admin.action(description="Undo the selected merges and splits", permissions=["merge"])
    def undo_selected(self, request, queryset):
        # Newest first: a later merge may have moved rows an earlier one brought in.
        for record in queryset.filter(undone_at__isnull=True).order_by("-created_at", "-pk"):
            if self.has_merge_permission(request, record):
                self._undo(request, record)

    def render_change_form(self, request, context, *args, **kwargs):
        context["can_undo"] = self.has_merge_permission(request)
        return super().render_change_form(request, context, *args, **kwargs)


# --- ingest runs -----------------------------------------------------------------------


@admin.register(IngestRun)
class IngestRunAdmin(GuardedAdminMixin, admin.ModelAdmin):
    """Read only: runs are written by the ingest command and its workers."""

    list_display = [
        "id",
        "started_at",
        "finished_at",
        "files_queued",
        "files_done",
        "files_unchanged",
        "files_failed",
        "rate",
    ]
    list_filter = [("finished_at", admin.EmptyFieldListFilter), "reprocess"]
    date_hierarchy = "started_at"
    fields = [
        "paths",
        "reprocess",
        "started_at",
        "finished_at",
        "files_queued",
        "files_done",
        "files_unchanged",
        "files_failed",
        "rate",
        "batches",
        "failures",
    ]
    readonly_fields = fields

    @admin.display(description="files/s")
    def rate(self, run: IngestRun) -> float | None:
        return run.rate

    def has_view_permission(self, request, obj=None) -> bool:
        return can_view_ingest_runs(request.user)

    def has_module_permission(self, request) -> bool:
        return can_view_ingest_runs(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
