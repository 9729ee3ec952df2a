"""manage.py ingest PATH...: turn article files into proposed actors, mentions, claims, events."""

import json
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from kombu.exceptions import OperationalError
from tqdm import tqdm

from kb.celery import app
from kb.ingest.batch import ingest_paths
from kb.ingest.store.report import FileReport
from kb.ingest.types import IngestError
from kb.runs.enqueue import QUEUE_BATCH, enqueue_paths
from kb.runs.models import IngestRun
from kb.runs.services import run_progress

#: Seconds between two looks at a queued run's progress.
POLL_SECONDS = 0.5


class Command(BaseCommand):
    help = (
        "Ingest article files (.txt, .md, .html, each with an optional sidecar .json/.yaml of "
        "metadata) or folders of them. All or nothing per article; re-running is a no-op. "
        "With --queue, workers (celery -A kb.celery worker) do the work."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files or folders to ingest.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Run the whole pipeline and report, but save nothing.",
        )
        parser.add_argument(
            "--reprocess",
            action="store_true",
            help="Re-run the pipeline on articles already ingested (after the catalog grew): "
            "unreviewed proposals are replaced, reviewed work is kept.",
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="Report format (json is machine-readable).",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Send the files to the task queue in batches and record an ingest run "
            "(/api/v1/ingest-runs/<id>/); without a broker (REDIS_URL) they are ingested here.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=QUEUE_BATCH,
            help=f"With --queue: files per task (default {QUEUE_BATCH}).",
        )
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="With --queue: return once the files are queued, printing the run's id.",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="No progress bar (there is none when the error output is not a terminal).",
        )

    def handle(self, *args, paths, dry_run, reprocess, format, queue, **options):
        self.show_progress = not options["no_progress"] and sys.stderr.isatty()
        if queue:
            if dry_run:
                raise CommandError("--dry-run is not available with --queue")
            if options["batch_size"] < 1:
                raise CommandError("--batch-size must be at least 1")
            return self.handle_queued(paths, reprocess, format, options)
        with self.progress_bar("ingest") as bar:
            reports = ingest_paths(
                paths,
                reprocess=reprocess,
                dry_run=dry_run,
                max_bytes=settings.INGEST_MAX_BYTES,
                progress=bar.update,
                found=lambda n: bar.reset(total=n),
            )
        self.write_report(reports, format)
        failed = [r for r in reports if not r.ok]
        if failed:
            raise CommandError(f"{len(failed)} of {len(reports)} file(s) could not be ingested")

    def handle_queued(self, paths, reprocess, fmt, options) -> None:
        with self.progress_bar("queue") as bar:

            def follow(run_id: int) -> IngestRun:
                run = run_progress(run_id)
                bar.update(run.files_processed - bar.n)
                return run

            def started(run: IngestRun) -> None:
                bar.reset(total=run.files_queued)
                if fmt == "text":
                    how = "ingested here (no broker)" if app.conf.task_always_eager else "queued"
                    self.stdout.write(f"ingest run {run.pk}: {run.files_queued} file(s), {how}")

            try:
                run = enqueue_paths(
                    paths,
                    reprocess=reprocess,
                    max_bytes=settings.INGEST_MAX_BYTES,
                    batch_size=options["batch_size"],
                    started=started,
                    sent=follow,
                )
            except IngestError as exc:
                raise CommandError(str(exc)) from None
            except OperationalError as exc:
                raise CommandError(f"cannot reach the task queue: {exc}") from None
            while not options["no_wait"] and not run.is_finished:
                time.sleep(POLL_SECONDS)
                run = follow(run.pk)
        self.write_run(run, fmt)
        if run.files_failed:
            raise CommandError(f"{run.files_failed} of {run.files_queued} file(s) failed")

    def progress_bar(self, unit_label: str) -> tqdm:
        """A live bar with rate and ETA on the terminal; nothing when not on one."""
        return tqdm(desc=unit_label, unit="file", disable=not self.show_progress, file=sys.stderr)

    def write_run(self, run: IngestRun, fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps(run_summary(run), indent=2))
            return
        for failure in run.failures:
            self.stdout.write(self.style.ERROR(f"ERROR  {failure['path']}: {failure['reason']}"))
        state = "finished" if run.is_finished else "running"
        rate = f", {run.rate} files/s" if run.rate else ""
        self.stdout.write(
            f"ingest run {run.pk} {state}: {run.files_processed} of {run.files_queued} file(s): "
            f"{run.files_done} stored, {run.files_unchanged} unchanged, "
            f"{run.files_failed} failed{rate}"
        )

    def write_report(self, reports: list[FileReport], fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps([r.as_dict() for r in reports], indent=2))
            return
        for report in reports:
            style = self.style.ERROR if not report.ok else self.style.SUCCESS
            self.stdout.write(style(report.line()))
            for warning in report.warnings:
                self.stdout.write(f"    warning: {warning}")
        by_status: dict[str, int] = {}
        for report in reports:
            by_status[report.status] = by_status.get(report.status, 0) + 1
        summary = ", ".join(f"{n} {status}" for status, n in sorted(by_status.items()))
        self.stdout.write(f"{len(reports)} file(s): {summary or 'none found'}")


def run_summary(run: IngestRun) -> dict:
    """The run as the JSON report shows it (the API's fields)."""
    return {
        "id": run.pk,
        "files_queued": run.files_queued,
        "files_done": run.files_done,
        "files_unchanged": run.files_unchanged,
        "files_failed": run.files_failed,
        "failures": run.failures,
        "rate": run.rate,
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
    }
