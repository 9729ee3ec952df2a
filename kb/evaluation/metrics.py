"""The figures of EVAL_SCHEMA, computed for one article and summed over a gold file.

Every figure is a ratio of counts (``right / total``), summed over articles before dividing
(micro-averaged), so a total is never an average of averages. Each wrong or missing item is
also written out as a detail line, tagged with its failure type.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields

from . import pipeline
from .gold import GoldArticle, GoldClaim, GoldEvent, Ref
from .matching import Names, assign, date_matches, fold_name, name_in
from .textspan import Locator, Span, overlap, sentence_span

PERPETRATOR, TARGET = "perpetrator", "target"


@dataclass
class Ratio:
    """``right`` out of ``total``; ``value`` is None when there is nothing to count."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> bool:
        self.right += int(ok)
        self.total += 1
        return ok

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.right + other.right, self.total + other.total)


@dataclass
class Score:
    """All figures for one article, or summed over many (``+``)."""

    actor_precision: Ratio = field(default_factory=Ratio)  # predicted actors that are gold
    actor_recall: Ratio = field(default_factory=Ratio)  # gold actors that were predicted
    not_actors: Ratio = field(default_factory=Ratio)  # listed non-actors wrongly proposed
    claim_precision: Ratio = field(default_factory=Ratio)
    claim_recall: Ratio = field(default_factory=Ratio)
    claimant: Ratio = field(default_factory=Ratio)
    claim_kind: Ratio = field(default_factory=Ratio)
    event_precision: Ratio = field(default_factory=Ratio)
    event_recall: Ratio = field(default_factory=Ratio)
    event_date: Ratio = field(default_factory=Ratio)
    event_roles: Ratio = field(default_factory=Ratio)
    event_place: Ratio = field(default_factory=Ratio)
    event_kind: Ratio = field(default_factory=Ratio)
    event_fact: Ratio = field(default_factory=Ratio)
    fatalities: Ratio = field(default_factory=Ratio)
    boilerplate_removed: Ratio = field(default_factory=Ratio)
    text_kept: Ratio = field(default_factory=Ratio)  # gold passages still in the body
    published: Ratio = field(default_factory=Ratio)
    details: list[tuple[str, str]] = field(default_factory=list)  # (failure type, description)
    # Per extraction rule: "role after_cue" (roles it gave that agree with gold), "claimant
    # according_to" (matched claims with the right claimant), "event noun_cue" (its events
    # that match a gold event): what the rules' confidences are calibrated from.
    rules: dict[str, Ratio] = field(default_factory=dict)

    def __add__(self, other: Score) -> Score:
        out = Score(details=self.details + other.details)
        for f in fields(self):
            if f.name not in ("details", "rules"):
                setattr(out, f.name, getattr(self, f.name) + getattr(other, f.name))
        for name in self.rules.keys() | other.rules.keys():
            out.rules[name] = self.rules.get(name, Ratio()) + other.rules.get(name, Ratio())
        return out

    def rule(self, what: str, rule: str, ok: bool) -> None:
        """Count one outcome of an extraction rule ("role", "after_cue", True)."""
        self.rules.setdefault(f"{what} {rule or '?'}", Ratio()).add(ok)

    def note(self, kind: str, text: str) -> None:
        self.details.append((kind, text))

    def failure_counts(self) -> Counter[str]:
        return Counter(kind for kind, _ in self.details)

    def figures(self) -> dict[str, dict[str, float | int | None]]:
        """Every ratio as ``{"value", "right", "total"}``, for JSON output."""
        return {
            f.name: {"value": r.value, "right": r.right, "total": r.total}
            for f in fields(self)
            if isinstance(r := getattr(self, f.name), Ratio)
        }


def score_article(
    gold: GoldArticle, extraction: pipeline.Extraction, catalog: pipeline.Catalog
) -> Score:
    """Compare one article's extraction with its gold annotation."""
    doc = extraction.document
    score = Score()
    names = Names(catalog)
    locator = Locator(doc.body)
    sentences = pipeline.sentences(doc)
    _actors(score, gold, extraction, names)
    _claims(score, gold, extraction.claims, locator, sentences, names, doc.body)
    _events(score, gold, extraction.events, locator, sentences, names, doc.body)
    for line in gold.boilerplate:
        if not score.boilerplate_removed.add(line not in locator):
            score.note("boilerplate kept", repr(line))
    for passage in [c.text for c in gold.claims] + [t for e in gold.events for t in e.passages]:
        if not score.text_kept.add(passage in locator):
            score.note("text lost in cleaning", repr(passage))
    found = doc.published.edtf() if doc.published else None
    if not score.published.add(found == gold.published):
        score.note(
            "publication date wrong",
            f"found {found} ({doc.published_text!r}), want {gold.published}",
        )
    return score


