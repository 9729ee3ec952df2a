"""Admin for sources, articles, mentions, claims and claim links.

Provenance (spans, quotes, body, content hash, origin) is read-only once a row exists:
every machine-made link points at exact characters of the article body. Articles can have
hundreds of mentions, so the article page lists a bounded sample with a link to the rest.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles.models import Article, Claim, ClaimLink, Mention, Source
from articles.services import (
    article_delete,
    articles_delete,
    claim_set_status,
    mention_delete,
    mention_save,
    mention_set_status,
    mentions_delete,
)
from kb.core.admin import (
    PROPOSAL_FIELDS,
    REVIEW_QUEUE_ORDERING,
    GuardedAdminMixin,
    KbAdmin,
    LargeTableAdminMixin,
    PreloadedInlineMixin,
    PreloadForm,
    ReviewAdminMixin,
    ReviewStatusFilter,
    admin_link,
    highlight,
)

MENTION_SAMPLE = 50
CLAIMS_LINKED_SAMPLE = 50


def claim_sentence(claim: Claim):
    """The claim's sentence with the asserted quote marked (no article body needed)."""
    if claim.pk is None:
        return "—"
    start, end = claim.start - claim.sentence_start, claim.end - claim.sentence_start
    if claim.text[start:end] != claim.quote:
        found = claim.text.find(claim.quote)
        start, end = (found, found + len(claim.quote)) if found >= 0 else (0, 0)
    return highlight(claim.text, start, end)


class SpanForm(PreloadForm):
    """On creation, a span must lie inside the article body; the quoted text is derived."""

    #: (start, end, text field) of the span this form creates.
    span = ("start", "end", "quote")

    def clean(self):
        cleaned = super().clean()
        start_name, end_name, text_name = self.span
        article = cleaned.get("article")
        start, end = cleaned.get(start_name), cleaned.get(end_name)
        if (
            self.instance.pk is None
            and article is not None
            and start is not None
            and end is not None
        ):
            if not 0 <= start < end <= len(article.body):
                raise ValidationError(
                    f"The span must lie inside the article body (0–{len(article.body)})."
                )
            setattr(self.instance, text_name, article.body[start:end])
        return cleaned


class MentionForm(SpanForm):
    span = ("start", "end", "text")


class LanguageFilter(admin.SimpleListFilter):
    """Language from a fixed list: no SELECT DISTINCT over every article to build it."""

    title = "language"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [("en", "English"), ("ar", "Arabic"), ("fa", "Persian"), ("ku", "Kurdish")]

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset


@admin.register(Source)
class SourceAdmin(GuardedAdminMixin, LargeTableAdminMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "reliability", "url", "articles_link"]
    list_editable = ["reliability"]
    list_filter = ["reliability"]
    search_fields = ["name", "url"]

    @admin.display(description="articles")
    def articles_link(self, obj):
        # A link, not a count: counting every source's articles costs a scan per page view.
        url = reverse("admin:articles_article_changelist") + f"?source__id__exact={obj.pk}"
        return format_html('<a href="{}">articles</a>', url)


