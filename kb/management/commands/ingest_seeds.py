"""manage.py ingest_seeds: the reference catalog, then the bundled seed articles."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import Article


class Command(BaseCommand):
    help = "Load the reference catalog and ingest the seed articles in data/seeds/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds articles (used by `make run`).",
        )
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help="Report format."
        )

    def handle(self, *args, if_empty, format, **options):
        if if_empty and Article.objects.exists():
            self.stdout.write("The knowledge base already holds articles; seeds not ingested.")
            return
        call_command("load_reference", stdout=self.stdout, stderr=self.stderr)
        call_command(
            "ingest", str(settings.SEEDS_DIR), format=format, stdout=self.stdout, stderr=self.stderr
        )
