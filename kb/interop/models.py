"""What came in from STIX bundles: one row per imported bundle, one per object it brought."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class StixImport(models.Model):
    """One imported STIX bundle: the source every row it brought points back to."""

    bundle_id = models.CharField(max_length=100, help_text="The bundle's own STIX id.")
    sha256 = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the bundle as received."
    )
    name = models.CharField(max_length=255, blank=True, help_text="File name, when known.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    summary = models.JSONField(default=dict, help_text="Rows created and matched, by kind.")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "STIX import"

    def __str__(self) -> str:
        return self.name or self.bundle_id


class StixLink(models.Model):
    """A STIX object id and the row it became (or was matched to) on import.

    Export uses the recorded id for the row, so a bundle that is imported and exported
    again keeps its ids; import skips ids it already has, so importing twice changes nothing.
    """

    stix_id = models.CharField(max_length=120, unique=True)
    stix_created = models.DateTimeField(null=True, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    row = GenericForeignKey("content_type", "object_id")
    created = models.BooleanField(
        default=True, help_text="False when the object was matched to an existing row."
    )
    stix_import = models.ForeignKey(StixImport, on_delete=models.CASCADE, related_name="links")

    class Meta:
        ordering = ["stix_id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="stixlink_row_idx")]

    def __str__(self) -> str:
        return self.stix_id
