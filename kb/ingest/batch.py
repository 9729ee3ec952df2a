"""Ingesting many files: read the catalog once, then extract and store file by file.

Each file is stored in its own transaction (kb.ingest.store), so one bad file or one
pipeline bug costs that file only.
"""

from __future__ import annotations

import logging
from pathlib import Path

from actors.models import Actor, Alias, AliasKind
from events.models import Place
from kb.choices import ReviewStatus
from kb.ingest.report import FileReport
from kb.ingest.store import store_extraction
from kb.ingest.types import Catalog, CatalogActor, CatalogPlace

logger = logging.getLogger(__name__)


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
    if not dry_run:
        _refresh_actor_counts(reports)
    return reports


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
