"""API shapes for articles, mentions and claims (REST API v1 contract: add fields, never rename)."""

from __future__ import annotations

import hashlib

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.models import Actor
from actors.serializers import ActorRefSerializer
from articles.models import Article, Claim, ClaimLinkKind, Mention, Source
from articles.titles import title_fields
from events.models import Event
from kb.core.api.fields import EDTFField
from kb.core.api.validation import ModelCleanMixin

VERSION_HELP = "Send it back on PUT/PATCH (or as If-Match); 409 if stale."


class ArticleSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """An ingested article, without its body."""

    source = serializers.SlugRelatedField(
        slug_field="name",
        queryset=Source.objects.all(),
        allow_null=True,
        required=False,
        help_text="Name of the publication (an existing source).",
    )
    published = EDTFField(
        help_text="Publication date as EDTF (2019-02-12, 2019-02, 2019); null if unknown."
    )
    actor_count = serializers.IntegerField(read_only=True, help_text="Distinct actors mentioned.")
    claim_count = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(read_only=True, help_text=VERSION_HELP)

    # content_hash is derived from the body, so full_clean may check its uniqueness.
    clean_exclude = ("version", "published_on")

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "title_derived",
            "source",
            "author",
            "published",
            "origin",
            "language",
            "actor_count",
            "claim_count",
            "ingested_at",
            "version",
        ]
        read_only_fields = ["ingested_at", "title_derived"]
        extra_kwargs = {"origin": {"help_text": "File name it was ingested from."}}

    def validate(self, attrs):
        if "body" in attrs:
            if self.instance is not None and attrs["body"] != self.instance.body:
                # Mentions, claims and event sources point at character offsets in the body.
                raise serializers.ValidationError(
                    {"body": ["The body cannot change once ingested: spans point into it."]}
                )
            attrs["content_hash"] = hashlib.sha256(attrs["body"].encode()).hexdigest()
        if self.instance is None and "body" in attrs:
            attrs.update(title_fields(attrs.get("title", ""), attrs["body"]))
        elif "title" in attrs and attrs["title"] != self.instance.title:
            attrs["title_derived"] = False  # a title someone wrote
        return super().validate(attrs)


class MentionSerializer(serializers.ModelSerializer):
    """An actor named in the article body at characters [start, end)."""

    class Meta:
        model = Mention
        fields = ["actor", "start", "end", "text", "confidence", "rule"]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    """An article with its body, the actors it mentions and every mention span."""

    actors = serializers.SerializerMethodField(
        help_text="Actors mentioned, in order of first mention."
    )
    mentions = MentionSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = ArticleSerializer.Meta.fields + ["body", "actors", "mentions"]
        extra_kwargs = {
            **ArticleSerializer.Meta.extra_kwargs,
            "body": {"help_text": "Cleaned article text; every span points into it."},
        }

    @extend_schema_field(ActorRefSerializer(many=True))
    def get_actors(self, article):
        # Mentions and their actors (with aliases) are prefetched by the viewset.
        seen: dict[int, Actor] = {}
        for mention in article.mentions.all():
            seen.setdefault(mention.actor_id, mention.actor)
        return ActorRefSerializer(list(seen.values()), many=True, context=self.context).data


class ClaimSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """An assertion made in an article: who claims what about whom, and how credible it is."""

    claimant = ActorRefSerializer(
        read_only=True, allow_null=True, help_text="Null when the author speaks."
    )
    claimant_id = serializers.PrimaryKeyRelatedField(
        source="claimant",
        queryset=Actor.objects.all(),
        allow_null=True,
        required=False,
        write_only=True,
        help_text="Claimant actor id (write); null for the author's own claim.",
    )
    subjects = ActorRefSerializer(many=True, read_only=True)
    subject_ids = serializers.PrimaryKeyRelatedField(
        source="subjects",
        queryset=Actor.objects.all(),
        many=True,
        required=False,
        write_only=True,
        help_text="Ids of the actors the claim is about (write).",
    )
    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.only("pk", "body"))
    event = serializers.PrimaryKeyRelatedField(
        queryset=Event.objects.all(), allow_null=True, required=False, help_text="Related event id."
    )
    supports = serializers.SerializerMethodField(help_text="Ids of claims this claim supports.")
    contradicts = serializers.SerializerMethodField(
        help_text="Ids of claims this claim contradicts."
    )
    sentence_start = serializers.IntegerField(min_value=0, required=False)
    sentence_end = serializers.IntegerField(min_value=0, required=False)
    version = serializers.IntegerField(read_only=True, help_text=VERSION_HELP)

    class Meta:
        model = Claim
        fields = [
            "id",
            "text",
            "quote",
            "start",
            "end",
            "sentence_start",
            "sentence_end",
            "article",
            "claimant",
            "claimant_id",
            "claimant_text",
            "kind",
            "cue",
            "status",
            "credibility",
            "subjects",
            "subject_ids",
            "event",
            "supports",
            "contradicts",
            "origin",
            "confidence",
            "rule",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["origin", "confidence", "rule", "created_at", "updated_at"]
        extra_kwargs = {
            "text": {"help_text": "The sentence that carries the claim."},
            "quote": {"help_text": "The asserted content, exactly the article body[start:end]."},
            "start": {"min_value": 0},
            "end": {"min_value": 0},
        }

    def _linked(self, claim, kind: str) -> list[int]:
        # links_out is prefetched by the viewset.
        return [link.to_claim_id for link in claim.links_out.all() if link.kind == kind]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_supports(self, claim) -> list[int]:
        return self._linked(claim, ClaimLinkKind.SUPPORTS)

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_contradicts(self, claim) -> list[int]:
        return self._linked(claim, ClaimLinkKind.CONTRADICTS)

    def validate(self, attrs):
        def current(name):
            if name in attrs:
                return attrs[name]
            return getattr(self.instance, name, None)

        start, end = current("start"), current("end")
        article = current("article")
        attrs.setdefault("sentence_start", current("sentence_start") if self.instance else start)
        attrs.setdefault("sentence_end", current("sentence_end") if self.instance else end)
        if start is not None and end is not None:
            if end <= start:
                raise serializers.ValidationError({"end": ["The span must end after it starts."]})
            quote = current("quote")
            if article is not None and quote is not None and article.body[start:end] != quote:
                raise serializers.ValidationError(
                    {"quote": ["The quote must be exactly the article body between start and end."]}
                )
        return super().validate(attrs)
