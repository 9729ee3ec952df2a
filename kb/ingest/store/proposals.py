"""Storing an article's proposals: mentions, candidate actors and claims, in bulk writes."""

from __future__ import annotations

from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from actors.models import Actor, Alias, AliasKind
from actors.names import fold_text as fold
from articles.models import Claim, ClaimLink, Mention
from kb.core.bulk import insert_rows
from kb.core.choices import Origin, ReviewStatus
from kb.core.history import bulk_create_tracked
from kb.ingest.store.events import store_events
from kb.ingest.store.units import CHANGE_REASON, Unit
from kb.ingest.types import CandidateProposal


def store_proposals(units: list[Unit]) -> None:
    """Write the proposals of saved articles, every kind of row in one bulk write."""
    keys = set()
    for unit in units:
        ex = unit.extraction
        keys |= {m.actor for m in ex.mentions}
        keys |= {c.claimant for c in ex.claims if c.claimant}
        keys |= {s for c in ex.claims for s in c.subjects}
        keys |= {k for e in ex.events for k in e.actor_keys()}
    actors = dict(Actor.objects.filter(slug__in=keys).values_list("slug", "pk")) if keys else {}

    everyone = [c for unit in units for c in unit.extraction.candidates]
    candidate_ids, new_flags = _candidate_actors(everyone)
    picked = iter(zip(candidate_ids, new_flags, strict=True))
    mentions = []
    people: list[dict[str, int]] = []  # per unit: a candidate person's name → its actor
    for unit in units:
        article, body = unit.article, unit.article.body
        people.append({})
        taken = (
            set()
            if unit.fresh
            else set(
                Mention.objects.filter(article=article).values_list("actor_id", "start", "end")
            )
        )
        found = [
            (actors.get(m.actor), m.start, m.end, m.confidence, m.rule)
            for m in unit.extraction.mentions
        ]
        created = 0
        for cand in unit.extraction.candidates:
            actor_id, new = next(picked)
            created += new
            if cand.kind == "person" and actor_id:
                people[-1][fold(cand.name)] = actor_id
            found += [(actor_id, s, e, cand.confidence, cand.rule) for s, e in cand.spans]
        before = len(mentions)
        for actor_id, start, end, confidence, rule in found:
            if actor_id and (actor_id, start, end) not in taken:
                taken.add((actor_id, start, end))
                mentions.append(
                    (article.pk, actor_id, start, end, body[start:end], confidence, rule[:40])
                )
        unit.report.counts["mentions"] = len(mentions) - before
        unit.report.counts["candidate_actors"] = created
    insert_rows(
        Mention, ("article", "actor", "start", "end", "text", "confidence", "rule"), mentions
    )

    # Claims are built first, saved after the events so that each is written once, with
    # the event its sentence reports already set.
    claims = [_claim_rows(unit, actors, named) for unit, named in zip(units, people, strict=True)]
    for unit, rows in zip(units, claims, strict=True):
        unit.report.counts["claims"] = sum(1 for c in rows if c is not None)
    store_events(units, actors, claims)
    _save_claims(units, actors, claims)


