"""manage.py import_stix BUNDLE.json: load a STIX 2.1 bundle as proposals."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.interop.stix.importer import BundleError, import_bundle


class Command(BaseCommand):
    help = (
        "Import a STIX 2.1 bundle (e.g. exported by another platform, or by a kb): actors, "
        "places, articles, events, claims and relationships arrive as proposals whose source "
        "is the bundle. All or nothing; importing the same bundle twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("bundle", type=Path, help="Path of the bundle (JSON).")

    def handle(self, *args, bundle: Path, **options):
        try:
            size = bundle.stat().st_size
        except OSError as exc:
            raise CommandError(f"{bundle}: {exc.strerror}") from exc
        if size > settings.STIX_IMPORT_MAX_BYTES:
            raise CommandError(
                f"{bundle}: {size} bytes, over STIX_IMPORT_MAX_BYTES ({settings.STIX_IMPORT_MAX_BYTES})"
            )
        try:
            text = bundle.read_text(encoding="utf-8")
            result = import_bundle(text, name=bundle.name)
        except UnicodeDecodeError as exc:
            raise CommandError(f"{bundle}: not UTF-8 text") from exc
        except BundleError as exc:
            raise CommandError(f"{bundle}: {exc}") from exc
        if result.already_imported:
            self.stdout.write(f"{bundle}: already imported, nothing changed")
            return
        created = ", ".join(f"{n} {k}" for k, n in sorted(result.created.items())) or "nothing"
        matched = ", ".join(f"{n} {k}" for k, n in sorted(result.matched.items())) or "nothing"
        self.stdout.write(self.style.SUCCESS(f"{bundle}: created {created}; matched {matched}"))
        for line in result.skipped:
            self.stdout.write(f"  skipped {line}")
