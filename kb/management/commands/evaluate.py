"""manage.py evaluate GOLD.yaml [...]: score the pipeline against hand-made gold."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kb.evaluation.gold import GoldError
from kb.evaluation.report import render_json, render_text
from kb.evaluation.runner import evaluate_file


class Command(BaseCommand):
    help = (
        "Run the ingest pipeline (no database) over the texts of each gold file "
        "(data/eval/*.gold.yaml) and print precision, recall and accuracy per field."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "gold", nargs="+", help="Gold YAML file(s), e.g. data/eval/dev.gold.yaml."
        )
        parser.add_argument(
            "--verbose",
            action="store_true",
            help="Also print figures per article and every miss, extra and wrong field.",
        )
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help="Output format."
        )

    def handle(self, *args, gold: list[str], verbose: bool, format: str, **options) -> None:
        try:
            results = [evaluate_file(path) for path in gold]
        except GoldError as exc:
            raise CommandError(str(exc)) from exc
        render = render_json if format == "json" else render_text
        self.stdout.write(render(results, verbose=verbose))
