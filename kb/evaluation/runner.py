"""Run the pipeline over a gold file's texts and score each article."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import pipeline
from .gold import GoldFile, load_gold
from .metrics import Score, score_article


@dataclass
class ArticleResult:
    name: str
    score: Score


@dataclass
class FileResult:
    gold: GoldFile
    articles: list[ArticleResult]

    @property
    def total(self) -> Score:
        return sum((a.score for a in self.articles), Score())

    @property
    def heldout(self) -> bool:
        """Texts kept away from whoever writes the rules: report totals only by default."""
        return self.gold.folder.name == "heldout" or self.gold.path.name.startswith("heldout")


def evaluate_file(path: Path | str) -> FileResult:
    """Load and validate ``path`` (GoldError on problems), then score every article in it."""
    catalog = pipeline.reference_catalog()
    gold = load_gold(path, catalog=catalog)
    results = []
    for article in gold.articles:
        try:
            extraction = pipeline.run(pipeline.read(article.path))
        except Exception as exc:  # one article's failure is scored as nothing found, not a crash
            extraction = pipeline.Extraction(document=pipeline.CleanDocument(body=""))
            failure = f"{type(exc).__name__}: {exc}"
        else:
            failure = next((w for w in extraction.warnings if "step failed" in w), "")
        score = score_article(article, extraction, catalog)
        if failure:
            score.note("pipeline failed", failure)
        results.append(ArticleResult(article.name, score))
    return FileResult(gold, results)
