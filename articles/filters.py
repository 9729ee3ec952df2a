"""FilterSets for articles and claims, shared by the API and the HTML lists."""

import django_filters

from articles.models import Article, Claim, ClaimKind, Credibility
from kb.core.choices import ReviewStatus
from kb.core.filters import EDTFBoundFilter, IdFilter, IdOrSlugFilter, SearchFilter, VerifiedFilter


class ArticleFilter(django_filters.FilterSet):
    actor = IdOrSlugFilter(
        field_name="mentions__actor",
        many=True,
        help_text="Id or slug of an actor the article mentions.",
    )
    source = IdFilter(field_name="source", help_text="Source (publication) id.")
    published_after = EDTFBoundFilter(
        field_name="published_on",
        bound="after",
        help_text="Published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).",
    )
    published_before = EDTFBoundFilter(
        field_name="published_on",
        bound="before",
        help_text="Published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).",
    )
    language = django_filters.CharFilter(max_length=10)
    search = SearchFilter(
        fields=("title", "author", "origin", "source__name", "body"),
        help_text="Words matching the title, author, origin file, source or body.",
    )
    ordering = django_filters.OrderingFilter(
        fields=(("published_on", "published"), ("title", "title"), ("ingested_at", "ingested")),
        help_text="Sort key; prefix with - for descending.",
    )

    class Meta:
        model = Article
        fields = ["actor", "source", "language"]


class ClaimFilter(django_filters.FilterSet):
    article = IdFilter(field_name="article", help_text="Article id.")
    claimant = IdOrSlugFilter(field_name="claimant", help_text="Claimant actor id or slug.")
    subject = IdOrSlugFilter(
        field_name="subjects", many=True, help_text="Id or slug of an actor the claim is about."
    )
    event = IdFilter(field_name="event", help_text="Event id.")
    kind = django_filters.ChoiceFilter(choices=ClaimKind.choices)
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)
    verified = VerifiedFilter()
    # A ChoiceFilter (not TypedChoiceFilter) so the HTML form has a blank choice: a select
    # without one always sent credibility=1 and every Apply found nothing.
    credibility = django_filters.ChoiceFilter(choices=Credibility.choices)
    search = SearchFilter(
        fields=("text", "quote", "claimant_text", "claimant__name"),
        help_text="Words matching the claim text, quote or claimant.",
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("created_at", "created"),
            ("credibility", "credibility"),
            ("confidence", "confidence"),
            ("article", "article"),
            ("start", "start"),
        ),
        help_text="Sort key; prefix with - for descending.",
    )

    class Meta:
        model = Claim
        fields = ["article", "claimant", "subject", "event", "kind", "status", "credibility"]
