"""API shapes for actors and relationships (REST API v1 contract: add fields, never rename)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from actors.models import Actor, Relationship
from kb.core.api.fields import EDTFField
from kb.core.api.validation import ModelCleanMixin


class AliasListField(serializers.ListField):
    """Alias texts of a prefetched actor, as a list of strings."""

    child = serializers.CharField()

    def to_representation(self, data):
        return [alias.text for alias in data.all()]


class ActorRefSerializer(serializers.ModelSerializer):
    """An actor referenced from another record: id, name, slug, kind and aliases."""

    aliases = AliasListField(read_only=True)

    class Meta:
        model = Actor
        fields = ["id", "name", "slug", "kind", "aliases"]
        read_only_fields = fields


class ActorSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """An actor: a state, government body, armed group, party, person, outlet or international body."""

    aliases = AliasListField(read_only=True, help_text="Every name the actor goes by.")
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.all(),
        allow_null=True,
        required=False,
        help_text="Id of the body it belongs to (Quds Force → IRGC).",
    )
    version = serializers.IntegerField(
        read_only=True, help_text="Send it back on PUT/PATCH (or as If-Match); 409 if stale."
    )

    class Meta:
        model = Actor
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "status",
            "country",
            "description",
            "aliases",
            "parent",
            "wikidata_id",
            "origin",
            "confidence",
            "rule",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["origin", "confidence", "rule", "created_at", "updated_at"]


class RelationshipSummarySerializer(serializers.ModelSerializer):
    """A relationship as listed on an actor's detail, with both ends named."""

    source = ActorRefSerializer(read_only=True)
    target = ActorRefSerializer(read_only=True)
    start = EDTFField(read_only=True)
    end = EDTFField(read_only=True)

    class Meta:
        model = Relationship
        fields = ["id", "source", "kind", "target", "start", "end", "status"]
        read_only_fields = fields


# Relationships embedded in an actor's detail; relationships_url lists them all. The same
# number as the relationships endpoint's default page, in the same order: its first page.
RELATIONSHIPS_SHOWN = 25
#: claim_count counts at most this many claims (an index range per actor, then it stops).
CLAIM_COUNT_CAP = 10_000


class ActorDetailSerializer(ActorSerializer):
    """An actor with its relationships and how often the knowledge base cites it."""

    relationships = serializers.SerializerMethodField(
        help_text=(
            f"Relationships where the actor is the source or the target: the first "
            f"{RELATIONSHIPS_SHOWN}, ordered by source name, kind and target name (the order "
            "and first page of `relationships_url`). `relationship_count` says how many "
            "there are."
        )
    )
    relationship_count = serializers.IntegerField(
        read_only=True, help_text="Relationships where the actor is the source or the target."
    )
    relationships_url = serializers.SerializerMethodField(
        help_text="The relationships list filtered to this actor: every relationship, paginated."
    )
    mention_count = serializers.IntegerField(read_only=True)
    article_count = serializers.IntegerField(read_only=True)
    claim_count = serializers.SerializerMethodField(
        help_text=f"Claims the actor made, counted up to {CLAIM_COUNT_CAP}: above that, "
        f"{CLAIM_COUNT_CAP} with claim_count_exact false (the claims list, filtered by "
        "claimant, has them all)."
    )
    claim_count_exact = serializers.SerializerMethodField(
        help_text="False when claim_count stopped at the cap."
    )
    event_count = serializers.IntegerField(read_only=True, help_text="Events it took part in.")

    class Meta(ActorSerializer.Meta):
        fields = ActorSerializer.Meta.fields + [
            "relationships",
            "relationship_count",
            "relationships_url",
            "mention_count",
            "article_count",
            "claim_count",
            "claim_count_exact",
            "event_count",
        ]

    @extend_schema_field(RelationshipSummarySerializer(many=True))
    def get_relationships(self, actor):
        # A bounded page: the most connected actors have hundreds of ties, and serialising
        # them all (two nested actors each) cost more than the rest of the response.
        rows = (
            Relationship.objects.touching(actor)
            .prefetch_related("source__aliases", "target__aliases")
            .order_by("source__name", "kind", "target__name", "pk")[:RELATIONSHIPS_SHOWN]
        )
        return RelationshipSummarySerializer(rows, many=True, context=self.context).data

    def get_claim_count(self, actor) -> int:
        return min(actor.claim_count, CLAIM_COUNT_CAP)

    def get_claim_count_exact(self, actor) -> bool:
        return actor.claim_count <= CLAIM_COUNT_CAP

    @extend_schema_field(serializers.URLField())
    def get_relationships_url(self, actor) -> str:
        url = reverse("api:relationship-list", request=self.context.get("request"))
        return f"{url}?actor={actor.pk}"


class RelationshipSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """A directed relationship between two actors, with its period and evidence."""

    source = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.all(), help_text="Source actor id."
    )
    target = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.all(), help_text="Target actor id."
    )
    source_name = serializers.CharField(source="source.name", read_only=True)
    target_name = serializers.CharField(source="target.name", read_only=True)
    start = EDTFField()
    end = EDTFField()
    version = serializers.IntegerField(
        read_only=True, help_text="Send it back on PUT/PATCH (or as If-Match); 409 if stale."
    )

    class Meta:
        model = Relationship
        fields = [
            "id",
            "source",
            "source_name",
            "kind",
            "target",
            "target_name",
            "start",
            "end",
            "description",
            "status",
            "evidence_articles",
            "evidence_claims",
            "origin",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["origin", "created_at", "updated_at"]
