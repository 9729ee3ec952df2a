"""FilterSets for actors and relationships, shared by the API and the HTML lists."""

import django_filters
from django.db.models import Q

from actors.models import Actor, ActorKind, Alias, Relationship, RelationshipKind
from actors.names import fold_text
from kb.core.choices import ReviewStatus
from kb.core.filters import IdOrSlugFilter, SearchFilter, VerifiedFilter, id_or_slug_q


def _alias_match(word: str) -> Q:
    """Actors with an alias containing the word, as written or folded."""
    aliases = Alias.objects.filter(
        Q(text__icontains=word) | Q(normalized__icontains=fold_text(word))
    ).values("actor_id")
    return Q(pk__in=aliases)


class ActorFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ActorKind.choices)
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)
    verified = VerifiedFilter()
    country = django_filters.CharFilter(
        max_length=2, help_text="ISO 3166-1 alpha-2 code, case-insensitive.", lookup_expr="iexact"
    )
    parent = IdOrSlugFilter(field_name="parent", help_text="Parent actor id or slug.")
    search = SearchFilter(
        fields=("name", "slug", "description"),
        extra_q=_alias_match,
        help_text="Words matching the name, description or any alias.",
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("kind", "kind"),
            ("country", "country"),
            ("created_at", "created"),
            ("updated_at", "updated"),
        ),
        help_text="Sort key; prefix with - for descending.",
    )

    class Meta:
        model = Actor
        fields = ["kind", "status", "country", "parent"]


class RelationshipFilter(django_filters.FilterSet):
    source = IdOrSlugFilter(field_name="source", help_text="Source actor id or slug.")
    target = IdOrSlugFilter(field_name="target", help_text="Target actor id or slug.")
    actor = IdOrSlugFilter(
        method="filter_actor",
        help_text="Actor id or slug on either end of the relationship.",
    )
    kind = django_filters.ChoiceFilter(choices=RelationshipKind.choices)
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)
    verified = VerifiedFilter()
    search = SearchFilter(
        fields=("source__name", "target__name", "description"),
        help_text="Words matching either actor's name or the description.",
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("source__name", "source"),
            ("target__name", "target"),
            ("kind", "kind"),
            ("start", "start"),
        ),
        help_text="Sort key; prefix with - for descending.",
    )

    class Meta:
        model = Relationship
        fields = ["source", "target", "kind", "status"]

    def filter_actor(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(id_or_slug_q("source", value) | id_or_slug_q("target", value))
