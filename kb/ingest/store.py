"""The storage step: idempotent, all or nothing per article, never touching reviewed work.

Everything before this module is pure; this is the only part of the pipeline that touches
the ORM. Machine proposals are stored with ``origin=ingest`` and ``status=proposed``;
re-ingesting replaces only those, and keeps (and re-anchors) what analysts verified or made.

Rows are written in bulk: candidate actors, mentions, events, participants, sources, claims,
claim subjects and links each go in one ``bulk_create`` (with a history row per tracked
row, see kb.core.history). ``store_extraction`` stores one article in its own transaction;
``store_batch`` stores many new articles in one transaction and one set of bulk writes, a
few dozen queries for the whole batch, and falls back to one transaction per article when
anything in the batch fails, so that a bad article still costs only itself.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from actors.models import Actor, Alias, AliasKind
from actors.names import fold_text as fold
from articles.models import Article, Claim, ClaimLink, Mention, Source
from events.models import Event, EventSource, Participant, Place, derive_date_columns
from kb.core.bulk import insert_rows
from kb.core.choices import Origin, ReviewStatus
from kb.core.history import bulk_create_tracked
from kb.ingest.eventpool import EventPool, matching_event, refine
from kb.ingest.report import FileReport, content_hash, error_report
from kb.ingest.types import CandidateProposal, Extraction, RawDocument

CHANGE_REASON = "ingest"

logger = logging.getLogger(__name__)


@dataclass
class _Unit:
    """One article being stored: its row, what was extracted from it, and its report."""

    article: Article
    extraction: Extraction
    report: FileReport
    fresh: bool  # the article has no rows yet: nothing stored to compare with


@dataclass
class Pending:
    """A file read and extracted, waiting to be stored."""

    extraction: Extraction
    raw: RawDocument
    path: str


def store_extraction(
    extraction: Extraction,
    *,
    raw: RawDocument,
    path: str,
    reprocess: bool = False,
    dry_run: bool = False,
) -> FileReport:
    """Store one article's proposals in one transaction (rolled back when dry_run)."""
    with transaction.atomic():
        report = _store(extraction, raw=raw, path=path, reprocess=reprocess)
        if dry_run:
            transaction.set_rollback(True)
            report.article_id = None
            report.message = ("dry run, nothing saved. " + report.message).strip()
    return report


def store_batch(items: list[Pending], *, reprocess: bool = False) -> list[FileReport]:
    """Store many files, one report each in their order, new articles all in one go.

    Files whose article is new (no stored article has their content hash, URL or file
    name, and no earlier file of the batch does) are written together in one transaction.
    The rest (unchanged, changed, or repeating an earlier file of the batch) go through
    ``store_extraction`` one by one, after the new ones. When the batch write fails, it is
    rolled back whole and every new article is stored again on its own, so an error is
    reported against the one file that caused it and nothing partial is left.
    """
    reports: list[FileReport | None] = [None] * len(items)
    digests = [content_hash(item.raw) for item in items]
    known = _known_articles(items, digests)
    fresh: list[int] = []
    one_by_one: list[int] = []
    seen: set[tuple[str, str]] = set()
    for i, (item, digest) in enumerate(zip(items, digests, strict=True)):
        keys = _identity(digest, item.extraction.document.url, item.raw.origin)
        if keys & seen or keys & known:
            one_by_one.append(i)
        else:
            fresh.append(i)
        seen |= keys
    if fresh:
        try:
            with transaction.atomic():
                new = _store_new([items[i] for i in fresh], [digests[i] for i in fresh])
                for i, report in zip(fresh, new, strict=True):
                    reports[i] = report
        except Exception:
            logger.warning("batch store failed; storing its %d articles one by one", len(fresh))
            one_by_one = sorted(one_by_one + fresh)
            for i in fresh:
                reports[i] = None
    for i in one_by_one:
        item = items[i]
        try:
            reports[i] = store_extraction(
                item.extraction, raw=item.raw, path=item.path, reprocess=reprocess
            )
        except Exception as exc:  # a bug storing one article must not stop the others
            reports[i] = error_report(item.path, exc)
    return [r for r in reports if r is not None]


def _identity(digest: str, url: str, origin: str) -> set[tuple[str, str]]:
    """What makes two files the same article: content hash, URL when known, file name."""
    keys = {("hash", digest), ("origin", origin[:255])}
    if url:
        keys.add(("url", url[:1000]))
    return keys


