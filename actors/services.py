"""Writes on actors: merge two actors (and undo it), and suggest likely duplicates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.db import models, transaction
from rapidfuzz import fuzz, process

from actors.models import Actor, ActorKind, Alias, AliasKind, Relationship
from actors.names import fold_text, skeleton
from articles.models import Mention
from kb.core.choices import Origin, ReviewStatus
from kb.core.history import save_tracked
from kb.core.merge_records import record_merge, undo_merge_record
from kb.core.merging import MergeError, merge_rows
from kb.core.models import MergeRecord
from kb.core.slugs import free_slug

# Blank fields of the kept actor that the merged one may fill in.
FILL_FIELDS = ("description", "country", "wikidata_id")


def actor_merge(*, keep: Actor, merge: Actor, user=None) -> MergeRecord:
    """Merge ``merge`` into ``keep``; everything pointing at ``merge`` moves, nothing is lost.

    ``keep`` gains the other's aliases (and its name as an alias), mentions, claims made
    and about it, event participations, relationships and child actors; duplicates (the
    same alias text, mention span, participation or relationship) are dropped after their
    evidence is copied to the surviving row. Returns the record that
    :func:`actor_merge_undo` replays.
    """
    with transaction.atomic():
        keep, merge = _lock_pair(keep, merge)
        reason = f"merge actor #{merge.pk} “{merge.name}” into #{keep.pk} “{keep.name}”"
        merge_pk, merge_name = merge.pk, merge.name
        payload = merge_rows(
            keep=keep, merge=merge, user=user, reason=reason, fill_fields=FILL_FIELDS
        )
        if merge_name != keep.name and not keep.aliases.filter(text=merge_name).exists():
            alias = Alias(
                actor=keep,
                text=merge_name,
                normalized=fold_text(merge_name),
                kind=AliasKind.VARIANT,
            )
            save_tracked(alias, user=user, reason=reason)
            payload["created"].append({"model": "actors.alias", "pk": alias.pk})
        record = record_merge(
            model=Actor,
            keep=keep,
            merge_pk=merge_pk,
            head=f"Merged actor “{merge_name}” (#{merge_pk}) into “{keep.name}” (#{keep.pk})",
            payload=payload,
            user=user,
        )
        actor_counts_refresh(actor_ids=[keep.pk, merge_pk])
        keep.refresh_from_db(fields=COUNT_FIELDS)
        return record


def actor_merge_undo(*, record: MergeRecord, user=None) -> Actor:
    """Undo an actor merge: the merged actor comes back with its id and everything it had."""
    with transaction.atomic():
        restored = undo_merge_record(model=Actor, record=record, user=user)
        actor_counts_refresh(actor_ids=[record.kept_id, record.other_id, restored.pk])
        restored.refresh_from_db(fields=COUNT_FIELDS)
        return restored


def _lock_pair(keep: Actor, merge: Actor) -> tuple[Actor, Actor]:
    if keep.pk == merge.pk:
        raise MergeError("An actor cannot be merged into itself.")
    rows = {a.pk: a for a in Actor.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])}
    if len(rows) != 2:
        raise MergeError("One of the two actors no longer exists.")
    return rows[keep.pk], rows[merge.pk]


# --- stored counts ---------------------------------------------------------------------

COUNT_FIELDS = ("mention_count", "article_count")


def actor_counts_refresh(*, actor_ids=None) -> int:
    """Recount the stored mention and article counts of ``actor_ids`` (all actors if None).

    One GROUP BY over the mentions of those actors (the (actor, article) index serves it)
    and one bulk UPDATE of the rows whose counts changed. Call it after any batch of writes
    that adds, moves or deletes mentions. Returns the number of actors updated.
    """
    actors = Actor.objects.order_by("pk")
    mentions = Mention.objects.order_by()
    if actor_ids is not None:
        actor_ids = sorted({int(pk) for pk in actor_ids if pk is not None})
        if not actor_ids:
            return 0
        actors = actors.filter(pk__in=actor_ids)
        mentions = mentions.filter(actor_id__in=actor_ids)
    counted = {
        row["actor_id"]: (row["n"], row["a"])
        for row in mentions.values("actor_id").annotate(
            n=models.Count("pk"), a=models.Count("article_id", distinct=True)
        )
    }
    changed = []
    for pk, mention_count, article_count in actors.values_list("pk", *COUNT_FIELDS).iterator():
        fresh = counted.get(pk, (0, 0))
        if (mention_count, article_count) != fresh:
            changed.append(Actor(pk=pk, mention_count=fresh[0], article_count=fresh[1]))
    Actor.objects.bulk_update(changed, COUNT_FIELDS, batch_size=1000)
    return len(changed)


# --- duplicate suggestions -------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateSuggestion:
    """Two actors that may be one; the analyst decides."""

    actor: Actor
    other: Actor
    score: int
    reason: str


def _kinds_compatible(a: str, b: str) -> bool:
    return a == b or ActorKind.OTHER in (a, b)


def actor_duplicate_suggestions(
    *, queryset: models.QuerySet | None = None, min_score: int = 80, limit: int = 100
) -> list[DuplicateSuggestion]:
    """Pairs of actors that may be the same, best first; never merges anything.

    Three signals: the same Wikidata QID (certain), a shared alias (same normalised form),
    and similar spellings of names or aliases (rapidfuzz ratio on folded text, raised when
    the consonant skeletons agree, as in Suleiman / Soleimani). Two actors with different
    QIDs are different entities and never paired, whatever their names. Only actors of the
    same kind (or of kind "other") are paired; rejected actors are left out.
    """
    actors = {
        a.pk: a
        for a in (queryset if queryset is not None else Actor.objects.all())
        .exclude(status=ReviewStatus.REJECTED)
        .only("pk", "name", "slug", "kind", "status", "origin", "country", "wikidata_id")
    }
    forms: dict[int, set[str]] = defaultdict(set)
    for pk, actor in actors.items():
        forms[pk].add(fold_text(actor.name))
    for actor_id, normalized, text in Alias.objects.filter(actor_id__in=actors).values_list(
        "actor_id", "normalized", "text"
    ):
        forms[actor_id].add(normalized or fold_text(text))

    best: dict[tuple[int, int], tuple[int, str]] = {}

    def offer(a: int, b: int, score: int, reason: str) -> None:
        if a == b or not _kinds_compatible(actors[a].kind, actors[b].kind):
            return
        qids = {actors[a].wikidata_id, actors[b].wikidata_id}
        if "" not in qids and len(qids) == 2:
            return  # Wikidata says they are two entities
        key = (min(a, b), max(a, b))
        if score > best.get(key, (0, ""))[0]:
            best[key] = (score, reason)

    by_qid: dict[str, list[int]] = defaultdict(list)
    for pk, actor in actors.items():
        if actor.wikidata_id:
            by_qid[actor.wikidata_id].append(pk)
    for qid, ids in by_qid.items():
        for a, b in combinations(sorted(ids), 2):
            offer(a, b, 100, f"both are Wikidata {qid}")

    owners: dict[str, set[int]] = defaultdict(set)
    for pk, names in forms.items():
        for form in names:
            if form:
                owners[form].add(pk)
    for form, ids in owners.items():
        if 1 < len(ids) <= 10:  # a form shared by many actors says nothing about any two
            for a, b in combinations(sorted(ids), 2):
                offer(a, b, 100, f"both are called “{form}”")

    # Fuzzy spelling: compare within blocks that share the skeleton's first letter (the
    # skeleton of a name is the skeletons of its words, as search compares them).
    blocks: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for pk, names in forms.items():
        for form in names:
            spelled = "".join(skeleton(word) for word in form.split())
            if len(form) >= 4 and spelled:
                blocks[spelled[0]].append((form, spelled, pk))
    for entries in blocks.values():
        texts = [e[0] for e in entries]
        for i, (form, spelled, pk) in enumerate(entries):
            matches = process.extract(
                form, texts, scorer=fuzz.ratio, score_cutoff=min(min_score, 70), limit=None
            )
            for _, ratio, j in matches:
                other_form, other_spelled, other_pk = entries[j]
                if j <= i or other_pk == pk:
                    continue
                score = int(ratio)
                if spelled == other_spelled and len(spelled) >= 4:
                    score = max(score, 90)
                if score >= min_score:
                    offer(pk, other_pk, score, f"“{form}” ~ “{other_form}”")

    ranked = sorted(
        best.items(),
        key=lambda item: (-item[1][0], actors[item[0][0]].name, actors[item[0][1]].name),
    )
    return [
        DuplicateSuggestion(actor=actors[a], other=actors[b], score=score, reason=reason)
        for (a, b), (score, reason) in ranked[:limit]
    ]


# --- creation (import) -----------------------------------------------------------------


def actor_create(
    *,
    name: str,
    kind: str,
    slug: str = "",
    description: str = "",
    country: str = "",
    wikidata_id: str = "",
    parent: Actor | None = None,
    aliases: tuple[str, ...] | list[str] = (),
    status: str = ReviewStatus.PROPOSED,
    origin: str = Origin.ANALYST,
    user=None,
    reason: str = "created",
) -> Actor:
    """Create an actor with its aliases (validated; a taken slug gets a suffix)."""
    with transaction.atomic():
        actor = Actor(
            name=name.strip(),
            slug=free_slug(Actor, slug, name),
            kind=kind,
            description=description,
            country=country,
            wikidata_id=wikidata_id,
            parent=parent,
            status=status,
            origin=origin,
        )
        actor.full_clean()
        save_tracked(actor, user=user, reason=reason)
        # The name is an alias too, so that the linker finds the actor by it.
        seen = set()
        for text in [actor.name, *aliases]:
            text = text.strip()
            if not text or text in seen:
                continue
            seen.add(text)
            kind = AliasKind.NAME if text == actor.name else AliasKind.VARIANT
            alias = Alias(actor=actor, text=text, kind=kind)
            alias.full_clean(exclude=["actor", "normalized"])
            save_tracked(alias, user=user, reason=reason)
        return actor


def relationship_create(
    *,
    source: Actor,
    target: Actor,
    kind: str,
    start: str = "",
    end: str = "",
    description: str = "",
    evidence_articles=(),
    evidence_claims=(),
    status: str = ReviewStatus.PROPOSED,
    origin: str = Origin.ANALYST,
    user=None,
    reason: str = "created",
) -> Relationship:
    """Create a relationship between two actors, with its evidence (validated)."""
    with transaction.atomic():
        rel = Relationship(
            source=source,
            target=target,
            kind=kind,
            start=start,
            end=end,
            description=description,
            status=status,
            origin=origin,
        )
        rel.full_clean()
        save_tracked(rel, user=user, reason=reason)
        if evidence_articles:
            rel.evidence_articles.add(*evidence_articles)
        if evidence_claims:
            rel.evidence_claims.add(*evidence_claims)
        return rel
