"""manage.py make_demo_fixture: rebuild fixtures/demo.json from the catalog and the seeds."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# What `loaddata demo` restores: the knowledge base itself, not users or history.
DEMO_MODELS = [
    "actors.actor",
    "actors.alias",
    "actors.relationship",
    "articles.source",
    "articles.article",
    "articles.mention",
    "articles.claim",
    "articles.claimlink",
    "events.place",
    "events.event",
    "events.participant",
    "events.eventsource",
]


class Command(BaseCommand):
    help = "Build the demo fixture by running ingest_seeds on a scratch SQLite database and dumping it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(settings.BASE_DIR / "fixtures" / "demo.json"),
            help="Where to write the fixture.",
        )

    def handle(self, *args, output, **options):
        with tempfile.TemporaryDirectory() as scratch:
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(scratch) / 'demo.sqlite3'}"}
            manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
            for step in (["migrate", "--noinput", "-v0"], ["ingest_seeds"]):
                done = subprocess.run(manage + step, env=env, capture_output=True, text=True)
                if done.returncode:
                    raise CommandError(f"{' '.join(step)} failed:\n{done.stderr or done.stdout}")
            dump = manage + ["dumpdata", *DEMO_MODELS, "--indent", "1", "--output", output]
            done = subprocess.run(dump, env=env, capture_output=True, text=True)
            if done.returncode:
                raise CommandError(f"dumpdata failed:\n{done.stderr}")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
