"""API shapes for actors and relationships (REST API v1 contract: add fields, never rename)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.models import Actor, Relationship
from kb.api.fields import EDTFField
from kb.api.validation import ModelCleanMixin


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
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["origin", "created_at", "updated_at"]


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


class ActorDetailSerializer(ActorSerializer):
    """An actor with its relationships and how often the knowledge base cites it."""

    relationships = serializers.SerializerMethodField(
        help_text="Relationships where the actor is the source or the target."
    )
    mention_count = serializers.IntegerField(read_only=True)
    article_count = serializers.IntegerField(read_only=True)
    claim_count = serializers.IntegerField(read_only=True, help_text="Claims the actor made.")
    event_count = serializers.IntegerField(read_only=True, help_text="Events it took part in.")

    class Meta(ActorSerializer.Meta):
        fields = ActorSerializer.Meta.fields + [
            "relationships",
            "mention_count",
            "article_count",
            "claim_count",
            "event_count",
        ]

    @extend_schema_field(RelationshipSummarySerializer(many=True))
    def get_relationships(self, actor):
        # Both sides are prefetched by the viewset; this only concatenates them.
        rows = list(actor.relationships_out.all()) + list(actor.relationships_in.all())
        return RelationshipSummarySerializer(rows, many=True, context=self.context).data


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