def _candidate_actors(candidates: list[CandidateProposal]) -> tuple[list[int], list[bool]]:
    """The actor id each candidate name stands for, and whether it was created for it.

    A name reuses the actor already known by that alias, else by that slug (earlier
    candidates of the same batch included); the others become proposed actors.
    """
    if not candidates:
        return [], []
    folded = [fold(c.name) for c in candidates]
    slugs = [slugify(c.name)[:190] or "candidate" for c in candidates]
    by_alias: dict[str, int | Actor] = {}
    aliases = (
        Alias.objects.filter(normalized__in=set(folded))
        .order_by("normalized", "actor__name", "text")
        .values_list("normalized", "actor_id")
    )
    for normalized, actor_id in aliases:
        by_alias.setdefault(normalized, actor_id)
    by_slug: dict[str, int | Actor] = dict(
        Actor.objects.filter(slug__in=set(slugs)).values_list("slug", "pk")
    )
    kinds = dict(Actor._meta.get_field("kind").choices)
    found: list[int | Actor] = []
    new: list[bool] = []
    new_actors: list[Actor] = []
    for cand, key, slug in zip(candidates, folded, slugs, strict=True):
        actor = by_alias.get(key) or by_slug.get(slug)
        new.append(actor is None)
        if actor is None:
            actor = Actor(
                name=cand.name[:200],
                slug=slug,
                kind=cand.kind if cand.kind in kinds else "other",
                status=ReviewStatus.PROPOSED,
                origin=Origin.INGEST,
                description="Candidate found by ingest; not in the reference catalog.",
                confidence=cand.confidence,
                rule=cand.rule[:40],
            )
            new_actors.append(actor)
            by_alias[key] = by_slug[slug] = actor
        found.append(actor)
    bulk_create_tracked(Actor, new_actors, reason=CHANGE_REASON)
    new_aliases = [
        Alias(actor=a, text=a.name, normalized=fold(a.name), kind=AliasKind.NAME)
        for a in new_actors
    ]
    bulk_create_tracked(Alias, new_aliases, reason=CHANGE_REASON)
    return [a.pk if isinstance(a, Actor) else a for a in found], new


def _claim_rows(unit: Unit, actors: dict[str, int], people: dict[str, int]) -> list[Claim | None]:
    """Unsaved claims, one per proposal (None where a kept claim has the span already); a
    claimant that is one of the article's candidate people ("Pat Ryder") is linked to it."""
    article, body = unit.article, unit.article.body
    kept_spans = (
        set()
        if unit.fresh
        else set(Claim.objects.filter(article=article).values_list("start", "end"))
    )
    rows: list[Claim | None] = []
    for p in unit.extraction.claims:
        if (p.start, p.end) in kept_spans or p.end <= p.start:
            rows.append(None)
            continue
        rows.append(
            Claim(
                article=article,
                text=body[p.sentence_start : p.sentence_end],
                quote=body[p.start : p.end],
                start=p.start,
                end=p.end,
                sentence_start=p.sentence_start,
                sentence_end=p.sentence_end,
                claimant_id=(
                    actors.get(p.claimant) if p.claimant else people.get(fold(p.claimant_text))
                ),
                claimant_text=p.claimant_text[:300],
                kind=p.kind,
                cue=p.cue[:50],
                confidence=p.confidence,
                rule=p.rule[:40],
                status=ReviewStatus.PROPOSED,
                origin=Origin.INGEST,
            )
        )
    return rows


def _save_claims(
    units: list[Unit], actors: dict[str, int], claims: list[list[Claim | None]]
) -> None:
    """Insert the claims, their subjects and the links between them."""
    bulk_create_tracked(
        Claim, [c for rows in claims for c in rows if c is not None], reason=CHANGE_REASON
    )
    through = Claim.subjects.through
    subjects = []
    links = []
    for unit, rows in zip(units, claims, strict=True):
        proposals = unit.extraction.claims
        subjects += [
            (claim.pk, actor_id)
            for p, claim in zip(proposals, rows, strict=True)
            if claim is not None
            for actor_id in dict.fromkeys(actors[s] for s in p.subjects if s in actors)
        ]
        pairs = {
            (j, i, kind)
            for j, p in enumerate(proposals)
            for i, kind in p.links
            if 0 <= i < len(rows) and i != j and rows[i] and rows[j]
        }
        links += [
            ClaimLink(from_claim=rows[j], to_claim=rows[i], kind=kind, origin=Origin.INGEST)
            for j, i, kind in sorted(pairs)
        ]
    insert_rows(through, ("claim", "actor"), subjects)
    if links:
        bulk_create_with_history(links, ClaimLink, default_change_reason=CHANGE_REASON)