def _known_articles(items: list[Pending], digests: list[str]) -> set[tuple[str, str]]:
    """The identity keys of the batch that stored articles already have, in one query."""
    urls = {i.extraction.document.url[:1000] for i in items if i.extraction.document.url}
    found = Q(content_hash__in=digests) | Q(origin__in={i.raw.origin[:255] for i in items})
    if urls:
        found |= Q(url__in=urls)
    keys: set[tuple[str, str]] = set()
    for digest, url, origin in Article.objects.filter(found).values_list(
        "content_hash", "url", "origin"
    ):
        keys |= _identity(digest, url, origin)
    return keys


def _article_fields(extraction: Extraction, raw: RawDocument, digest: str) -> dict:
    doc = extraction.document
    return {
        "title": doc.title[:500],
        "author": doc.author[:200],
        "url": doc.url[:1000],
        "published": doc.published.edtf() if doc.published else "",
        "body": doc.body,
        "content_hash": digest,
        "origin": raw.origin[:255],
        "language": doc.language or "en",
    }


def _sources(names: list[str]) -> dict[str, Source]:
    """The sources with these names, creating the missing ones in order, in two queries."""
    names = [n for n in dict.fromkeys(n[:200] for n in names) if n]
    if not names:
        return {}
    found = {s.name: s for s in Source.objects.filter(name__in=names)}
    missing = [Source(name=n) for n in names if n not in found]
    if missing:
        Source.objects.bulk_create(missing, ignore_conflicts=True)
        found = {s.name: s for s in Source.objects.filter(name__in=names)}
    return found


def _store_new(items: list[Pending], digests: list[str]) -> list[FileReport]:
    """Write articles known to be new, and everything extracted from them, in bulk."""
    sources = _sources([i.extraction.document.source for i in items])
    units = []
    for item, digest in zip(items, digests, strict=True):
        fields = _article_fields(item.extraction, item.raw, digest)
        article = Article(**fields, source=sources.get(item.extraction.document.source[:200]))
        article.derive_published_on()  # what Article.save() would do
        report = FileReport(item.path, "created", warnings=list(item.extraction.warnings))
        units.append(_Unit(article, item.extraction, report, fresh=True))
    bulk_create_tracked(Article, [u.article for u in units], reason=CHANGE_REASON)
    for unit in units:
        unit.report.article_id, unit.report.title = unit.article.pk, unit.article.title
    _store_proposals(units)
    return [u.report for u in units]


def _store(extraction: Extraction, *, raw: RawDocument, path: str, reprocess: bool) -> FileReport:
    digest = content_hash(raw)
    article, previous = _known_versions(digest, extraction.document.url, raw.origin)
    if article is not None and not reprocess:
        return FileReport(
            path, "unchanged", "already ingested, nothing changed", article.pk, article.title
        )

    report = FileReport(
        path, "reprocessed" if article else "created", warnings=list(extraction.warnings)
    )
    if article is None and previous is not None:
        article, report.status = previous, "updated"
    old_body = article.body if article else None
    fields = _article_fields(extraction, raw, digest)
    source = extraction.document.source
    fields["source"] = _sources([source])[source[:200]] if source else None
    if article is None:
        article = Article(**fields)
    else:
        for key, value in fields.items():
            setattr(article, key, value)
        article.version += 1
    article._change_reason = CHANGE_REASON
    article.save()
    report.article_id, report.title = article.pk, article.title

    if report.status != "created":
        report.counts["proposals_replaced"] = _clear_proposals(article)
        kept = _reanchor_reviewed(article, old_body, report)
        report.counts["reviewed_kept"] = kept
    _store_proposals([_Unit(article, extraction, report, fresh=report.status == "created")])
    return report


def _known_versions(digest: str, url: str, origin: str) -> tuple[Article | None, Article | None]:
    """The article with this content hash, else the one a changed file replaces (same URL
    when known, else same file name), in one query; the body is loaded only when used."""
    found = Q(content_hash=digest) | Q(origin=origin)
    if url:
        found |= Q(url=url)
    rows = list(Article.objects.filter(found).defer("body"))  # in the model's ordering
    same = next((a for a in rows if a.content_hash == digest), None)
    if same is not None:
        return same, None
    by_url = next((a for a in rows if url and a.url == url), None)
    by_origin = min((a for a in rows if a.origin == origin), key=lambda a: a.pk, default=None)
    return None, by_url or by_origin


