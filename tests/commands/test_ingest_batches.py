"""Ingesting a folder in batches: order kept, errors in place, one bad file costs itself."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article, Mention
from kb.ingest import batch
from kb.ingest.store import articles, lock, proposals

pytestmark = pytest.mark.django_db

TEXT = """Strike on a base in Iraq, report {i}

Kataib Hezbollah fighters attacked a base used by the United States in Iraq on {day} \
March 2024, the Pentagon said in report {i}. Iran denied that it had ordered the attack.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    call_command("load_reference", stdout=StringIO())
    for i in range(7):
        (tmp_path / f"a{i}.txt").write_text(TEXT.format(i=i, day=i + 1), encoding="utf-8")
    (tmp_path / "a3b.txt").write_bytes(b"\x00\x01binary\xff")  # sorts between a3 and a4
    return tmp_path


def test_batches_keep_file_order_and_errors_in_place(folder, monkeypatch):
    sizes = []

    def recording(items, **kwargs):
        sizes.append(len(items))
        return articles.store_batch(items, **kwargs)

    monkeypatch.setattr(batch, "STORE_BATCH", 2)
    monkeypatch.setattr(lock, "store_batch", recording)
    reports = batch.ingest_paths([folder], max_bytes=settings.INGEST_MAX_BYTES)

    assert [Path(r.path).name for r in reports] == sorted(p.name for p in folder.iterdir())
    assert [r.status for r in reports] == ["created"] * 4 + ["error"] + ["created"] * 3
    assert Article.objects.count() == 7
    for report in reports:
        if report.ok:
            article = Article.objects.get(pk=report.article_id)
            assert Path(report.path).name == article.origin
            assert article.mentions.count() == report.counts["mentions"] > 0
    assert sizes == [2, 2, 2, 1]  # the unreadable file takes no place in a batch


def test_a_failing_batch_costs_only_the_bad_file(folder, monkeypatch):
    real = proposals.store_events

    def fussy(units, actors, claims):
        if any(u.article.origin == "a5.txt" for u in units):
            raise RuntimeError("disk on fire")
        return real(units, actors, claims)

    monkeypatch.setattr(batch, "STORE_BATCH", 3)
    monkeypatch.setattr(proposals, "store_events", fussy)
    reports = batch.ingest_paths([folder], max_bytes=settings.INGEST_MAX_BYTES)
    failed = [Path(r.path).name for r in reports if not r.ok]
    assert failed == ["a3b.txt", "a5.txt"]
    assert "disk on fire" in reports[6].message
    assert set(Article.objects.values_list("origin", flat=True)) == {
        f"a{i}.txt" for i in (0, 1, 2, 3, 4, 6)
    }
    assert not Mention.objects.filter(article__origin="a5.txt").exists()
