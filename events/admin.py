"""Admin for events, participants, sources and places: review queue, merge, split, history."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles.admin import SpanForm
from articles.models import Claim
from events.models import Event, EventSource, Participant, Place
from events.services import event_merge, event_set_status, event_split
from kb.core.admin import (
    PROPOSAL_FIELDS,
    REVIEW_QUEUE_ORDERING,
    GuardedAdminMixin,
    KbAdmin,
    LargeTableAdminMixin,
    MergeAdminMixin,
    PreloadedInlineMixin,
    ReviewStatusFilter,
    admin_link,
)
from kb.core.merging import MergeError
from kb.core.permissions import can_merge


class ParticipantInline(PreloadedInlineMixin, admin.TabularInline):
    model = Participant
    fields = ["actor", "role", *PROPOSAL_FIELDS]
    readonly_fields = PROPOSAL_FIELDS
    autocomplete_fields = ["actor"]
    extra = 1


class EventSourceInline(admin.TabularInline):
    """Provenance of the event: read-only; add sources by hand from the event source page."""

    model = EventSource
    fields = ["article", "quote", "date_text", "start", "end", "origin"]
    readonly_fields = fields
    extra = 0
    can_delete = True

    def get_queryset(self, request):
        # A row prints as "article → event": load both with it.
        return (
            super().get_queryset(request).select_related("article", "event").defer("article__body")
        )

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def _sources_prefetch() -> Prefetch:
    return Prefetch(
        "sources",
        queryset=EventSource.objects.select_related("article")
        .defer("article__body")
        .order_by("pk"),
    )


@admin.register(Event)
class EventAdmin(MergeAdminMixin, LargeTableAdminMixin, KbAdmin):
    """The event review queue: proposed events, least sure first, with the sentence that reports
    them and the rule that proposed them."""

    list_display = [
        "title",
        "kind",
        "date",
        "place",
        "source_sentence",
        "confidence",
        "rule",
        "status",
        "origin",
    ]
    list_filter = [ReviewStatusFilter, "kind", "date_precision", "origin"]
    list_select_related = ["place"]
    list_per_page = 50
    search_fields = [
        "title",
        "description",
        "date",
        "date_text",
        "place__name",
        "participants__actor__name",
    ]
    ordering = REVIEW_QUEUE_ORDERING
    autocomplete_fields = ["place"]
    readonly_fields = [
        *PROPOSAL_FIELDS,
        "date_precision",
        "date_min",
        "date_max",
        "origin",
        "created_at",
        "updated_at",
        "claims_link",
    ]
    fieldsets = [
        (None, {"fields": ["title", "kind", "description", "place", "fatalities"]}),
        (
            "Date",
            {"fields": ["date", "date_end", "date_text", "date_precision", "date_min", "date_max"]},
        ),
        (
            "Review",
            {
                "fields": [
                    "status",
                    "origin",
                    *PROPOSAL_FIELDS,
                    "claims_link",
                    "created_at",
                    "updated_at",
                    "version",
                ]
            },
        ),
    ]
    inlines = [ParticipantInline, EventSourceInline]
    actions = ["accept_selected", "reject_selected", "merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(_sources_prefetch())

    def set_status(self, request, queryset, status):
        return event_set_status(events=queryset, status=status, user=request.user)

    def merge_service(self, *, keep, merge, user):
        return event_merge(keep=keep, merge=merge, user=user)

    @admin.display(description="reported in")
    def source_sentence(self, obj):
        sources = list(obj.sources.all())  # prefetched
        if not sources:
            return "—"
        first = sources[0]
        more = f" (+{len(sources) - 1} more)" if len(sources) > 1 else ""
        return format_html("“{}” <small>— {}{}</small>", first.quote, first.article, more)

    @admin.display(description="claims")
    def claims_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:articles_claim_changelist") + f"?event__id__exact={obj.pk}&review=all"
        return format_html('<a href="{}">{} claims</a>', url, obj.claims.count())

    def get_urls(self):
        return [
            path(
                "<int:pk>/split/",
                self.admin_site.admin_view(self.split_view),
                name="events_event_split",
            ),
            *super().get_urls(),
        ]

    def split_view(self, request, pk: int):
        """Move chosen sources, participants and claims to a new event."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        event = get_object_or_404(self.get_queryset(request), pk=pk)
        form = EventSplitForm(request.POST or None, event=event)
        if request.method == "POST" and form.is_valid():
            try:
                record = event_split(
                    event=event,
                    title=form.cleaned_data["title"],
                    sources=form.cleaned_data["sources"],
                    participants=form.cleaned_data["participants"],
                    claims=form.cleaned_data["claims"],
                    user=request.user,
                )
            except MergeError as exc:
                form.add_error(None, str(exc))
            else:
                self.message_user(
                    request,
                    format_html(
                        '{} <a href="{}">Undo…</a>', record.summary, record.get_absolute_url()
                    ),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:events_event_change", args=[record.other_id])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Split “{event}”",
            "original": event,
            "form": form,
        }
        return TemplateResponse(request, "admin/events/event/split.html", context)

    def render_change_form(self, request, context, *args, **kwargs):
        context["can_split"] = can_merge(request.user)
        return super().render_change_form(request, context, *args, **kwargs)


class EventSplitForm(forms.Form):
    title = forms.CharField(max_length=300, help_text="Title of the new event.")
    sources = forms.ModelMultipleChoiceField(
        EventSource.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    participants = forms.ModelMultipleChoiceField(
        Participant.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    claims = forms.ModelMultipleChoiceField(
        Claim.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = event.sources.select_related("article").defer(
            "article__body"
        )
        self.fields["sources"].label_from_instance = lambda s: f"“{s.quote}” — {s.article}"
        self.fields["participants"].queryset = event.participants.select_related("actor")
        self.fields["claims"].queryset = event.claims.select_related("claimant")
        self.fields["claims"].label_from_instance = lambda c: (
            f"{c.claimant_text or c.claimant or 'author'}: {c.quote}"
        )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("sources", "participants", "claims")):
            raise forms.ValidationError("Choose at least one source, participant or claim to move.")
        return cleaned


@admin.register(Participant)
class ParticipantAdmin(LargeTableAdminMixin, KbAdmin):
    list_display = ["actor", "role", "event"]
    list_filter = ["role"]
    list_select_related = ["actor", "event"]
    search_fields = ["actor__name", "event__title"]
    autocomplete_fields = ["actor", "event"]
    actions = []


class EventSourceForm(SpanForm):
    pass


@admin.register(EventSource)
class EventSourceAdmin(GuardedAdminMixin, LargeTableAdminMixin, admin.ModelAdmin):
    form = EventSourceForm
    list_display = ["quote_excerpt", "event", "article_link", "date_text", "origin"]
    list_filter = ["origin"]
    list_select_related = ["event", "article"]
    search_fields = ["quote", "event__title", "article__title"]
    autocomplete_fields = ["event", "article"]
    fields = ["event", "article", "start", "end", "quote", "date_text", "origin"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__body")

    def get_readonly_fields(self, request, obj=None):
        fields = ["quote", "origin"]
        return fields + (["article", "start", "end"] if obj is not None else [])

    @admin.display(description="quote")
    def quote_excerpt(self, obj):
        return obj.quote if len(obj.quote) <= 160 else obj.quote[:159] + "…"

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj):
        return admin_link(obj.article)


@admin.register(Place)
class PlaceAdmin(GuardedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "country", "latitude", "longitude"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