class ClaimInline(admin.TabularInline):
    """Claims of an article, read-only here; each links to its own page for editing."""

    model = Claim
    fields = ["sentence", "claimant", "kind", "credibility", "status"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claimant")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="sentence (quote marked)")
    def sentence(self, obj):
        return claim_sentence(obj)


ARTICLE_MAIN_FIELDS = ["title", "title_derived", "source", "author", "url", "published", "language"]


@admin.register(Article)
class ArticleAdmin(LargeTableAdminMixin, KbAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "source", "published", "language", "origin", "ingested_at"]
    # No date_hierarchy and no plain "language" filter: both read every article per view.
    list_filter = ["source", LanguageFilter, "title_derived", "ingested_at"]
    list_select_related = ["source"]
    search_fields = ["title", "author", "url", "origin"]
    autocomplete_fields = ["source"]
    fieldsets = [
        (None, {"fields": ARTICLE_MAIN_FIELDS}),
        ("Text", {"fields": ["body", "mention_sample"]}),
        (
            "Provenance",
            {
                "fields": [
                    "content_hash",
                    "origin",
                    "published_on",
                    "ingested_at",
                    "updated_at",
                    "version",
                ]
            },
        ),
    ]
    inlines = [ClaimInline]
    actions = []

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        # The changelist never shows the body; do not read megabytes of text for it.
        match = request.resolver_match
        return qs.defer("body") if match and (match.url_name or "").endswith("changelist") else qs

    def save_model(self, request, obj, form, change):
        # An analyst's title is no longer derived (unless they tick the box again).
        if "title" in form.changed_data and "title_derived" not in form.changed_data:
            obj.title_derived = False
        super().save_model(request, obj, form, change)

    # Deleting articles deletes their mentions: the services recount the actors they named.
    def delete_model(self, request, obj):
        article_delete(article=obj)

    def delete_queryset(self, request, queryset):
        articles_delete(articles=queryset)

    def get_readonly_fields(self, request, obj=None):
        fields = ["content_hash", "published_on", "ingested_at", "updated_at", "mention_sample"]
        if obj is not None:
            # Every span points into the body and the origin file: fixed once ingested.
            fields += ["body", "origin"]
        return fields

    @admin.display(description="actor mentions")
    def mention_sample(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        mentions = list(
            Mention.objects.filter(article=obj)
            .select_related("actor")
            .order_by("start")[:MENTION_SAMPLE]
        )
        total = obj.mentions.count()
        url = reverse("admin:articles_mention_changelist") + f"?article__id__exact={obj.pk}"
        rows = format_html_join(
            "",
            "<li>{} → {} <small>@{}–{}, {}</small></li>",
            (
                (m.text, admin_link(m.actor), m.start, m.end, m.get_status_display())
                for m in mentions
            ),
        )
        more = f"all {total} mentions" if total > len(mentions) else "edit these mentions"
        return format_html('<ul class="mention-sample">{}</ul><a href="{}">{}</a>', rows, url, more)


@admin.register(Mention)
class MentionAdmin(LargeTableAdminMixin, ReviewAdminMixin, admin.ModelAdmin):
    form = MentionForm
    list_display = ["text", "actor", "article", "start", "end", "status", "origin", "rule"]
    list_filter = ["status", "origin"]
    list_select_related = ["actor", "article"]
    search_fields = ["text", "actor__name", "article__title"]
    autocomplete_fields = ["actor", "article"]
    fields = ["article", "actor", "start", "end", "text", "status", "origin", *PROPOSAL_FIELDS]
    # Newest first by primary key: the default (article, start) order sorts the whole table.
    ordering = ["-pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__body")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "text", "origin", *PROPOSAL_FIELDS] + (
            ["article", "start", "end"] if obj is not None else []
        )

    def set_status(self, request, queryset, status):
        return mention_set_status(mentions=queryset, status=status, user=request.user)

    # Mentions added, moved or deleted by hand: the services recount the actors concerned.
    def save_model(self, request, obj, form, change):
        mention_save(mention=obj, previous_actor_id=form.initial.get("actor"))

    def delete_model(self, request, obj):
        mention_delete(mention=obj)

    def delete_queryset(self, request, queryset):
        mentions_delete(mentions=queryset)


class ClaimLinkInline(PreloadedInlineMixin, admin.TabularInline):
    """Links made by hand: this claim supports or contradicts another."""

    model = ClaimLink
    fk_name = "from_claim"
    fields = ["kind", "to_claim", "origin"]
    readonly_fields = ["origin"]
    autocomplete_fields = ["to_claim"]
    extra = 1
    verbose_name = "link to another claim"
    verbose_name_plural = "links to other claims (supports / contradicts)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("to_claim__claimant")


class ClaimForm(SpanForm):
    """A claim added by hand: its sentence and quote are cut from the article body."""

    class Meta:
        widgets = {"claimant_text": forms.TextInput(attrs={"size": 60})}

    def clean(self):
        cleaned = super().clean()
        article = cleaned.get("article")
        bounds = [cleaned.get(name) for name in ("sentence_start", "start", "end", "sentence_end")]
        if self.instance.pk is None and article is not None and None not in bounds:
            if not bounds[0] <= bounds[1] < bounds[2] <= bounds[3] <= len(article.body):
                raise ValidationError(
                    "The quote must lie inside the sentence, inside the article body."
                )
            self.instance.text = article.body[bounds[0] : bounds[3]]
        return cleaned


@admin.register(Claim)
class ClaimAdmin(LargeTableAdminMixin, KbAdmin):
    """The claim review queue: proposed claims, least sure first, with their sentence and the
    rule that proposed them."""

    form = ClaimForm
    list_display = [
        "sentence",
        "claimant_display",
        "kind",
        "credibility",
        "reliability",
        "confidence",
        "rule",
        "status",
        "article_link",
    ]
    list_display_links = ["sentence"]
    list_editable = ["credibility"]
    list_filter = [
        ReviewStatusFilter,
        "kind",
        "credibility",
        "article__source__reliability",
        "origin",
    ]
    list_select_related = ["article__source", "claimant"]
    # Each row is an editable form (credibility): rendering, not SQL, is the page's cost.
    list_per_page = 25
    search_fields = ["quote", "text", "claimant_text", "claimant__name", "article__title"]
    ordering = REVIEW_QUEUE_ORDERING
    autocomplete_fields = ["claimant", "subjects", "event"]
    readonly_fields = [
        *PROPOSAL_FIELDS,
        "sentence",
        "article_link",
        "quote",
        "start",
        "end",
        "sentence_start",
        "sentence_end",
        "origin",
        "created_at",
        "updated_at",
        "links_in_display",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "sentence",
                    "claimant",
                    "claimant_text",
                    "subjects",
                    "kind",
                    "cue",
                    "event",
                ]
            },
        ),
        (
            "Review",
            {
                "fields": [
                    "status",
                    "credibility",
                    "origin",
                    *PROPOSAL_FIELDS,
                    "created_at",
                    "updated_at",
                    "version",
                ]
            },
        ),
        (
            "Provenance",
            {
                "fields": [
                    "article_link",
                    "quote",
                    "start",
                    "end",
                    "sentence_start",
                    "sentence_end",
                    "links_in_display",
                ]
            },
        ),
    ]
    add_fieldsets = [
        (
            "Where the claim is",
            {"fields": ["article", "sentence_start", "sentence_end", "start", "end"]},
        ),
        (None, {"fields": ["claimant", "claimant_text", "subjects", "kind", "cue", "event"]}),
        ("Review", {"fields": ["status", "credibility"]}),
    ]
    inlines = [ClaimLinkInline]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__body")

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # A new claim by hand needs its span; once saved, the span is provenance.
        return fields if obj is not None else ["origin", "created_at", "updated_at"]

    def set_status(self, request, queryset, status):
        return claim_set_status(claims=queryset, status=status, user=request.user)

    @admin.display(description="sentence (quote marked)")
    def sentence(self, obj):
        return claim_sentence(obj)

    @admin.display(description="claimant", ordering="claimant_text")
    def claimant_display(self, obj):
        if obj.claimant_id:
            return format_html(
                "{} <small>({})</small>", obj.claimant_text or obj.claimant, obj.claimant
            )
        return obj.claimant_text or "author"

    @admin.display(description="source reliability", ordering="article__source__reliability")
    def reliability(self, obj):
        source = obj.article.source
        return f"{source.reliability} ({source})" if source else "—"

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj):
        return admin_link(obj.article)

    @admin.display(description="linked from")
    def links_in_display(self, obj):
        links = list(
            ClaimLink.objects.filter(to_claim=obj)
            .select_related("from_claim__claimant")
            .order_by("kind", "pk")[:CLAIMS_LINKED_SAMPLE]
        )
        if not links:
            return "—"
        return format_html_join(
            "", "<div>{} {}</div>", ((admin_link(link.from_claim), link.kind) for link in links)
        )


@admin.register(ClaimLink)
class ClaimLinkAdmin(LargeTableAdminMixin, KbAdmin):
    list_display = ["from_claim", "kind", "to_claim", "origin"]
    list_filter = ["kind", "origin"]
    list_select_related = ["from_claim__claimant", "to_claim__claimant"]
    search_fields = ["from_claim__quote", "to_claim__quote"]
    autocomplete_fields = ["from_claim", "to_claim"]
    readonly_fields = ["origin"]
    actions = []
