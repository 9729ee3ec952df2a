"""manage.py synthesize: a deterministic synthetic knowledge base, for the benchmarks.

The corpus is made by bench.synth (the repository's bench/ folder); nothing else in kb uses it.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from bench.synth.generate import write_files
from bench.synth.store import catalog_for_synthesis, synthesize_corpus


class Command(BaseCommand):
    help = (
        "Fill the database with N synthetic articles (2-6 KB) with mentions of catalog actors, "
        "claims, events over twenty years and relationships; or, with --files, write N synthetic "
        "article files to measure ingest. The same --seed gives the same corpus."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, required=True, help="How many articles to make."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed; same seed, same corpus."
        )
        parser.add_argument(
            "--files",
            type=Path,
            default=None,
            help="Write the articles as .txt files into this folder instead of the database.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=1000,
            help="Articles generated and inserted per batch.",
        )

    def handle(self, *args, articles, seed, files, batch_size, **options):
        if articles < 0:
            raise CommandError("--articles must be zero or more")
        started = time.perf_counter()
        if files is not None:
            actors, places = catalog_for_synthesis()
            if len(actors) < 3:
                raise CommandError("load the reference catalog first (manage.py load_reference)")
            size = write_files(files, actors=actors, places=places, articles=articles, seed=seed)
            elapsed = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wrote {articles} files ({size / 1e6:.1f} MB) to {files} in {elapsed:.1f} s"
                )
            )
            return
        if Article.objects.filter(origin=f"synthetic_{seed}_{0:06d}.txt").exists():
            raise CommandError(f"a synthetic corpus with seed {seed} is already in this database")
        report = synthesize_corpus(
            articles=articles,
            seed=seed,
            batch_size=batch_size,
            progress=lambda line: self.stdout.write(f"  {line}"),
        )
        for warning in report.warnings:
            self.stdout.write(f"    warning: {warning}")
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Synthesized in {elapsed:.1f} s: {report.summary()}"))