def _actors(score: Score, gold: GoldArticle, extraction: pipeline.Extraction, names: Names) -> None:
    keys = sorted({m.actor for m in extraction.mentions})
    candidates = {fold_name(c.name): c.name for c in extraction.candidates}
    rules = {fold_name(c.name): c.rule for c in extraction.candidates}
    for m in reversed(extraction.mentions):
        rules[m.actor] = m.rule  # the rule of the actor's first mention
    cand_names = set(candidates)

    def candidate_is(folded: str, ref: Ref) -> bool:
        return folded in {fold_name(n) for n in ref.names}

    required = [r for r in gold.actors if not r.optional]
    optional = [r for r in gold.actors if r.optional]
    predicted = [(key, lambda r, k=key: names.key_is(k, r), key) for key in keys]
    predicted += [
        (folded, lambda r, c=folded: candidate_is(c, r), repr(written))
        for folded, written in candidates.items()
    ]
    for found, matches, label in predicted:
        if any(map(matches, required)):
            score.actor_precision.add(True)
            score.rule("actor", rules[found], True)
        elif not any(map(matches, optional)):  # an optional actor found is neutral
            score.actor_precision.add(False)
            score.rule("actor", rules[found], False)
            kind = "catalog" if label in keys else "candidate"
            score.note(f"actor extra ({kind})", label)
    for ref in required:
        found = any(names.key_is(k, ref) for k in keys) or any(
            candidate_is(c, ref) for c in cand_names
        )
        if not score.actor_recall.add(found):
            score.note("actor missed", ref.label)
    mentioned = cand_names | {fold_name(m.text) for m in extraction.mentions}
    for term in gold.not_actors:
        if score.not_actors.add(fold_name(term) in mentioned):
            score.note("non-actor proposed", repr(term))


def _claimant_ok(p: pipeline.ClaimProposal, answer: Ref | None, names: Names) -> bool:
    if answer is None:
        return p.claimant is None
    if p.claimant is not None:
        return names.key_is(p.claimant, answer)
    return answer.new is not None and name_in(answer, p.claimant_text)


def _claims(
    score: Score,
    gold: GoldArticle,
    predictions: list[pipeline.ClaimProposal],
    locator: Locator,
    sentences: list[Span],
    names: Names,
    body: str,
) -> None:
    pairs = []
    for gi, g in enumerate(gold.claims):
        span = locator.find(g.text)
        if span is None:
            continue
        sent = sentence_span(sentences, span)
        for pi, p in enumerate(predictions):
            if overlap(sent, (p.sentence_start, p.sentence_end)):
                agree = 4 * (p.kind in g.kinds) + 2 * _claimant_right(p, g, names)
                agree += 1.5 * overlap(span, (p.start, p.end))
                pairs.append((agree, gi, pi))
    match = assign(pairs)
    for gi, g in enumerate(gold.claims):
        if g.optional:
            continue
        if not score.claim_recall.add(gi in match):
            score.note("claim missed", repr(g.text))
            continue
        p = predictions[match[gi]]
        score.rule("claimant", p.rule, _claimant_right(p, g, names))
        if not score.claimant.add(_claimant_right(p, g, names)):
            want = [a.label if a else None for a in g.claimants]
            score.note(
                "claimant wrong",
                f"got {p.claimant} ({p.claimant_text!r}), want {want}: {g.text!r}",
            )
        if not score.claim_kind.add(p.kind in g.kinds):
            score.note("claim kind wrong", f"got {p.kind}, want {sorted(g.kinds)}: {g.text!r}")
    matched = set(match.values())
    optional = {match[gi] for gi, g in enumerate(gold.claims) if g.optional and gi in match}
    for pi, p in enumerate(predictions):
        if pi in optional:
            continue
        score.rule("claim", p.rule, pi in matched)
        if not score.claim_precision.add(pi in matched):
            sentence = body[p.sentence_start : p.sentence_end][:100]
            score.note(
                "claim extra", f"{p.kind} by {p.claimant} ({p.claimant_text!r}): {sentence!r}"
            )


