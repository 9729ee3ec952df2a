"""Choices shared by the apps: review status and where a record came from."""

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
