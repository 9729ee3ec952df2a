"""The storage step: one transaction per article, idempotent, never touching reviewed work.

Everything before this module is pure; this is the only part of the pipeline that touches
the ORM. Machine proposals are stored with ``origin=ingest`` and ``status=proposed``;
re-ingesting replaces only those, and keeps (and re-anchors) what analysts verified or made.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from actors.models import Actor, Alias, AliasKind
from articles.models import Article, Claim, ClaimLink, Mention, Source
from events.models import Event, EventSource, Participant, Place
from kb.choices import Origin, ReviewStatus
from kb.edtf import PartialDate
from kb.ingest.normalize import fold_text as fold
from kb.ingest.types import (
    Catalog,
    CatalogActor,
    CatalogPlace,
    EventProposal,
    Extraction,
    RawDocument,
)

CHANGE_REASON = "ingest"
logger = logging.getLogger(__name__)


@dataclass
class FileReport:
    """What ingesting one file did (or would do, in a dry run)."""

    path: str
    status: str  # created | updated | reprocessed | unchanged | error
    message: str = ""
    article_id: int | None = None
    title: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "error"

    def as_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        """One human-readable line for the console report."""
        if self.status == "error":
            return f"ERROR  {self.path}: {self.message}"
        counts = ", ".join(f"{k} {v}" for k, v in self.counts.items() if v)
        head = f"{self.status.upper():<11} {self.path}"
        if self.article_id:
            head += f" → article {self.article_id}"
        return (
            f"{head}"
            + (f" ({counts})" if counts else "")
            + (f" — {self.message}" if self.message else "")
        )


def content_hash(raw: RawDocument) -> str:
    """SHA-256 of the article text and its sidecar metadata."""
    digest = hashlib.sha256(raw.text.encode("utf-8"))
    digest.update(json.dumps(raw.metadata, sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()


def catalog_from_db() -> Catalog:
    """The pipeline's view of the knowledge base: every actor not rejected, every place."""
    actors = []
    aliases: dict[int, list[Alias]] = {}
    for alias in Alias.objects.exclude(actor__status=ReviewStatus.REJECTED).only(
        "actor_id", "text", "kind", "case_sensitive"
    ):
        aliases.setdefault(alias.actor_id, []).append(alias)
    parents = dict(Actor.objects.values_list("pk", "slug"))
    for actor in Actor.objects.exclude(status=ReviewStatus.REJECTED).order_by("pk"):
        own = aliases.get(actor.pk, [])
        actors.append(
            CatalogActor(
                key=actor.slug,
                name=actor.name,
                kind=actor.kind,
                aliases=tuple(
                    a.text for a in own if a.kind != AliasKind.METONYM and not a.case_sensitive
                ),
                metonyms=tuple(a.text for a in own if a.kind == AliasKind.METONYM),
                case_sensitive=tuple(a.text for a in own if a.case_sensitive),
                country=actor.country,
                parent=parents.get(actor.parent_id),
                description=actor.description,
            )
        )
    places = [
        CatalogPlace(
            key=p.slug,
            name=p.name,
            aliases=tuple(p.aliases or ()),
            country=p.country,
            kind=p.kind,
            latitude=p.latitude,
            longitude=p.longitude,
        )
        for p in Place.objects.order_by("pk")
    ]
    return Catalog(actors=actors, places=places)


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


def _store(extraction: Extraction, *, raw: RawDocument, path: str, reprocess: bool) -> FileReport:
    doc = extraction.document
    digest = content_hash(raw)
    article = Article.objects.filter(content_hash=digest).first()
    if article is not None and not reprocess:
        return FileReport(
            path, "unchanged", "already ingested, nothing changed", article.pk, article.title
        )

    report = FileReport(
        path, "reprocessed" if article else "created", warnings=list(extraction.warnings)
    )
    if article is None:
        article = _previous_version(doc.url, raw.origin)
        if article is not None:
            report.status = "updated"
    old_body = article.body if article else None
    fields = {
        "title": doc.title[:500],
        "author": doc.author[:200],
        "url": doc.url[:1000],
        "published": doc.published.edtf() if doc.published else "",
        "body": doc.body,
        "content_hash": digest,
        "origin": raw.origin[:255],
        "language": doc.language or "en",
        "source": Source.objects.get_or_create(name=doc.source[:200])[0] if doc.source else None,
    }
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
    _store_proposals(article, extraction, report)
    return report


