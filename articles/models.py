"""Articles, the actor mentions in them, and the claims they report."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from articles.querysets import ArticleQuerySet, ClaimQuerySet, MentionQuerySet
from kb.core.choices import (
    MachineProposal,
    Origin,
    ReviewedModel,
    ReviewStatus,
    confidence_in_range,
)
from kb.core.edtf import PartialDate, validate_edtf
from kb.core.history import LeanHistoricalRecords


class Reliability(models.TextChoices):
    """Admiralty (NATO) source reliability grade."""

    A = "A", "A — completely reliable"
    B = "B", "B — usually reliable"
    C = "C", "C — fairly reliable"
    D = "D", "D — not usually reliable"
    E = "E", "E — unreliable"
    F = "F", "F — reliability cannot be judged"


class Source(models.Model):
    """A publication or outlet that articles come from."""

    name = models.CharField(max_length=200, unique=True)
    url = models.URLField(blank=True)
    reliability = models.CharField(
        max_length=1,
        choices=Reliability.choices,
        default=Reliability.F,
        help_text="Admiralty reliability grade of the source, set by analysts.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:list") + f"?source={self.pk}"


class Article(models.Model):
    title = models.CharField(max_length=500, blank=True)
    title_derived = models.BooleanField(
        "title derived from the text",
        default=False,
        help_text="The article had no title: this one is its first heading or sentence "
        "(articles.titles). Editing the title clears it.",
    )
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    author = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published = models.CharField(
        max_length=10,
        blank=True,
        validators=[validate_edtf],
        help_text="Publication date as EDTF (2019-02-12, 2019-02, 2019), blank when unknown.",
    )
    published_on = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        editable=False,
        help_text="First day covered by the publication date; derived, used for filtering.",
    )
    body = models.TextField(help_text="Cleaned article text; every span points into it.")
    content_hash = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of the source file: re-ingesting the same file is a no-op.",
    )
    origin = models.CharField(
        max_length=255, blank=True, db_index=True, help_text="File name it was ingested from."
    )
    language = models.CharField(max_length=10, default="en")
    ingested_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = LeanHistoricalRecords(excluded_fields=["body"])
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-ingested_at"]
        indexes = [
            models.Index(fields=["-published_on", "-ingested_at"], name="article_recent_idx")
        ]

    def __str__(self) -> str:
        return self.title or self.origin or f"Article {self.pk}"

    def save(self, *args, **kwargs):
        # published_on is a pure function of published; keeping them together here is
        # cheaper than every write path remembering it (bulk writes call this too).
        self.derive_published_on()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"pk": self.pk})

    def derive_published_on(self) -> None:
        """Set published_on, the first day the publication date covers."""
        bounds = self.published_date.bounds() if self.published else None
        self.published_on = bounds[0] if bounds else None

    @property
    def published_date(self) -> PartialDate | None:
        return PartialDate.parse(self.published) if self.published else None


class Mention(MachineProposal):
    """An actor named in an article, at the exact characters that name it."""

    # Mentions are the largest table (millions of rows) and every index costs each ingest:
    # the (article, actor, start, end) constraint serves lookups by article and
    # mention_actor_article_idx those by actor, so neither key has an index of its own;
    # status (three values) is not indexed either.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="mentions", db_index=False
    )
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="mentions", db_index=False
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300, help_text="Surface text as written in the article.")
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PROPOSED
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.INGEST)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        indexes = [models.Index(fields=["actor", "article"], name="mention_actor_article_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "actor", "start", "end"], name="mention_unique_span"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="mention_span_nonempty"),
            confidence_in_range("mention_confidence_range"),
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.actor_id} @{self.start}"

    def get_absolute_url(self) -> str:
        return self.article.get_absolute_url() + f"#m{self.pk}"


class ClaimKind(models.TextChoices):
    STATEMENT = "statement", "Statement"
    ACCUSATION = "accusation", "Accusation"
    DENIAL = "denial", "Denial"
    REPORT = "report", "Report"
    ASSESSMENT = "assessment", "Assessment"
    THREAT = "threat", "Threat"
    RESPONSIBILITY = "responsibility", "Claim of responsibility"


class Credibility(models.IntegerChoices):
    """Admiralty (NATO) information credibility grade."""

    CONFIRMED = 1, "1 — confirmed by other sources"
    PROBABLY_TRUE = 2, "2 — probably true"
    POSSIBLY_TRUE = 3, "3 — possibly true"
    DOUBTFUL = 4, "4 — doubtful"
    IMPROBABLE = 5, "5 — improbable"
    CANNOT_BE_JUDGED = 6, "6 — truth cannot be judged"


class Claim(MachineProposal, ReviewedModel):
    """An assertion made in an article, by a claimant or by the author."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField(help_text="The sentence that carries the claim.")
    quote = models.TextField(help_text="The asserted content, exactly body[start:end].")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    claimant = models.ForeignKey(
        "actors.Actor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_made",
        help_text="Empty when the claim is the author's own.",
    )
    claimant_text = models.CharField(
        max_length=300, blank=True, help_text="The claimant as written."
    )
    subjects = models.ManyToManyField("actors.Actor", blank=True, related_name="claims_about")
    kind = models.CharField(
        max_length=15, choices=ClaimKind.choices, default=ClaimKind.STATEMENT, db_index=True
    )
    cue = models.CharField(
        max_length=50, blank=True, help_text="Attribution word: said, denied, according to…"
    )
    credibility = models.PositiveSmallIntegerField(
        choices=Credibility.choices, default=Credibility.CANNOT_BE_JUDGED
    )
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    links = models.ManyToManyField(
        "self", through="ClaimLink", symmetrical=False, blank=True, related_name="linked_from"
    )

    history = LeanHistoricalRecords()
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="claim_review_idx"),
            models.Index(fields=["status", "confidence"], name="claim_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_nonempty"),
            models.CheckConstraint(
                condition=Q(credibility__gte=1) & Q(credibility__lte=6),
                name="claim_credibility_range",
            ),
            confidence_in_range("claim_confidence_range"),
        ]

    def __str__(self) -> str:
        who = self.claimant_text or (str(self.claimant) if self.claimant_id else "author")
        return f"{who}: {self.quote[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("articles:claim", kwargs={"pk": self.pk})


class ClaimLinkKind(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"


class ClaimLink(models.Model):
    """One claim supporting or contradicting another."""

    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_out")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=12, choices=ClaimLinkKind.choices)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.ANALYST)

    history = LeanHistoricalRecords()

    class Meta:
        ordering = ["from_claim", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_claim", "to_claim", "kind"], name="claimlink_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")), name="claimlink_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.from_claim_id} {self.kind} #{self.to_claim_id}"
