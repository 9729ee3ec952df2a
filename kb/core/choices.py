"""Choices shared by the apps: review status, where a record came from, how sure ingest was."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class ReviewStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


class Origin(models.TextChoices):
    """Who made a record: the reference catalog, the ingest pipeline, an analyst or an import."""

    CATALOG = "catalog", "Reference catalog"
    INGEST = "ingest", "Ingest pipeline"
    ANALYST = "analyst", "Analyst"
    IMPORT = "import", "Imported (STIX bundle)"


class ReviewedModel(models.Model):
    """Review status, origin, optimistic-locking version and timestamps."""

    status = models.CharField(
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PROPOSED,
        db_index=True,
        help_text="Machine proposals start as proposed; only analysts verify or reject.",
    )
    origin = models.CharField(
        max_length=10, choices=Origin.choices, default=Origin.ANALYST, db_index=True
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Incremented on every save; a stale version is refused."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_machine_made(self) -> bool:
        return self.origin == Origin.INGEST


class MachineProposal(models.Model):
    """How sure the ingest rule that proposed a row was, and which rule it was.

    Both are written by the pipeline only: null/blank on rows analysts made or the catalog
    loaded. The review queues list the least sure proposals first.
    """

    confidence = models.FloatField(
        null=True,
        blank=True,
        editable=False,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="How sure the ingest rule was, 0–1; empty for rows made by hand.",
    )
    rule = models.CharField(
        max_length=40,
        blank=True,
        editable=False,
        help_text="The ingest rule that proposed it (passive_by_agent, according_to…).",
    )

    class Meta:
        abstract = True


def confidence_in_range(name: str) -> models.CheckConstraint:
    """The database check every MachineProposal model carries: null or within 0–1."""
    return models.CheckConstraint(
        condition=models.Q(confidence__isnull=True)
        | (models.Q(confidence__gte=0) & models.Q(confidence__lte=1)),
        name=name,
    )