def _claimant_right(p: pipeline.ClaimProposal, g: GoldClaim, names: Names) -> bool:
    return any(_claimant_ok(p, a, names) for a in g.claimants)


def _role_keys(p: pipeline.EventProposal, role: str) -> set[str]:
    return {r.actor for r in p.participants if r.role == role}


def _place_right(p: pipeline.EventProposal, g: GoldEvent) -> bool:
    if g.place is None:
        return p.place is None
    return g.place.key is not None and p.place == g.place.key


def _agreement(p: pipeline.EventProposal, g: GoldEvent, names: Names) -> dict[str, bool]:
    return {
        "kind": p.kind in g.kinds,
        "date": date_matches(p.date, p.date_end, g.date),
        "perpetrators": names.set_equal(_role_keys(p, PERPETRATOR), g.perpetrators),
        "targets": names.set_equal(_role_keys(p, TARGET), g.targets),
        "place": _place_right(p, g),
    }


def _events(
    score: Score,
    gold: GoldArticle,
    predictions: list[pipeline.EventProposal],
    locator: Locator,
    sentences: list[Span],
    names: Names,
    body: str,
) -> None:
    pairs = []
    for gi, g in enumerate(gold.events):
        found = [s for s in map(locator.find, g.passages) if s is not None]
        sents = [sentence_span(sentences, s) for s in found]
        for pi, p in enumerate(predictions):
            spans = [(p.start, p.end), *p.spans]
            if any(overlap(s, q) for s in sents for q in spans):
                a = _agreement(p, g, names)
                agree = 4 * a["kind"] + 2 * a["date"] + a["perpetrators"] + a["targets"]
                agree += 0.5 * a["place"] + 0.5 * overlap(sents[0], (p.start, p.end))
                pairs.append((agree, gi, pi))
    match = assign(pairs)
    for gi, g in enumerate(gold.events):
        if g.optional:
            continue
        if not score.event_recall.add(gi in match):
            score.event_fact.add(False)
            score.note("event missed", f"{sorted(g.kinds)}: {g.text!r}")
            continue
        p = predictions[match[gi]]
        a = _agreement(p, g, names)
        if not score.event_kind.add(a["kind"]):
            score.note("event kind wrong", f"got {p.kind}, want {sorted(g.kinds)}: {g.text!r}")
        if not score.event_date.add(a["date"]):
            got = f"{p.date}/{p.date_end}" if p.date_end else str(p.date)
            score.note(
                "event date wrong", f"got {got} ({p.date_text!r}), want {g.date}: {g.text!r}"
            )
        if not score.event_place.add(a["place"]):
            want = g.place.label if g.place else None
            score.note("event place wrong", f"got {p.place}, want {want}: {g.text!r}")
        buckets = {PERPETRATOR: g.perpetrators, TARGET: g.targets}
        for r in p.participants:
            ok = any(names.key_is(r.actor, k) for k in buckets.get(r.role, g.participants))
            score.rule("role", r.rule, ok)
            if not score.event_roles.add(ok):
                score.note("event role wrong", f"{r.actor} as {r.role} ({r.rule}): {g.text!r}")
        if not score.event_fact.add(
            all(a[k] for k in ("date", "perpetrators", "targets", "place"))
        ):
            wrong = [k for k in ("date", "perpetrators", "targets", "place") if not a[k]]
            score.note("event fact wrong", f"{', '.join(wrong)} of {p.title!r}: {g.text!r}")
        if g.fatalities is not None:
            score.fatalities.add(p.fatalities == g.fatalities)
    matched = set(match.values())
    optional = {match[gi] for gi, g in enumerate(gold.events) if g.optional and gi in match}
    for pi, p in enumerate(predictions):
        if pi in optional:
            continue
        score.rule("event", p.rule, pi in matched)
        if not score.event_precision.add(pi in matched):
            score.note("event extra", f"{p.kind} {p.title!r}: {body[p.start : p.end][:100]!r}")
