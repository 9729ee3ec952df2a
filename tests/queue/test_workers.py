"""The queue for real: Redis at REDIS_URL, ``celery worker`` subprocesses, PostgreSQL shared.

Marked ``queue`` and skipped unless REDIS_URL is set and the database is PostgreSQL (the
workers are other processes: they need the test database to be a server). CI runs them
(.ci/run). Each test commits for real, so the workers see what it wrote.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from kb.runs.enqueue import enqueue_paths
from kb.runs.models import IngestBatch, IngestRun

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")

pytestmark = [
    pytest.mark.queue,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set"),
    pytest.mark.skipif(not POSTGRES, reason="workers share the database: needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

TEXT = """Strike on a base in Iraq, report {i}

Kataib Hezbollah fighters attacked a base used by the United States in Iraq on {day} \
March 2024, the Pentagon said in report {i}. Iran denied that it had ordered the attack. \
Iraqi officials said the Popular Mobilization Forces would investigate report {i}.
"""


def write_articles(folder: Path, n: int, *, prefix: str = "a") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = TEXT.format(i=i, day=i % 28 + 1)
        (folder / f"{prefix}{i:03}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def workers():
    """Start ``celery worker`` processes on the test database; stopped (and reaped) after."""
    started: list[subprocess.Popen] = []
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"

    def start(concurrency: int = 1) -> subprocess.Popen:
        command = [sys.executable, "-m", "celery", "-A", "kb.celery", "worker", "--pool=prefork"]
        command += [f"--concurrency={concurrency}", "--loglevel=WARNING"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        command += [f"--hostname=test-{uuid.uuid4().hex[:8]}@%h"]
        env = {**os.environ, "DATABASE_URL": url, "CONN_MAX_AGE": "0"}
        process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in started:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_for(check, *, timeout: float = 120.0, what: str = "the workers"):
    """Poll ``check`` until it returns something true (other processes do the work)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def finished(run: IngestRun) -> IngestRun:
    return wait_for(
        lambda: IngestRun.objects.filter(pk=run.pk, finished_at__isnull=False).first(),
        what=f"run {run.pk} to finish",
    )


@pytest.fixture
def catalog():
    call_command("load_reference", stdout=StringIO())


def test_workers_share_a_run_and_store_the_same_text_once(catalog, workers, tmp_path):
    first = write_articles(tmp_path / "first", 6)
    again = write_articles(tmp_path / "again", 6, prefix="b")  # same texts, other names
    workers(concurrency=2)
    workers(concurrency=1)
    run = enqueue_paths([first, again], max_bytes=settings.INGEST_MAX_BYTES, batch_size=2)
    run = finished(run)
    assert (run.files_queued, run.files_done, run.files_unchanged, run.files_failed) == (
        12,
        6,
        6,
        0,
    )
    assert Article.objects.count() == 6
    batches = IngestBatch.objects.filter(run=run)
    assert batches.count() == 6 and not batches.filter(done_at=None).exists()
    assert set(batches.values_list("attempts", flat=True)) == {1}


def test_a_worker_killed_mid_batch_loses_nothing_and_stores_it_once(catalog, workers, tmp_path):
    folder = write_articles(tmp_path / "many", 60)
    workers(concurrency=1)
    run = enqueue_paths([folder], max_bytes=settings.INGEST_MAX_BYTES, batch_size=60)
    batch = IngestBatch.objects.get(run=run)
    taken = wait_for(
        lambda: (
            IngestBatch.objects.filter(pk=batch.pk, attempts=1, done_at=None)
            .exclude(worker="")
            .first()
        ),
        what="a worker to take the batch",
    )
    pid = int(taken.worker.rsplit(":", 1)[1])
    os.kill(pid, signal.SIGKILL)  # the pool process running the task, mid-batch
    assert IngestBatch.objects.get(pk=batch.pk).done_at is None  # killed before its commit
    run = finished(run)
    batch.refresh_from_db()
    assert batch.attempts == 2 and batch.worker != taken.worker  # delivered again, elsewhere
    assert (run.files_done, run.files_unchanged, run.files_failed) == (60, 0, 0)
    assert Article.objects.count() == 60
    assert Article.objects.values("origin").distinct().count() == 60
