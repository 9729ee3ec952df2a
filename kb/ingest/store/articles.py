"""Storing articles: idempotent, all or nothing per article, many new articles in one go.

Machine proposals are stored with ``origin=ingest`` and ``status=proposed``; re-ingesting
replaces only those, and keeps (and re-anchors) what analysts verified or made (see
kb.ingest.store.reprocess). ``store_extraction`` stores one article in its own transaction;
``store_batch`` stores many new articles in one transaction and one set of bulk writes, a
few dozen queries for the whole batch, and falls back to one transaction per article when
anything in the batch fails, so that a bad article still costs only itself.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q

from articles.models import Article, Source
from articles.titles import title_fields
from kb.core.history import bulk_create_tracked
from kb.ingest.read.files import LANGUAGE_TAG
from kb.ingest.store.proposals import store_proposals
from kb.ingest.store.report import FileReport, content_hash, error_report
from kb.ingest.store.reprocess import clear_proposals, reanchor_reviewed
from kb.ingest.store.units import CHANGE_REASON, Pending, Unit
from kb.ingest.types import Extraction, IngestError, RawDocument

logger = logging.getLogger(__name__)
#: Only web links: no javascript:, data: or file: URL is ever stored.
WEB_URL = URLValidator(schemes=["http", "https"])


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


def _check_metadata(doc, origin: str) -> None:
    """The URL and language against the Article model's own validators (and web URLs and
    language codes only); IngestError with one line, before anything is written."""
    checks = (("url", doc.url, WEB_URL), ("language", doc.language or "en", None))
    for name, value, extra in checks:
        if not value:
            continue
        try:
            Article._meta.get_field(name).run_validators(value)
            if extra is not None:
                extra(value)
        except ValidationError as exc:
            reason = " ".join(exc.messages)
            raise IngestError(f"{origin}: {name} {value[:60]!r} refused ({reason})") from None
        if name == "language" and not LANGUAGE_TAG.match(value):
            raise IngestError(f"{origin}: language {value[:60]!r} is not a language code")


def _article_fields(extraction: Extraction, raw: RawDocument, digest: str) -> dict:
    doc = extraction.document
    _check_metadata(doc, raw.origin)
    return {
        **title_fields(doc.title[:500], doc.body),
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
        units.append(Unit(article, item.extraction, report, fresh=True))
    bulk_create_tracked(Article, [u.article for u in units], reason=CHANGE_REASON)
    for unit in units:
        unit.report.article_id, unit.report.title = unit.article.pk, unit.article.title
    store_proposals(units)
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
        if fields["title_derived"] and article.title and not article.title_derived:
            del fields["title"], fields["title_derived"]  # an analyst's title stays
        for key, value in fields.items():
            setattr(article, key, value)
        article.version += 1
    article._change_reason = CHANGE_REASON
    article.save()
    report.article_id, report.title = article.pk, article.title

    if report.status != "created":
        report.counts["proposals_replaced"] = clear_proposals(article)
        kept = reanchor_reviewed(article, old_body, report)
        report.counts["reviewed_kept"] = kept
    store_proposals([Unit(article, extraction, report, fresh=report.status == "created")])
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
