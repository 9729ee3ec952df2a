"""Ingesting many files: read the catalog once, extract file by file, store in batches.

New articles are stored ``STORE_BATCH`` at a time, in one transaction and one set of bulk
writes (kb.ingest.store.store_batch); files that change an article already stored go one
by one. A file that cannot be read or extracted is reported and skipped, and a batch whose
write fails is stored again article by article, so one bad file or one pipeline bug costs
that file only.

Extraction is CPU work in Python; storing is mostly waiting for the database. When the
caller holds no open transaction, batches are stored on a second thread (one batch at a
time, in order) while the next batch is extracted, so the two overlap.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from django.db import connection, connections

from actors.models import Actor, Alias, AliasKind
from events.models import Place
from kb.core.choices import ReviewStatus
from kb.ingest.catalog import Catalog, CatalogActor, CatalogPlace
from kb.ingest.pipeline import Matchers, extract
from kb.ingest.read.files import iter_article_paths, read_path
from kb.ingest.report import FileReport, error_report
from kb.ingest.store import Pending, store_batch, store_extraction
from kb.ingest.types import IngestError

#: New articles stored per transaction: enough to amortise the round trips and the commit,
#: few enough that a batch retried file by file (after a failure) stays quick.
STORE_BATCH = 100


def catalog_from_db() -> Catalog:
    """The pipeline's view of the knowledge base: every actor not rejected, every place."""
    actors = []
    aliases: dict[int, list[Alias]] = {}
    for alias in Alias.objects.exclude(actor__status=ReviewStatus.REJECTED).only(
        "actor_id", "text", "kind", "case_sensitive"
    ):
        aliases.setdefault(alias.actor_id, []).append(alias)
    parents = dict(Actor.objects.values_list("pk", "slug"))
    fields = ("slug", "name", "kind", "country", "parent_id", "description")
    rows = Actor.objects.exclude(status=ReviewStatus.REJECTED).order_by("pk").only(*fields)
    for actor in rows:
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


def ingest_paths(
    paths: list[Path],
    *,
    catalog: Catalog | None = None,
    reprocess: bool = False,
    dry_run: bool = False,
    max_bytes: int,
) -> list[FileReport]:
    """Ingest files and folders; one report per file, errors included, nothing partial saved."""
    catalog = catalog or catalog_from_db()
    matchers = Matchers.from_catalog(catalog)
    try:
        files = iter_article_paths(paths)
    except IngestError as exc:
        return [FileReport(", ".join(map(str, paths)), "error", str(exc))]
    # One slot per file, in order: a report, or the index of its store in writer.reports.
    slots: list[FileReport | int] = []
    pending: list[Pending] = []
    writer = _Writer(reprocess=reprocess, background=not dry_run and _can_store_aside())
    try:
        for path in files:
            label = str(path)
            try:
                raw = read_path(path, max_bytes=max_bytes)
                extraction = extract(raw, catalog, matchers=matchers)
                if dry_run:
                    slots.append(
                        store_extraction(
                            extraction, raw=raw, path=label, reprocess=reprocess, dry_run=True
                        )
                    )
                    continue
                slots.append(writer.queued + len(pending))
                pending.append(Pending(extraction, raw, label))
                if len(pending) >= STORE_BATCH:
                    writer.submit(pending)
                    pending = []
            except Exception as exc:  # a bad file or a pipeline bug costs that file only
                slots.append(error_report(label, exc))
        writer.submit(pending)
    finally:
        writer.close()
    reports = [writer.reports[s] if isinstance(s, int) else s for s in slots]
    if not dry_run:
        _refresh_actor_counts(reports)
    return reports


def _can_store_aside() -> bool:
    """True when another thread's connection sees and keeps what it writes: no transaction
    is open here (a test's, a caller's) and the database is not a private in-memory one."""
    if connection.in_atomic_block:
        return False
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


class _Writer:
    """Stores batches in order: on its own thread when ``background``, else at once.

    At most one batch is being stored at any time; ``submit`` waits for the one before.
    """

    def __init__(self, *, reprocess: bool, background: bool):
        self.reprocess = reprocess
        self.reports: list[FileReport] = []
        self.queued = 0
        self._pool = ThreadPoolExecutor(1, "kb-ingest-store") if background else None
        self._running: Future | None = None

    def submit(self, batch: list[Pending]) -> None:
        if not batch:
            return
        self.queued += len(batch)
        if self._pool is None:
            self.reports.extend(store_batch(batch, reprocess=self.reprocess))
            return
        self._wait()
        self._running = self._pool.submit(store_batch, batch, reprocess=self.reprocess)

    def _wait(self) -> None:
        if self._running is not None:
            running, self._running = self._running, None
            self.reports.extend(running.result())

    def close(self) -> None:
        """Wait for the last batch; close the thread's database connection."""
        if self._pool is None:
            return
        try:
            self._wait()
        finally:
            self._pool.submit(connections.close_all).result()
            self._pool.shutdown()


def _refresh_actor_counts(reports: list[FileReport]) -> None:
    """Bring the stored per-actor counts up to date with what the batch wrote."""
    from actors.services import actor_counts_refresh
    from articles.models import Mention

    if any(r.status in ("updated", "reprocessed") for r in reports):
        # Replaced proposals may have named actors the new text no longer names.
        actor_counts_refresh()
        return
    created = [r.article_id for r in reports if r.status == "created" and r.article_id]
    if created:
        touched = Mention.objects.filter(article_id__in=created).values_list("actor_id", flat=True)
        actor_counts_refresh(actor_ids=set(touched))


__all__ = ["catalog_from_db", "ingest_paths"]
