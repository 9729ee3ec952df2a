"""Text and JSON renderings of evaluation results, with issue 12's targets beside them."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .metrics import Ratio, Score
from .runner import FileResult

# Issue 12, "Done when" (measured on texts the rules were not written against).
TARGETS = {
    "actor_precision": 0.9,
    "actor_recall": 0.9,
    "claimant": 0.85,
    "event_date": 0.85,
    "event_roles": 0.9,
    "event_fact": 0.75,
    "boilerplate_removed": 0.9,
}

ROWS = [
    ("actors", [("precision", "actor_precision"), ("recall", "actor_recall")]),
    ("claims", [("precision", "claim_precision"), ("recall", "claim_recall")]),
    ("", [("claimant", "claimant"), ("kind", "claim_kind")]),
    ("events", [("precision", "event_precision"), ("recall", "event_recall")]),
    ("", [("date", "event_date"), ("roles", "event_roles")]),
    ("", [("place", "event_place"), ("kind", "event_kind")]),
    ("", [("fact accuracy", "event_fact")]),
    ("boilerplate", [("removed", "boilerplate_removed")]),
    ("dates", [("publication", "published")]),
]


def _ratio(r: Ratio) -> str:
    return "  n/a  (0/0)" if r.value is None else f"{r.value:5.2f} ({r.right}/{r.total})"


def _figure(score: Score, label: str, name: str) -> str:
    text = f"{label} {_ratio(getattr(score, name))}"
    if name in TARGETS:
        text += f" [target ≥ {TARGETS[name]:.2f}]"
    return text


def summary(score: Score, indent: str = "  ") -> list[str]:
    """The figures of one score, one line per group."""
    lines = []
    for group, figures in ROWS:
        cells = "   ".join(_figure(score, label, name) for label, name in figures)
        lines.append(f"{indent}{group:<12}{cells}")
    lost = score.text_kept.total - score.text_kept.right
    lines.append(
        f"{indent}{'':<12}non-actors proposed {score.not_actors.right} of {score.not_actors.total}"
        f" listed   gold passages lost in cleaning {lost} of {score.text_kept.total}"
    )
    return lines


def render_text(results: Iterable[FileResult], *, verbose: bool) -> str:
    """Per gold file totals; per article details and failure lines with ``verbose``."""
    out: list[str] = []
    results = list(results)
    for result in results:
        total = result.total
        note = " (held-out: totals only)" if result.heldout and not verbose else ""
        out.append(f"== {result.gold.path}: {len(result.articles)} articles{note}")
        out += summary(total)
        if verbose:
            for article in result.articles:
                out.append(f"-- {article.name}")
                out += summary(article.score, indent="     ")
                out += [f"     {kind}: {text}" for kind, text in article.score.details]
            counts = total.failure_counts().most_common()
            out.append("   failure types: " + ", ".join(f"{k} {n}" for k, n in counts))
            out.append("   by rule (right/total):")
            out += [f"     {name:<40}{_ratio(r)}" for name, r in sorted(total.rules.items())]
        out.append("")
    return "\n".join(out)


def render_json(results: Iterable[FileResult], *, verbose: bool) -> str:
    """The same figures as JSON: value, right and total for every figure."""
    results = list(results)
    files = []
    for result in results:
        total = result.total
        entry = {
            "gold": str(result.gold.path),
            "heldout": result.heldout,
            "articles": len(result.articles),
            "totals": total.figures(),
            "targets": TARGETS,
            "failure_types": dict(total.failure_counts().most_common()),
        }
        if verbose:
            entry["by_rule"] = {
                name: {"value": r.value, "right": r.right, "total": r.total}
                for name, r in sorted(total.rules.items())
            }
        if verbose:
            entry["per_article"] = [
                {
                    "name": a.name,
                    "figures": a.score.figures(),
                    "details": [{"type": k, "text": t} for k, t in a.score.details],
                }
                for a in result.articles
            ]
        files.append(entry)
    return json.dumps({"files": files}, indent=2, ensure_ascii=False)
