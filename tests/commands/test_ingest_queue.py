"""``ingest --queue`` without a broker: the same batches, run at once in this process (eager),
recorded on an IngestRun; a batch is stored exactly once however often it is delivered."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from kombu.exceptions import OperationalError

from actors.models import Actor
from articles.models import Article, Mention
from kb.celery import app
from kb.ingest.read.files import read_path
from kb.runs import enqueue as queue
from kb.runs import tasks
from kb.runs.models import IngestBatch, IngestRun
from kb.runs.services import batch_create, run_start

pytestmark = pytest.mark.django_db

TEXT = """Strike on a base in Iraq, report {i}

Kataib Hezbollah fighters attacked a base used by the United States in Iraq on {day} \
March 2024, the Pentagon said in report {i}. Iran denied that it had ordered the attack.
"""


@pytest.fixture(autouse=True)
def eager(monkeypatch):
    """Tasks run here even when REDIS_URL is set for the queue tests."""
    monkeypatch.setattr(app.conf, "task_always_eager", True)
    tasks._catalog.clear()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    call_command("load_reference", stdout=StringIO())
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(TEXT.format(i=i, day=i + 1), encoding="utf-8")
    (tmp_path / "a2b.txt").write_bytes(b"\x00\x01binary\xff")
    return tmp_path


def ingest(*args) -> str:
    out = StringIO()
    call_command("ingest", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def stored() -> tuple[int, int]:
    return Article.objects.count(), Mention.objects.count()


def test_queued_ingest_records_a_run_with_each_file_counted_once(folder):
    with pytest.raises(CommandError, match="1 of 6 file"):
        ingest("--queue", "--batch-size", "2", str(folder))
    run = IngestRun.objects.get()
    assert (run.files_queued, run.files_done, run.files_unchanged, run.files_failed) == (6, 5, 0, 1)
    assert run.batches == 3 and run.is_finished
    assert run.failures == [
        {
            "path": str(folder / "a2b.txt"),
            "reason": "a2b.txt: binary file (contains NUL bytes; UTF-16 text needs a byte-order mark)",
        }
    ]
    assert sorted(Article.objects.values_list("origin", flat=True)) == [
        f"a{i}.txt" for i in range(5)
    ]
    # Every batch done, its documents dropped, each delivered once.
    assert list(IngestBatch.objects.values_list("size", "attempts", "documents")) == [
        (2, 1, []),
        (2, 1, []),
        (1, 1, []),
    ]
    # The actors' counts were brought up to date when the run finished.
    iran = Actor.objects.get(slug="iran")
    assert iran.article_count == 5 == Mention.objects.filter(actor=iran).values("article").count()


def test_queued_ingest_twice_changes_nothing_the_second_time(folder):
    (folder / "a2b.txt").unlink()
    out = ingest("--queue", str(folder))
    first = stored()
    assert "5 stored, 0 unchanged, 0 failed" in out
    out = ingest("--queue", str(folder))
    assert stored() == first
    assert "5 of 5 file(s): 0 stored, 5 unchanged, 0 failed" in out
    assert IngestRun.objects.filter(files_unchanged=5, files_done=0).count() == 1


def test_a_batch_delivered_again_after_it_was_done_is_skipped(folder):
    run = run_start(paths=[str(folder)], files=2, reprocess=False)
    docs = [(str(p), read_path(p)) for p in sorted(folder.glob("a[01].txt"))]
    batch = batch_create(run=run, number=1, documents=docs)
    assert tasks.batch_process(batch.pk, worker="w1:1") == "done"
    after = stored()
    assert tasks.batch_process(batch.pk, worker="w2:2") == "skipped"
    assert stored() == after == (2, Mention.objects.count())
    run.refresh_from_db()
    assert (run.files_done, run.files_unchanged) == (2, 0)
    batch.refresh_from_db()
    assert (batch.attempts, batch.worker) == (1, "w1:1")


def test_a_batch_that_fails_before_its_commit_leaves_nothing_and_is_done_again(folder, monkeypatch):
    run = run_start(paths=[str(folder)], files=2, reprocess=False)
    docs = [(str(p), read_path(p)) for p in sorted(folder.glob("a[01].txt"))]
    batch = batch_create(run=run, number=1, documents=docs)
    real = tasks.run_record

    def lost(*args, **kwargs):
        raise RuntimeError("worker lost")

    monkeypatch.setattr(tasks, "run_record", lost)
    with pytest.raises(RuntimeError):
        tasks.batch_process(batch.pk, worker="w1:1")
    assert stored() == (0, 0)
    batch.refresh_from_db()
    assert batch.done_at is None and len(batch.documents) == 2
    monkeypatch.setattr(tasks, "run_record", real)
    assert tasks.batch_process(batch.pk, worker="w2:2") == "done"
    run.refresh_from_db()
    batch.refresh_from_db()
    assert (run.files_done, run.is_finished, batch.attempts) == (2, True, 2)
    assert Article.objects.count() == 2


def test_queued_json_report_is_the_run(folder):
    (folder / "a2b.txt").unlink()
    data = json.loads(ingest("--queue", "--format", "json", str(folder)))
    run = IngestRun.objects.get()
    assert data["id"] == run.pk
    assert (data["files_queued"], data["files_done"], data["failures"]) == (5, 5, [])
    assert data["finished_at"] is not None


def test_an_empty_folder_makes_a_finished_run(tmp_path):
    out = ingest("--queue", str(tmp_path))
    run = IngestRun.objects.get()
    assert run.is_finished and run.files_queued == 0
    assert f"ingest run {run.pk} finished: 0 of 0 file(s)" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--dry-run"], "--dry-run is not available with --queue"),
        (["--batch-size", "0"], "--batch-size must be at least 1"),
    ],
)
def test_queue_option_refusals(folder, args, message):
    with pytest.raises(CommandError, match=message):
        ingest("--queue", *args, str(folder))
    assert not IngestRun.objects.exists() and stored() == (0, 0)


def test_a_missing_path_fails_with_its_reason_on_the_run(tmp_path):
    with pytest.raises(CommandError, match="1 of 1 file"):
        ingest("--queue", str(tmp_path / "nowhere.txt"))
    run = IngestRun.objects.get()
    assert run.failures == [
        {"path": str(tmp_path / "nowhere.txt"), "reason": "nowhere.txt: file not found"}
    ]
    assert run.is_finished and Article.objects.count() == 0


def test_an_unreachable_broker_is_one_clear_line(folder, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(queue.ingest_batch, "delay", refuse)
    with pytest.raises(CommandError, match="cannot reach the task queue: Error 111"):
        ingest("--queue", str(folder))
    assert stored() == (0, 0)
