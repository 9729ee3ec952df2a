"""Imported STIX bundles in the admin: read-only, what each brought."""

from django.contrib import admin

from kb.core.admin_rules import GuardedAdminMixin
from kb.interop.models import StixImport, StixLink


class StixLinkInline(admin.TabularInline):
    model = StixLink
    fields = ("stix_id", "content_type", "object_id", "created")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(StixImport)
class StixImportAdmin(GuardedAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "bundle_id", "created_by", "created_at")
    list_select_related = ("created_by",)
    readonly_fields = ("bundle_id", "sha256", "name", "created_by", "created_at", "summary")
    inlines = [StixLinkInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
