"""Score claims and events the pipeline proposes against hand-written gold annotations.

The older gold schema of tests/ingest/gold/ (participants without roles); the matching
primitives are shared with kb.evaluation, which scores the data/eval/ schema.

A prediction can match a gold entry only when their sentences overlap; among the candidates
the one agreeing on kind, claimant (or date) and quote span wins, one to one. Gold entries
marked ``optional`` count neither as misses nor, when matched, as false positives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kb.evaluation.matching import assign as _assign
from kb.evaluation.matching import date_matches as _date_matches
from kb.evaluation.textspan import Locator
from kb.evaluation.textspan import overlap as _overlap
from kb.evaluation.textspan import sentence_span as _sentence_span
from kb.ingest.types import ClaimProposal, EventProposal

GOLD_DIR = Path(__file__).parent / "gold"


def load_gold(name: str) -> dict:
    """The gold annotations in ``tests/ingest/gold/<name>``, keyed by file name."""
    return yaml.safe_load((GOLD_DIR / name).read_text(encoding="utf-8"))


def locate(body: str, text: str) -> tuple[int, int]:
    """Offsets of gold ``text`` in ``body``, quotes and whitespace folded; AssertionError if absent."""
    span = Locator(body).find(text)
    assert span is not None, f"gold text not found in body: {text!r}"
    return span


def _as_set(value) -> set:
    return set(value) if isinstance(value, list) else {value}


@dataclass
class Tally:
    """Counts for one kind of proposal, summed over files."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    checks: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, total]
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # matched, but with a wrong claimant or date

    def check(self, name: str, ok: bool) -> None:
        right_total = self.checks.setdefault(name, [0, 0])
        right_total[0] += int(ok)
        right_total[1] += 1

    def rate(self, name: str) -> float:
        right, total = self.checks.get(name, [0, 0])
        return right / total if total else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def summary(self, label: str) -> str:
        parts = [
            f"{label}: P={self.precision:.2f} R={self.recall:.2f} (tp={self.tp} fp={self.fp} fn={self.fn})"
        ]
        parts += [f"{k}={r}/{t} ({r / t:.2f})" for k, (r, t) in self.checks.items() if t]
        return "  ".join(parts)


def score_claims(
    body: str,
    sentences,
    predictions: list[ClaimProposal],
    gold: list[dict],
    tally: Tally,
    name: str = "",
) -> dict[int, int]:
    """Add one article's claim matches to ``tally``; return the gold -> prediction map."""
    spans = [locate(body, g["text"]) for g in gold]
    pairs = []
    for gi, (g, span) in enumerate(zip(gold, spans, strict=True)):
        sent = _sentence_span(sentences, span)
        for pi, p in enumerate(predictions):
            if not _overlap(sent, (p.sentence_start, p.sentence_end)):
                continue
            score = 4 * (p.kind in _as_set(g["kind"])) + 2 * (
                p.claimant in _as_set(g.get("claimant"))
            )
            score += 1.5 * _overlap(span, (p.start, p.end)) + 0.5 * (
                p.start <= span[1] and span[0] <= p.end
            )
            pairs.append((score, gi, pi))
    match = _assign(pairs)
    for gi, g in enumerate(gold):
        optional = g.get("optional", False)
        if gi not in match:
            if not optional:
                tally.fn += 1
                tally.misses.append(f"{name}: {g['text']!r}")
            continue
        if optional:
            continue
        p = predictions[match[gi]]
        tally.tp += 1
        tally.check("kind", p.kind in _as_set(g["kind"]))
        if g.get("claimant_text"):
            tally.check("claimant", p.claimant in _as_set(g.get("claimant")))
            if p.claimant not in _as_set(g.get("claimant")):
                tally.wrong.append(
                    f"{name}: claimant {p.claimant} ({p.claimant_text!r}), want {g.get('claimant')}: {g['text']!r}"
                )
        else:
            tally.check("author", p.claimant is None)
        for target, relation in g.get("links", []):
            want = match.get(target)
            tally.check("links", want is not None and (want, relation) in p.links)
    matched = set(match.values())
    for pi, p in enumerate(predictions):
        if pi not in matched:
            tally.fp += 1
            tally.extras.append(
                f"{name}: {p.kind} {p.claimant} {body[p.sentence_start : p.sentence_end][:90]!r}"
            )
    return match


def date_matches(p: EventProposal, gold: str | None) -> bool:
    """Whether a proposal's date is the gold EDTF date or interval ("A/B"); None matches null."""
    return _date_matches(p.date, p.date_end, gold)


def _event_spans(p: EventProposal) -> list[tuple[int, int]]:
    return [(p.start, p.end), *getattr(p, "spans", [])]


def score_events(
    body: str,
    sentences,
    predictions: list[EventProposal],
    gold: list[dict],
    tally: Tally,
    name: str = "",
) -> dict[int, int]:
    """Add one article's event matches to ``tally``; return the gold -> prediction map."""
    pairs = []
    for gi, g in enumerate(gold):
        sents = [
            _sentence_span(sentences, locate(body, t)) for t in [g["text"], *g.get("also", [])]
        ]
        for pi, p in enumerate(predictions):
            if not any(_overlap(s, q) for s in sents for q in _event_spans(p)):
                continue
            score = 4 * (p.kind in _as_set(g["kind"])) + 2 * date_matches(p, g.get("date"))
            score += len(p.actor_keys() & set(g.get("participants", []))) * 0.1
            score += 0.5 * _overlap(sents[0], (p.start, p.end))
            pairs.append((score, gi, pi))
    match = _assign(pairs)
    for gi, g in enumerate(gold):
        optional = g.get("optional", False)
        if gi not in match:
            if not optional:
                tally.fn += 1
                tally.misses.append(f"{name}: {g['text']!r}")
            continue
        if optional:
            continue
        p = predictions[match[gi]]
        tally.tp += 1
        tally.check("kind", p.kind in _as_set(g["kind"]))
        if g.get("date"):
            tally.check("date", date_matches(p, g["date"]))
            if not date_matches(p, g["date"]):
                tally.wrong.append(
                    f"{name}: date {p.date} / {p.date_end} ({p.date_text!r}), want {g['date']}: {g['text']!r}"
                )
        else:
            tally.check("no_invented_date", p.date is None)
        want = set(g.get("participants", []))
        got = p.actor_keys()
        if want:
            tally.check("participants_found", bool(want & got))
        tally.check("participants_precise", got <= want)
        if g.get("place"):
            tally.check("place", p.place == g["place"])
        if g.get("fatalities") is not None:
            tally.check("fatalities", p.fatalities == g["fatalities"])
    matched = set(match.values())
    for pi, p in enumerate(predictions):
        if pi not in matched:
            tally.fp += 1
            tally.extras.append(f"{name}: {p.kind} {p.title!r} {body[p.start : p.end][:80]!r}")
    return match
