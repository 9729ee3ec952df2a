"""Actors (states, bodies, armed groups, parties, people, outlets), their aliases and ties."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from actors.names import fold_text
from actors.querysets import ActorQuerySet, RelationshipQuerySet
from kb.core.choices import MachineProposal, ReviewedModel, confidence_in_range
from kb.core.edtf import validate_edtf
from kb.core.history import LeanHistoricalRecords


class ActorKind(models.TextChoices):
    STATE = "state", "State"
    GOVERNMENT_BODY = "government_body", "Government body"
    ARMED_GROUP = "armed_group", "Armed group"
    POLITICAL_PARTY = "political_party", "Political party"
    PERSON = "person", "Person"
    MEDIA = "media", "Media outlet"
    INTERNATIONAL_BODY = "international_body", "International body"
    OTHER = "other", "Other"


class Actor(MachineProposal, ReviewedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(
        max_length=20, choices=ActorKind.choices, default=ActorKind.OTHER, db_index=True
    )
    description = models.TextField(blank=True)
    country = models.CharField(
        max_length=2,
        blank=True,
        db_index=True,
        help_text="ISO 3166-1 alpha-2 code of its home country.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The body it belongs to: Quds Force → IRGC.",
    )
    wikidata_id = models.CharField("Wikidata QID", max_length=20, blank=True)
    # Derived from mentions, stored so lists can sort by them without counting millions of
    # rows; kept current by the services that write mentions (actors.services, articles.services).
    mention_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Mentions of the actor (stored, derived)."
    )
    article_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Articles naming the actor (stored, derived)."
    )

    history = LeanHistoricalRecords(excluded_fields=["mention_count", "article_count"])
    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"]),
            models.Index(fields=["-mention_count", "name"], name="actor_most_mentioned_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="actor_not_own_parent"),
            confidence_in_range("actor_confidence_range"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:detail", kwargs={"slug": self.slug})


class AliasKind(models.TextChoices):
    NAME = "name", "Name"
    VARIANT = "variant", "Spelling variant"
    ABBREVIATION = "abbreviation", "Abbreviation"
    METONYM = "metonym", "Metonym (place name used for the actor)"


class Alias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=200)
    normalized = models.CharField(
        max_length=200,
        db_index=True,
        editable=False,
        help_text="Folded form used for matching: case, diacritics, apostrophes and hyphens folded.",
    )
    kind = models.CharField(max_length=12, choices=AliasKind.choices, default=AliasKind.VARIANT)
    case_sensitive = models.BooleanField(
        default=False, help_text="Match only as written (short acronyms such as IS or KH)."
    )
    language = models.CharField(max_length=10, default="en")

    history = LeanHistoricalRecords()

    class Meta:
        ordering = ["actor", "text"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(fields=["actor", "text"], name="alias_unique_per_actor"),
        ]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        # The folded form is a pure function of the text; every write path needs it.
        self.normalized = fold_text(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.actor.get_absolute_url()


class RelationshipKind(models.TextChoices):
    PART_OF = "part_of", "Part of"
    BACKED_BY = "backed_by", "Backed by"
    ALLIED_WITH = "allied_with", "Allied with"
    OPPOSED_TO = "opposed_to", "Opposed to"
    LEADS = "leads", "Leads"
    MEMBER_OF = "member_of", "Member of"


class Relationship(ReviewedModel):
    source = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="relationships_out")
    target = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="relationships_in")
    kind = models.CharField(max_length=12, choices=RelationshipKind.choices, db_index=True)
    start = models.CharField(
        max_length=10, blank=True, validators=[validate_edtf], help_text="EDTF date."
    )
    end = models.CharField(
        max_length=10, blank=True, validators=[validate_edtf], help_text="EDTF date."
    )
    description = models.TextField(blank=True)
    evidence_articles = models.ManyToManyField(
        "articles.Article", blank=True, related_name="relationships"
    )
    evidence_claims = models.ManyToManyField(
        "articles.Claim", blank=True, related_name="relationships"
    )

    history = LeanHistoricalRecords(m2m_fields=[])
    objects = RelationshipQuerySet.as_manager()

    class Meta:
        ordering = ["source__name", "kind", "target__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="relationship_unique"
            ),
            models.CheckConstraint(condition=~Q(source=F("target")), name="relationship_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display().lower()} {self.target}"

    def get_absolute_url(self) -> str:
        return self.source.get_absolute_url()
