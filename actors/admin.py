"""Admin for actors, aliases and relationships: review, merge, duplicate suggestions, history."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from actors.models import Actor, Alias, Relationship
from actors.names import fold_text
from actors.services import actor_duplicate_suggestions, actor_merge
from kb.core.admin import (
    PROPOSAL_FIELDS,
    KbAdmin,
    LargeTableAdminMixin,
    MergeAdminMixin,
    PreloadedInlineMixin,
    PreloadForm,
)
from kb.core.permissions import can_merge


class AliasForm(PreloadForm):
    """The normalised form is derived from the text, never typed."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("text"):
            self.instance.normalized = fold_text(cleaned["text"])
        return cleaned


class AliasInline(admin.TabularInline):
    model = Alias
    form = AliasForm
    fields = ["text", "kind", "case_sensitive", "language", "normalized"]
    readonly_fields = ["normalized"]
    extra = 1


class RelationshipInline(PreloadedInlineMixin, admin.TabularInline):
    model = Relationship
    fk_name = "source"
    fields = ["kind", "target", "start", "end", "status"]
    autocomplete_fields = ["target"]
    extra = 0
    verbose_name = "relationship (this actor → other)"
    verbose_name_plural = "relationships (this actor → other)"

    def get_queryset(self, request):
        # Each row prints as "source kind target": load both ends with the row.
        return super().get_queryset(request).select_related("source")


@admin.register(Actor)
class ActorAdmin(MergeAdminMixin, KbAdmin):
    list_display = [
        "name",
        "kind",
        "country",
        "parent",
        "status",
        "origin",
        "alias_count",
        "updated_at",
    ]
    list_display_links = ["name"]
    list_filter = ["status", "kind", "origin", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "wikidata_id", "aliases__text", "aliases__normalized"]
    ordering = ["name"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["origin", *PROPOSAL_FIELDS, "created_at", "updated_at", "mentions_link"]
    fieldsets = [
        (
            None,
            {"fields": ["name", "slug", "kind", "parent", "country", "wikidata_id", "description"]},
        ),
        (
            "Review",
            {
                "fields": [
                    "status",
                    "origin",
                    *PROPOSAL_FIELDS,
                    "mentions_link",
                    "created_at",
                    "updated_at",
                    "version",
                ]
            },
        ),
    ]
    inlines = [AliasInline, RelationshipInline]
    actions = ["accept_selected", "reject_selected", "merge_selected"]

    def merge_service(self, *, keep, merge, user):
        return actor_merge(keep=keep, merge=merge, user=user)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(alias_total=Count("aliases", distinct=True))

    @admin.display(description="aliases", ordering="alias_total")
    def alias_count(self, obj):
        return obj.alias_total

    @admin.display(description="mentions")
    def mentions_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:articles_mention_changelist") + f"?actor__id__exact={obj.pk}"
        return format_html('<a href="{}">{} mentions</a>', url, obj.mentions.count())

    def get_urls(self):
        return [
            path(
                "duplicates/",
                self.admin_site.admin_view(self.duplicates_view),
                name="actors_actor_duplicates",
            ),
            *super().get_urls(),
        ]

    def duplicates_view(self, request):
        """Likely duplicate pairs for the analyst to confirm; nothing merges by itself."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Possible duplicate actors",
            "suggestions": actor_duplicate_suggestions(),
            "can_merge": can_merge(request.user),
        }
        return TemplateResponse(request, "admin/actors/actor/duplicates.html", context)


@admin.register(Alias)
class AliasAdmin(KbAdmin):
    form = AliasForm
    list_display = ["text", "actor", "kind", "language", "case_sensitive", "normalized"]
    list_filter = ["kind", "language", "case_sensitive"]
    list_select_related = ["actor"]
    search_fields = ["text", "normalized", "actor__name"]
    autocomplete_fields = ["actor"]
    fields = ["actor", "text", "kind", "case_sensitive", "language", "normalized"]
    readonly_fields = ["normalized"]
    actions = []


class RelationshipForm(PreloadForm):
    class Meta:
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


@admin.register(Relationship)
class RelationshipAdmin(LargeTableAdminMixin, KbAdmin):
    form = RelationshipForm
    list_display = ["source", "kind", "target", "start", "end", "status", "origin", "updated_at"]
    list_filter = ["status", "kind", "origin"]
    list_select_related = ["source", "target"]
    search_fields = ["source__name", "target__name", "description"]
    autocomplete_fields = ["source", "target", "evidence_articles", "evidence_claims"]
    readonly_fields = ["origin", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["source", "kind", "target", "start", "end", "description"]}),
        ("Evidence", {"fields": ["evidence_articles", "evidence_claims"]}),
        ("Review", {"fields": ["status", "origin", "created_at", "updated_at", "version"]}),
    ]
