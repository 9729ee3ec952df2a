"""API viewsets for actors and relationships."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from actors.filters import ActorFilter, RelationshipFilter
from actors.models import Actor, Relationship
from actors.serializers import (
    CLAIM_COUNT_CAP,
    ActorDetailSerializer,
    ActorSerializer,
    RelationshipSerializer,
)
from articles.models import Article, Claim
from events.models import Participant
from kb.core.api.viewsets import VersionedViewSet
from kb.core.queries import capped_count_of, count_of


@extend_schema_view(
    list=extend_schema(
        summary="List actors", description="Search matches the name, description and any alias."
    ),
    retrieve=extend_schema(summary="One actor, by id or slug, with relationships and counts"),
)
class ActorViewSet(VersionedViewSet):
    """States, government bodies, armed groups, parties, persons and outlets, with aliases."""

    serializer_class = ActorSerializer
    detail_serializer_class = ActorDetailSerializer
    filterset_class = ActorFilter
    lookup_value_regex = r"[-\w]+"
    slug_lookup = True
    csv_filename = "actors"

    def get_queryset(self):
        queryset = Actor.objects.with_aliases()
        if self.action == "retrieve":
            # The relationships themselves are a bounded page the serializer reads.
            queryset = queryset.annotate(
                # mention_count and article_count are stored on the actor.
                # The most quoted actors made tens of thousands of claims: counted up to a cap.
                claim_count=capped_count_of(Claim.objects.all(), "claimant", CLAIM_COUNT_CAP),
                event_count=count_of(Participant.objects.all(), "actor", distinct="event"),
                # An actor is never both ends of one relationship (relationship_not_self).
                relationship_count=count_of(Relationship.objects.all(), "source")
                + count_of(Relationship.objects.all(), "target"),
            )
        return queryset


@extend_schema_view(list=extend_schema(summary="List relationships between actors"))
class RelationshipViewSet(VersionedViewSet):
    """Directed ties between actors (part of, backed by, allied with …) and their evidence."""

    serializer_class = RelationshipSerializer
    filterset_class = RelationshipFilter
    csv_filename = "relationships"

    def get_queryset(self):
        # Evidence is listed by id: load ids, not article bodies.
        return Relationship.objects.select_related("source", "target").prefetch_related(
            Prefetch("evidence_articles", queryset=Article.objects.only("pk")),
            Prefetch("evidence_claims", queryset=Claim.objects.only("pk")),
        )