def _previous_version(url: str, origin: str) -> Article | None:
    """The article a changed file replaces: same URL when known, else same file name."""
    if url:
        found = Article.objects.filter(url=url).first()
        if found:
            return found
    return Article.objects.filter(origin=origin).order_by("pk").first()


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


def _store_proposals(article: Article, extraction: Extraction, report: FileReport) -> None:
    body = article.body
    keys = {m.actor for m in extraction.mentions}
    keys |= {c.claimant for c in extraction.claims if c.claimant}
    keys |= {s for c in extraction.claims for s in c.subjects}
    keys |= {k for e in extraction.events for k, _ in e.participants}
    actors = dict(Actor.objects.filter(slug__in=keys).values_list("slug", "pk"))

    taken = set(Mention.objects.filter(article=article).values_list("actor_id", "start", "end"))
    mentions = []
    for m in extraction.mentions:
        actor_id = actors.get(m.actor)
        if actor_id and (actor_id, m.start, m.end) not in taken:
            taken.add((actor_id, m.start, m.end))
            mentions.append(
                Mention(
                    article=article,
                    actor_id=actor_id,
                    start=m.start,
                    end=m.end,
                    text=body[m.start : m.end],
                )
            )
    candidates = 0
    for cand in extraction.candidates:
        actor, created = _candidate_actor(cand.name, cand.kind)
        candidates += created
        for start, end in cand.spans:
            if (actor.pk, start, end) not in taken:
                taken.add((actor.pk, start, end))
                mentions.append(
                    Mention(
                        article=article, actor=actor, start=start, end=end, text=body[start:end]
                    )
                )
    Mention.objects.bulk_create(mentions)
    report.counts["mentions"] = len(mentions)
    report.counts["candidate_actors"] = candidates

    claims = _store_claims(article, extraction, actors)
    report.counts["claims"] = sum(1 for c in claims if c is not None)
    created, attached = _store_events(article, extraction.events, actors, claims)
    report.counts["events_created"] = created
    report.counts["events_attached"] = attached


def _candidate_actor(name: str, kind: str) -> tuple[Actor, bool]:
    """The actor a candidate name stands for, reusing one already known by name or alias."""
    folded = fold(name)
    alias = Alias.objects.filter(normalized=folded).select_related("actor").first()
    if alias is not None:
        return alias.actor, False
    slug = slugify(name)[:190] or "candidate"
    existing = Actor.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    actor = Actor(
        name=name[:200],
        slug=slug,
        kind=kind if kind in dict(Actor._meta.get_field("kind").choices) else "other",
        status=ReviewStatus.PROPOSED,
        origin=Origin.INGEST,
        description="Candidate found by ingest; not in the reference catalog.",
    )
    actor._change_reason = CHANGE_REASON
    actor.save()
    alias = Alias(actor=actor, text=name[:200], normalized=folded, kind=AliasKind.NAME)
    alias._change_reason = CHANGE_REASON
    alias.save()
    return actor, True