def _proposal(model):
    return model.objects.filter(origin=Origin.INGEST, status=ReviewStatus.PROPOSED)


def _clear_proposals(article: Article) -> int:
    """Delete this article's unreviewed machine proposals; return how many were removed."""
    removed = _proposal(Mention).filter(article=article).delete()[1].get("articles.Mention", 0)
    for claim in _proposal(Claim).filter(article=article):
        claim._change_reason = CHANGE_REASON
        claim.delete()
        removed += 1
    sources = EventSource.objects.filter(
        article=article,
        origin=Origin.INGEST,
        event__status=ReviewStatus.PROPOSED,
        event__origin=Origin.INGEST,
    )
    event_ids = set(sources.values_list("event_id", flat=True))
    removed += sources.delete()[1].get("events.EventSource", 0)
    for event in _proposal(Event).filter(pk__in=event_ids, sources__isnull=True):
        event._change_reason = CHANGE_REASON
        event.delete()
    # Candidate actors nobody refers to any more go with their proposals.
    orphans = _proposal(Actor).filter(
        mentions__isnull=True,
        claims_made__isnull=True,
        claims_about__isnull=True,
        participations__isnull=True,
    )
    for actor in orphans:
        actor._change_reason = CHANGE_REASON
        actor.delete()
    return removed


def _reanchor_reviewed(article: Article, old_body: str | None, report: FileReport) -> int:
    """Keep reviewed spans pointing at the same words when the body changed."""
    kept = 0
    body = article.body
    rows = [
        *Mention.objects.filter(article=article),
        *Claim.objects.filter(article=article),
        *EventSource.objects.filter(article=article),
    ]
    for row in rows:
        kept += 1
        if old_body is None or old_body == body:
            continue
        words = old_body[row.start : row.end]
        if body[row.start : row.end] == words:
            continue
        new_start = _nearest(body, words, row.start)
        if new_start < 0:
            report.warnings.append(
                f"{type(row).__name__} {row.pk}: its text {words[:40]!r} is gone from the new body"
            )
            continue
        shift = new_start - row.start
        row.start, row.end = new_start, new_start + len(words)
        if isinstance(row, Claim):
            row.sentence_start = max(0, row.sentence_start + shift)
            row.sentence_end = min(len(body), row.sentence_end + shift)
        row.save()
    return kept


def _nearest(body: str, words: str, near: int) -> int:
    best, pos = -1, body.find(words)
    while pos >= 0:
        if best < 0 or abs(pos - near) < abs(best - near):
            best = pos
        pos = body.find(words, pos + 1)
    return best


def _store_proposals(units: list[_Unit]) -> None:
    """Write the proposals of saved articles, every kind of row in one bulk write."""
    keys = set()
    for unit in units:
        ex = unit.extraction
        keys |= {m.actor for m in ex.mentions}
        keys |= {c.claimant for c in ex.claims if c.claimant}
        keys |= {s for c in ex.claims for s in c.subjects}
        keys |= {k for e in ex.events for k, _ in e.participants}
    actors = dict(Actor.objects.filter(slug__in=keys).values_list("slug", "pk")) if keys else {}

    everyone = [c for unit in units for c in unit.extraction.candidates]
    candidate_ids, new_flags = _candidate_actors(everyone)
    picked = iter(zip(candidate_ids, new_flags, strict=True))
    mentions = []
    for unit in units:
        article, body = unit.article, unit.article.body
        taken = (
            set()
            if unit.fresh
            else set(
                Mention.objects.filter(article=article).values_list("actor_id", "start", "end")
            )
        )
        found = [(actors.get(m.actor), m.start, m.end) for m in unit.extraction.mentions]
        created = 0
        for cand in unit.extraction.candidates:
            actor_id, new = next(picked)
            created += new
            found += [(actor_id, start, end) for start, end in cand.spans]
        before = len(mentions)
        for actor_id, start, end in found:
            if actor_id and (actor_id, start, end) not in taken:
                taken.add((actor_id, start, end))
                mentions.append((article.pk, actor_id, start, end, body[start:end]))
        unit.report.counts["mentions"] = len(mentions) - before
        unit.report.counts["candidate_actors"] = created
    insert_rows(Mention, ("article", "actor", "start", "end", "text"), mentions)

    # Claims are built first, saved after the events so that each is written once, with
    # the event its sentence reports already set.
    claims = [_claim_rows(unit, actors) for unit in units]
    for unit, rows in zip(units, claims, strict=True):
        unit.report.counts["claims"] = sum(1 for c in rows if c is not None)
    _store_events(units, actors, claims)
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


