"""manage.py ingest PATH...: turn article files into proposed actors, mentions, claims, events."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.ingest.batch import ingest_paths
from kb.ingest.store.report import FileReport


class Command(BaseCommand):
    help = (
        "Ingest article files (.txt, .md, .html, each with an optional sidecar .json/.yaml of "
        "metadata) or folders of them. All or nothing per article; re-running is a no-op."
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

    def handle(self, *args, paths, dry_run, reprocess, format, **options):
        reports = ingest_paths(
            paths, reprocess=reprocess, dry_run=dry_run, max_bytes=settings.INGEST_MAX_BYTES
        )
        self.write_report(reports, format)
        failed = [r for r in reports if not r.ok]
        if failed:
            raise CommandError(f"{len(failed)} of {len(reports)} file(s) could not be ingested")

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
