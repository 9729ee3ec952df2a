"""Ingest runs: what ``manage.py ingest --queue`` handed to the workers, and how far they got.

Imported by kb.models, so the models belong to the ``kb`` app. Bookkeeping, not content:
writing them does not move the knowledge-base version (kb.core.freshness.not_content).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone

#: At most this many failures are kept with their reasons on a run (all are counted).
MAX_FAILURES_KEPT = 1000


class IngestRun(models.Model):
    """One ``ingest --queue`` command: its files, in batches, and what became of them."""

    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the last file was done (stored, unchanged or failed).",
    )
    paths = models.TextField(blank=True, help_text="The paths given to the command.")
    reprocess = models.BooleanField(default=False)
    files_queued = models.PositiveIntegerField(
        default=0,
        help_text="Files found under the paths: every one ends done, unchanged or failed.",
    )
    batches = models.PositiveIntegerField(default=0, help_text="Batches sent to the queue.")
    files_done = models.PositiveIntegerField(
        default=0, help_text="Files stored: new articles, changed ones, re-processed ones."
    )
    files_unchanged = models.PositiveIntegerField(
        default=0, help_text="Files already ingested with the same content: nothing written."
    )
    files_failed = models.PositiveIntegerField(default=0)
    failures = models.JSONField(
        default=list,
        blank=True,
        help_text=f"The failed files and why, one line each (the first {MAX_FAILURES_KEPT}).",
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = "ingest run"

    def __str__(self) -> str:
        return f"Ingest run {self.pk}: {self.files_processed} of {self.files_queued} files"

    def get_absolute_url(self) -> str:
        return reverse("api:ingest-run-detail", args=[self.pk])

    @property
    def files_processed(self) -> int:
        return self.files_done + self.files_unchanged + self.files_failed

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def seconds(self) -> float:
        """Seconds from start to the last file, or to now while it runs."""
        end = self.finished_at or timezone.now()
        return max((end - self.started_at).total_seconds(), 0.0)

    @property
    def rate(self) -> float | None:
        """Files processed per second so far (None before the first second)."""
        seconds = self.seconds
        return round(self.files_processed / seconds, 1) if seconds >= 1 else None


class IngestBatch(models.Model):
    """Files read by the command, waiting for a worker, then done in one transaction.

    ``documents`` holds the files' text and metadata (workers need no access to the files),
    and is emptied in the transaction that stores them and marks the batch done, so a
    batch delivered twice is stored once.
    """

    run = models.ForeignKey(IngestRun, on_delete=models.CASCADE, related_name="batch_set")
    number = models.PositiveIntegerField()
    size = models.PositiveIntegerField(default=0)
    documents = models.JSONField(default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Deliveries to a worker (more than one after a worker was lost)."
    )
    worker = models.CharField(max_length=200, blank=True, help_text="The last worker to take it.")
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "number"]
        verbose_name = "ingest batch"
        verbose_name_plural = "ingest batches"
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="ingestbatch_unique_number")
        ]

    def __str__(self) -> str:
        return f"Ingest run {self.run_id}, batch {self.number}"