def _claim_rows(unit: _Unit, actors: dict[str, int]) -> list[Claim | None]:
    """Unsaved claims, one per proposal (None where a kept claim has the span already)."""
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
                claimant_id=actors.get(p.claimant) if p.claimant else None,
                claimant_text=p.claimant_text[:300],
                kind=p.kind,
                cue=p.cue[:50],
                status=ReviewStatus.PROPOSED,
                origin=Origin.INGEST,
            )
        )
    return rows


def _save_claims(
    units: list[_Unit], actors: dict[str, int], claims: list[list[Claim | None]]
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


def _store_events(
    units: list[_Unit], actors: dict[str, int], claims: list[list[Claim | None]]
) -> None:
    """Create or attach an event per proposal; point overlapping (unsaved) claims at it.

    Articles are taken in order, so an event created for one article of a batch is found
    again by a later one that reports it.
    """
    for unit in units:
        unit.report.counts["events_created"] = unit.report.counts["events_attached"] = 0
    proposals = [p for unit in units for p in unit.extraction.events]
    if not proposals:
        return
    wanted = {p.place for p in proposals if p.place}
    places = dict(Place.objects.filter(slug__in=wanted).values_list("slug", "pk")) if wanted else {}
    named = {actors[k] for p in proposals for k, _ in p.participants if k in actors}
    pool = EventPool({p.kind for p in proposals}, named, [u.article for u in units if not u.fresh])
    new_events: list[Event] = []
    new_participants: list[Participant] = []
    new_sources: list[tuple[Event, int, int, int, str, str]] = []
    for unit, unit_claims in zip(units, claims, strict=True):
        article, body, counts = unit.article, unit.article.body, unit.report.counts
        for p in unit.extraction.events:
            participants = {(actors[k], role) for k, role in p.participants if k in actors}
            place_id = places.get(p.place) if p.place else None
            event = matching_event(p, {a for a, _ in participants}, place_id, pool)
            if event is None:
                event = Event(
                    title=p.title[:300],
                    kind=p.kind,
                    date=p.date.edtf() if p.date else "",
                    date_end=p.date_end.edtf() if p.date_end else "",
                    date_text=p.date_text[:200],
                    place_id=place_id,
                    fatalities=p.fatalities,
                    status=ReviewStatus.PROPOSED,
                    origin=Origin.INGEST,
                )
                pool.add(event)
                new_events.append(event)
                counts["events_created"] += 1
            else:
                if p.start in pool.taken(event, article):
                    continue
                refine(event, p, place_id)
                counts["events_attached"] += 1
            for a, r in sorted(participants):
                if (a, r) not in pool.have[id(event)]:
                    pool.took_part(event, a, r)
                    new_participants.append(Participant(event=event, actor_id=a, role=r))
            # The main sentence, then any other sentence of the article reporting the event.
            taken = pool.taken(event, article)
            spans = [(p.start, p.end)] + [(s, e) for s, e in p.spans if e > s]
            for start, end in spans:
                if start in taken:
                    continue
                taken.add(start)
                date_text = p.date_text[:200] if start == p.start else ""
                new_sources.append((event, article.pk, start, end, body[start:end], date_text))
            for claim in unit_claims:
                if claim is not None and claim.event is None and _overlaps(claim, spans):
                    claim.event = event
    for event in new_events:
        event.date_precision, event.date_min, event.date_max = derive_date_columns(
            event.date, event.date_end
        )
    bulk_create_tracked(Event, new_events, reason=CHANGE_REASON)
    bulk_create_tracked(Participant, new_participants, reason=CHANGE_REASON)
    insert_rows(
        EventSource,
        ("event", "article", "start", "end", "quote", "date_text"),
        [(event.pk, *rest) for event, *rest in new_sources],
    )


def _overlaps(claim: Claim, spans: list[tuple[int, int]]) -> bool:
    return any(claim.sentence_start < end and start < claim.sentence_end for start, end in spans)


__all__ = ["FileReport", "Pending", "content_hash", "store_batch", "store_extraction"]
