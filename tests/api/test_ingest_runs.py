"""``/api/v1/ingest-runs/`` and the admin's ingest runs: read only, for Analysts and Editors."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from kb.core.roles import ANALYST, EDITOR, READER
from kb.runs.models import IngestRun
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def run() -> IngestRun:
    started = timezone.now() - timezone.timedelta(seconds=10)
    return IngestRun.objects.create(
        paths="/data/a\n/data/b",
        files_queued=30,
        files_done=20,
        files_unchanged=5,
        files_failed=1,
        batches=3,
        started_at=started,
        failures=[{"path": "/data/a/x.bin", "reason": "x.bin: binary file"}],
    )


def client_as(role: str | None) -> APIClient:
    client = APIClient()
    if role:
        client.force_authenticate(make_user(role.lower(), role=role))
    return client


@pytest.mark.parametrize("role", [ANALYST, EDITOR])
def test_staff_read_a_run_with_its_counts_rate_and_failures(run, role):
    body = client_as(role).get(f"/api/v1/ingest-runs/{run.pk}/").json()
    assert body["paths"] == ["/data/a", "/data/b"]
    assert (body["files_queued"], body["files_processed"], body["files_done"]) == (30, 26, 20)
    assert (body["files_unchanged"], body["files_failed"], body["finished"]) == (5, 1, False)
    assert body["failures"] == [{"path": "/data/a/x.bin", "reason": "x.bin: binary file"}]
    assert 2.0 <= body["rate"] <= 2.6  # 26 files in 10 s and a little
    assert body["finished_at"] is None


@pytest.mark.parametrize("role", [None, READER])
def test_anonymous_and_readers_may_not_read_runs(run, role):
    client = client_as(role)
    for url in (f"/api/v1/ingest-runs/{run.pk}/", "/api/v1/ingest-runs/"):
        response = client.get(url)
        assert response.status_code in (401, 403)
        assert "paths" not in response.json() and "results" not in response.json()


def test_runs_are_read_only(run):
    client = client_as(EDITOR)
    assert client.delete(f"/api/v1/ingest-runs/{run.pk}/").status_code == 405
    assert client.patch(f"/api/v1/ingest-runs/{run.pk}/", {"files_done": 0}).status_code == 405
    assert client.post("/api/v1/ingest-runs/", {}).status_code == 405
    run.refresh_from_db()
    assert run.files_done == 20


def test_run_list_newest_first(run):
    newer = IngestRun.objects.create(paths="/data/c", files_queued=1)
    body = client_as(ANALYST).get("/api/v1/ingest-runs/").json()
    assert [r["id"] for r in body["results"]] == [newer.pk, run.pk]


def test_admin_shows_runs_read_only(run, client):
    client.force_login(make_user("analyst", role=ANALYST))
    page = client.get(f"/admin/kb/ingestrun/{run.pk}/change/")
    assert page.status_code == 200 and "x.bin: binary file" in page.content.decode()
    assert client.get("/admin/kb/ingestrun/").status_code == 200
    assert client.get("/admin/kb/ingestrun/add/").status_code == 403
    client.post(f"/admin/kb/ingestrun/{run.pk}/change/", {"files_done": 0})
    client.post(f"/admin/kb/ingestrun/{run.pk}/delete/", {"post": "yes"})
    run.refresh_from_db()
    assert run.files_done == 20


def test_readers_do_not_see_runs_in_the_admin(run, client):
    user = make_user("reader", role=READER)
    user.is_staff = True  # even a reader made staff by hand
    user.save()
    client.force_login(user)
    assert client.get(f"/admin/kb/ingestrun/{run.pk}/change/").status_code in (302, 403)
