"""The merge log: every merge and split analysts make, kept so that it can be undone.

Imported by kb.models, so the model belongs to the ``kb`` app (table ``kb_mergerecord``).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse


class MergeKind(models.TextChoices):
    MERGE = "merge", "Merge"
    SPLIT = "split", "Split"


class MergeRecord(models.Model):
    """One merge (two rows became one) or split (one row gave part of itself to a new one).

    ``payload`` holds what undo needs: a snapshot of the removed row, the ids of every row
    that was repointed, the rows deleted as duplicates and the fields changed on the kept
    row. The curation permissions the roles use live in this model's Meta.
    """

    kind = models.CharField(max_length=5, choices=MergeKind.choices, default=MergeKind.MERGE)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    kept_id = models.PositiveBigIntegerField(
        help_text="The row that survived a merge, or the original row of a split."
    )
    other_id = models.PositiveBigIntegerField(
        help_text="The row merged away (deleted), or the new row a split created."
    )
    summary = models.CharField(max_length=500)
    payload = models.JSONField(encoder=DjangoJSONEncoder, default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    kept = GenericForeignKey("content_type", "kept_id")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "kept_id"], name="mergerecord_kept_idx")]
        permissions = [
            ("verify_records", "Can verify records and change verified ones' status"),
            ("merge_records", "Can merge and split actors and events, and undo it"),
            ("delete_verified_records", "Can delete verified records"),
        ]

    def __str__(self) -> str:
        return self.summary

    def get_absolute_url(self) -> str:
        return reverse("admin:kb_mergerecord_change", args=[self.pk])

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