def _store_claims(
    article: Article, extraction: Extraction, actors: dict[str, int]
) -> list[Claim | None]:
    body = article.body
    kept_spans = set(Claim.objects.filter(article=article).values_list("start", "end"))
    stored: list[Claim | None] = []
    for p in extraction.claims:
        if (p.start, p.end) in kept_spans or p.end <= p.start:
            stored.append(None)
            continue
        claim = Claim(
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
        claim._change_reason = CHANGE_REASON
        claim.save()
        subjects = [actors[s] for s in p.subjects if s in actors]
        if subjects:
            claim.subjects.set(subjects)
        stored.append(claim)
    pairs = {
        (j, i, kind)
        for j, p in enumerate(extraction.claims)
        for i, kind in p.links
        if 0 <= i < len(stored) and i != j and stored[i] and stored[j]
    }
    links = [
        ClaimLink(from_claim=stored[j], to_claim=stored[i], kind=kind, origin=Origin.INGEST)
        for j, i, kind in sorted(pairs)
    ]
    bulk_create_with_history(links, ClaimLink, default_change_reason=CHANGE_REASON)
    return stored


def _store_events(
    article: Article,
    proposals: list[EventProposal],
    actors: dict[str, int],
    claims: list[Claim | None],
) -> tuple[int, int]:
    body = article.body
    places = dict(
        Place.objects.filter(slug__in={p.place for p in proposals if p.place}).values_list(
            "slug", "pk"
        )
    )
    created = attached = 0
    for p in proposals:
        participants = {(actors[k], role) for k, role in p.participants if k in actors}
        place_id = places.get(p.place) if p.place else None
        event = _matching_event(p, {a for a, _ in participants}, place_id)
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
            event._change_reason = CHANGE_REASON
            event.save()
            created += 1
        else:
            if EventSource.objects.filter(event=event, article=article, start=p.start).exists():
                continue
            _refine(event, p, place_id)
            attached += 1
        have = set(event.participants.values_list("actor_id", "role"))
        new = [
            Participant(event=event, actor_id=a, role=r)
            for a, r in sorted(participants)
            if (a, r) not in have
        ]
        for participant in new:
            participant.save()
        # The main sentence, then any other sentence of the article reporting the same event.
        taken = set(
            EventSource.objects.filter(event=event, article=article).values_list("start", flat=True)
        )
        spans = [(p.start, p.end)] + [(s, e) for s, e in p.spans if e > s]
        for start, end in spans:
            if start in taken:
                continue
            taken.add(start)
            EventSource.objects.create(
                event=event,
                article=article,
                start=start,
                end=end,
                quote=body[start:end],
                date_text=p.date_text[:200] if start == p.start else "",
                origin=Origin.INGEST,
            )
        for claim in claims:
            if claim and claim.event_id is None and _overlaps(claim, spans):
                claim.event = event
                claim._change_reason = CHANGE_REASON
                claim.save(update_fields=["event"])
    return created, attached


def _overlaps(claim: Claim, spans: list[tuple[int, int]]) -> bool:
    return any(claim.sentence_start < end and start < claim.sentence_end for start, end in spans)


def _matching_event(p: EventProposal, actor_ids: set[int], place_id: int | None) -> Event | None:
    """An existing event this proposal reports again: same kind, shared actors, compatible date."""
    from kb.ingest.dates import dates_compatible

    if not actor_ids:
        return None
    candidates = (
        Event.objects.filter(kind=p.kind, participants__actor_id__in=actor_ids)
        .exclude(status=ReviewStatus.REJECTED)
        .distinct()
        .order_by("pk")[:50]
    )
    for event in candidates:
        if p.date and event.date:
            if dates_compatible(p.date, PartialDate.parse(event.date)):
                return event
        elif not p.date and not event.date and place_id and event.place_id == place_id:
            return event
    return None


def _refine(event: Event, p: EventProposal, place_id: int | None) -> None:
    """Fill in what an unreviewed event lacks from a second report (finer date, place)."""
    if event.status != ReviewStatus.PROPOSED:
        return
    changed = False
    current = PartialDate.parse(event.date) if event.date else None
    if p.date and (current is None or _finer(p.date, current)):
        event.date, event.date_text, changed = p.date.edtf(), p.date_text[:200], True
    if place_id and not event.place_id:
        event.place_id, changed = place_id, True
    if p.fatalities and not event.fatalities:
        event.fatalities, changed = p.fatalities, True
    if changed:
        event._change_reason = CHANGE_REASON
        event.save()


def _finer(a: PartialDate, b: PartialDate) -> bool:
    order = {"year": 0, "month": 1, "day": 2}
    return (a.year is not None, order[a.precision]) > (b.year is not None, order[b.precision])


def ingest_paths(
    paths: list[Path],
    *,
    catalog: Catalog | None = None,
    reprocess: bool = False,
    dry_run: bool = False,
    max_bytes: int,
) -> list[FileReport]:
    """Ingest files and folders; one report per file, errors included, nothing partial saved."""
    from kb.ingest.pipeline import Matchers, extract
    from kb.ingest.read import iter_article_paths, read_path
    from kb.ingest.types import IngestError

    catalog = catalog or catalog_from_db()
    matchers = Matchers.from_catalog(catalog)
    reports = []
    try:
        files = iter_article_paths(paths)
    except IngestError as exc:
        return [FileReport(", ".join(map(str, paths)), "error", str(exc))]
    for path in files:
        label = str(path)
        try:
            raw = read_path(path, max_bytes=max_bytes)
            extraction = extract(raw, catalog, matchers=matchers)
            reports.append(
                store_extraction(
                    extraction, raw=raw, path=label, reprocess=reprocess, dry_run=dry_run
                )
            )
        except IngestError as exc:
            reports.append(FileReport(label, "error", str(exc)))
        except Exception as exc:  # a pipeline bug must not stop the other files
            logger.exception("ingest failed on %s", label)
            reports.append(
                FileReport(label, "error", f"internal error: {type(exc).__name__}: {exc}")
            )
    return reports


__all__ = ["FileReport", "catalog_from_db", "content_hash", "ingest_paths", "store_extraction"]
