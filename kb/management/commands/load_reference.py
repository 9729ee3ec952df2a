"""manage.py load_reference: load the curated reference catalog of actors and places."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.ingest.store.catalog import reference_load
from kb.ingest.types import IngestError


class Command(BaseCommand):
    help = "Load (or refresh) the reference catalog: actors, aliases, places, relationships."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            type=Path,
            default=None,
            help="Catalog YAML file (default: settings.REFERENCE_CATALOG, fixtures/reference.yaml).",
        )

    def handle(self, *args, path, **options):
        try:
            report = reference_load(path=path or settings.REFERENCE_CATALOG)
        except IngestError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Reference catalog: {report.summary()}"))
