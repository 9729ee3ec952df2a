"""The storage half of the synthetic corpus: bulk inserts in one transaction.

``bulk_create`` skips ``Model.save()``, so the derived columns are set here
(``Article.published_on``; ``Event.date_precision``/``date_min``/``date_max``) and no history
rows are written: synthetic rows were never edited by anyone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from actors.models import Actor, Alias, AliasKind, Relationship, RelationshipKind
from actors.names import fold_text
from articles.models import Article, Claim, ClaimLink, Mention, Source
from articles.services import mention_counts_refresh
from bench.synth.generate import Generator, event_count, relationship_count
from bench.synth.types import SynthActor, SynthArticle, SynthPlace
from bench.synth.vocabulary import FALLBACK_ACTORS, FALLBACK_PLACES, SOURCES
from events.models import Event, EventSource, Participant, Place, derive_date_columns
from kb.core.choices import Origin, ReviewStatus
from kb.core.edtf import PartialDate

BATCH = 1000


@dataclass
class SynthReport:
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def summary(self) -> str:
        return ", ".join(f"{name} {n}" for name, n in self.counts.items())


# The knowledge base is about these three countries: their actors dominate the coverage.
FOCUS_COUNTRIES = {"IR", "IQ", "US"}


def catalog_for_synthesis() -> tuple[list[SynthActor], list[SynthPlace]]:
    """Actors (not rejected) with the names they may be written as, and places.

    Prominence, which sets an actor's place in the Zipf ranking: states and bodies of the
    focus countries first, then how connected the actor is in the catalog.
    """
    degree: dict[int, int] = {}
    for source_id, target_id in Relationship.objects.filter(origin=Origin.CATALOG).values_list(
        "source_id", "target_id"
    ):
        degree[source_id] = degree.get(source_id, 0) + 1
        degree[target_id] = degree.get(target_id, 0) + 1
    # Sorted in Python, not by the database: collations differ (PostgreSQL's en_US ignores
    # hyphens, SQLite compares bytes) and the corpus must not depend on the backend.
    surfaces: dict[int, list[str]] = {}
    for actor_id, text in Alias.objects.exclude(kind=AliasKind.METONYM).values_list(
        "actor_id", "text"
    ):
        surfaces.setdefault(actor_id, []).append(text)
    actors = []
    rows = Actor.objects.exclude(status=ReviewStatus.REJECTED)
    for pk, slug, name, kind, country in sorted(
        rows.values_list("pk", "slug", "name", "kind", "country"), key=lambda row: row[1]
    ):
        names = list(dict.fromkeys([name, *sorted(surfaces.get(pk, []))]))
        prominence = degree.get(pk, 0)
        if country in FOCUS_COUNTRIES:
            prominence += 100 if kind == "state" else 20
        actors.append(SynthActor(slug, name, kind, tuple(names), prominence))
    places = [
        SynthPlace(slug, name) for slug, name in sorted(Place.objects.values_list("slug", "name"))
    ]
    return actors, places


def ensure_minimal_catalog(report: SynthReport) -> None:
    """Create a small built-in catalog when the database has none (no reference.yaml loaded)."""
    if not Actor.objects.exists():
        report.warnings.append("no actors in the database: using the small built-in catalog")
        for slug, name, kind, aliases in FALLBACK_ACTORS:
            actor = Actor.objects.create(
                slug=slug, name=name, kind=kind, status=ReviewStatus.VERIFIED, origin=Origin.CATALOG
            )
            Alias.objects.bulk_create(
                Alias(actor=actor, text=text, normalized=fold_text(text), kind=alias_kind)
                for text, alias_kind in [
                    (name, AliasKind.NAME),
                    *((a, AliasKind.VARIANT) for a in aliases),
                ]
            )
    if not Place.objects.exists():
        Place.objects.bulk_create(
            Place(slug=slug, name=name, kind=kind, country=country)
            for slug, name, kind, country in FALLBACK_PLACES
        )


@transaction.atomic
def synthesize_corpus(
    *,
    articles: int,
    seed: int,
    progress: Callable[[str], None] | None = None,
    batch_size: int = BATCH,
) -> SynthReport:
    """Generate and store ``articles`` synthetic articles with events, claims and relationships."""
    report = SynthReport()
    ensure_minimal_catalog(report)
    actors, places = catalog_for_synthesis()
    gen = Generator(actors, places, seed=seed)
    actor_pk = dict(Actor.objects.values_list("slug", "pk"))
    place_pk = dict(Place.objects.values_list("slug", "pk"))
    sources = _sources()

    events = gen.make_events(event_count(articles))
    event_pk = _store_events(events, actor_pk, place_pk, report)

    article_pks: list[int] = []
    for start in range(0, articles, batch_size):
        batch = list(gen.articles(min(batch_size, articles - start), start))
        article_pks += _store_articles(batch, seed, sources, actor_pk, event_pk, report)
        if progress:
            progress(f"{start + len(batch)} / {articles} articles")

    _store_relationships(
        gen, article_pks, actor_pk, relationship_count(articles, len(actors)), report
    )
    mention_counts_refresh()  # bulk inserts skip save(): recount the stored mention counts
    return report


def _sources() -> dict[str, int]:
    have = dict(Source.objects.values_list("name", "pk"))
    missing = [
        Source(name=name, url=f"https://www.{domain}/")
        for name, domain in SOURCES
        if name not in have
    ]
    Source.objects.bulk_create(missing)
    return dict(Source.objects.values_list("name", "pk"))


def _store_events(
    events, actor_pk: dict[str, int], place_pk: dict[str, int], report: SynthReport
) -> list[int]:
    rows = []
    for e in events:
        precision, low, high = derive_date_columns(e.date)
        rows.append(
            Event(
                title=e.title, kind=e.kind, date=e.date, date_text=e.date_text, date_precision=precision,
                date_min=low, date_max=high, place_id=place_pk.get(e.place), fatalities=e.fatalities,
                status=e.status, origin=Origin.INGEST,
                description=f"{e.title}. Synthetic event for benchmarks.",
            )
        )  # fmt: skip
    Event.objects.bulk_create(rows, batch_size=BATCH)
    participants = [
        Participant(event_id=row.pk, actor_id=actor_pk[key], role=role)
        for row, e in zip(rows, events, strict=True)
        for key, role in dict.fromkeys(e.participants)
    ]
    Participant.objects.bulk_create(participants, batch_size=BATCH, ignore_conflicts=True)
    report.add("events", len(rows))
    report.add("participants", len(participants))
    return [row.pk for row in rows]


def _store_articles(
    batch: list[SynthArticle],
    seed: int,
    sources: dict[str, int],
    actor_pk: dict[str, int],
    event_pk: list[int],
    report: SynthReport,
) -> list[int]:
    rows = []
    for art in batch:
        bounds = PartialDate.parse(art.published).bounds() if art.published else None
        rows.append(
            Article(
                title=art.title, source_id=sources[art.source], author=art.author, url=art.url,
                published=art.published, published_on=bounds[0] if bounds else None, body=art.body,
                content_hash=art.content_hash, origin=f"synthetic_{seed}_{art.index:06d}.txt",
            )
        )  # fmt: skip
    Article.objects.bulk_create(rows, batch_size=BATCH)

    mentions, claims, claim_arts, sources_rows = [], [], [], []
    for row, art in zip(rows, batch, strict=True):
        for i, (key, start, end) in enumerate(art.mentions):
            status = ReviewStatus.VERIFIED if i % 10 == 0 else ReviewStatus.PROPOSED
            mentions.append(
                Mention(
                    article_id=row.pk, actor_id=actor_pk[key], start=start, end=end,
                    text=art.body[start:end], status=status, origin=Origin.INGEST,
                )
            )  # fmt: skip
        for c in art.claims:
            claims.append(
                Claim(
                    article_id=row.pk, text=art.body[c.sentence_start : c.sentence_end],
                    quote=art.body[c.start : c.end], start=c.start, end=c.end,
                    sentence_start=c.sentence_start, sentence_end=c.sentence_end,
                    claimant_id=actor_pk[c.claimant] if c.claimant else None,
                    claimant_text=c.claimant_text[:300], kind=c.kind, cue=c.cue,
                    credibility=c.credibility, event_id=event_pk[c.event] if c.event is not None else None,
                    status=c.status, origin=Origin.INGEST,
                )
            )  # fmt: skip
            claim_arts.append((art, c))
        for index, start, end, date_text in art.event_sources:
            sources_rows.append(
                EventSource(
                    event_id=event_pk[index], article_id=row.pk, start=start, end=end,
                    quote=art.body[start:end], date_text=date_text, origin=Origin.INGEST,
                )
            )  # fmt: skip
    Mention.objects.bulk_create(mentions, batch_size=5000)
    Claim.objects.bulk_create(claims, batch_size=BATCH)
    EventSource.objects.bulk_create(sources_rows, batch_size=BATCH)

    through = Claim.subjects.through
    subjects = [
        through(claim_id=row.pk, actor_id=actor_pk[key])
        for row, (_, c) in zip(claims, claim_arts, strict=True)
        for key in c.subjects
    ]
    through.objects.bulk_create(subjects, batch_size=5000)

    links, pos = [], 0
    for art in batch:
        mine = claims[pos : pos + len(art.claims)]
        pos += len(art.claims)
        for i, j, kind in art.claim_links:
            links.append(
                ClaimLink(
                    from_claim_id=mine[i].pk,
                    to_claim_id=mine[j].pk,
                    kind=kind,
                    origin=Origin.INGEST,
                )
            )
    ClaimLink.objects.bulk_create(links)

    report.add("articles", len(rows))
    report.add("mentions", len(mentions))
    report.add("claims", len(claims))
    report.add("claim_subjects", len(subjects))
    report.add("claim_links", len(links))
    report.add("event_sources", len(sources_rows))
    return [row.pk for row in rows]


def _store_relationships(
    gen: Generator, article_pks: list[int], actor_pk: dict[str, int], n: int, report: SynthReport
) -> None:
    have = set(Relationship.objects.values_list("source_id", "target_id", "kind"))
    kinds = list(RelationshipKind.values)
    rows, evidence = [], []
    rng = gen.rng
    for _ in range(n * 3):
        if len(rows) >= n:
            break
        a, b = gen.actor(), gen.actor()
        kind = rng.choice(kinds)
        key = (actor_pk[a.key], actor_pk[b.key], kind)
        if a == b or key in have:
            continue
        have.add(key)
        start = str(rng.randint(2003, 2022)) if rng.random() < 0.6 else ""
        rows.append(
            Relationship(
                source_id=key[0], target_id=key[1], kind=kind, start=start, status=gen.status(0.3, 0.05),
                origin=Origin.INGEST, description=f"{a.name} {kind.replace('_', ' ')} {b.name}.",
            )
        )  # fmt: skip
    Relationship.objects.bulk_create(rows, batch_size=BATCH)
    through = Relationship.evidence_articles.through
    if article_pks:
        for row in rows:
            for pk in sorted(set(rng.choices(article_pks, k=rng.randint(1, 3)))):
                evidence.append(through(relationship_id=row.pk, article_id=pk))
    through.objects.bulk_create(evidence, batch_size=5000)
    report.add("relationships", len(rows))
    report.add("relationship_evidence", len(evidence))
