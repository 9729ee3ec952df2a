"""Production settings pass `check --deploy`; throttling, login limits and size limits hold."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.utils import reset as axes_reset
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from tests.factories import make_user

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py in a fresh process whose environment holds only what a server would set.

    Other tests put variables such as DJANGO_ALLOW_ASYNC_UNSAFE into os.environ; they
    must not leak into the production check.
    """
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")
    environ = {k: os.environ[k] for k in keep if k in os.environ}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def last_line(result: subprocess.CompletedProcess) -> str:
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    return lines[-1]


def production_env(**extra: str) -> dict[str, str]:
    return {
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "kb.example.org",
        **extra,
    }


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_are_hardened():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS > 0, s.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']['anon'])"
    )
    result = run_manage("shell", "-c", code, **production_env())
    assert last_line(result).split() == ["False", "True", "True", "True", "True", "60/minute"], (
        result.stderr
    )
    # SSL redirect is configurable (a proxy may terminate TLS and redirect itself).
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT)",
        **production_env(SECURE_SSL_REDIRECT="0"),
    )
    assert last_line(result) == "False"


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


# --- API throttling --------------------------------------------------------------------


@pytest.fixture
def tight_anon_rate(monkeypatch):
    # DRF binds the rates when the throttle class is imported; patch the class itself.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_anonymous_api_clients_are_throttled(tight_anon_rate):
    client = Client()
    statuses = [client.get("/api/v1/actors/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "Retry-After" in client.get("/api/v1/actors/")


@pytest.mark.django_db
def test_signed_in_clients_are_not_held_to_the_anonymous_rate(tight_anon_rate):
    client = Client()
    client.force_login(make_user("analyst", role="Analyst"))
    assert {client.get("/api/v1/actors/").status_code for _ in range(5)} == {200}


# --- login attempts --------------------------------------------------------------------


@pytest.fixture
def login(db):
    axes_reset()
    user = make_user("alice", role="Editor", password="the right password")
    yield lambda client, password, username="alice": client.post(
        reverse("admin:login"), {"username": username, "password": password}
    )
    axes_reset()
    del user


def test_login_is_locked_after_five_failures(login, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200  # the form again, with an error
    assert login(client, "wrong").status_code == 429
    # Locked out: even the right password is refused now.
    assert login(client, "the right password").status_code == 429


def test_a_success_before_the_limit_resets_the_count(login, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong")
    assert login(client, "the right password").status_code == 302
    assert login(Client(), "wrong").status_code == 200


def test_lockout_is_per_username_and_address(login, settings):
    make_user("bob", role="Analyst", password="bob's password")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(Client(), "wrong")
    assert login(Client(), "bob's password", username="bob").status_code == 302


# --- request size limits ---------------------------------------------------------------


@pytest.mark.django_db
def test_oversized_form_body_is_refused(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    response = Client().post(reverse("admin:login"), {"username": "x" * 5_000, "password": "y"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_oversized_upload_is_refused(settings):
    settings.FILE_UPLOAD_MAX_SIZE = 1_000
    big = SimpleUploadedFile("article.txt", b"x" * 5_000, content_type="text/plain")
    response = Client().post(
        reverse("admin:login"), {"username": "x", "password": "y", "file": big}
    )
    assert response.status_code == 400
    small = SimpleUploadedFile("article.txt", b"x" * 500, content_type="text/plain")
    response = Client().post(
        reverse("admin:login"), {"username": "x", "password": "y", "file": small}
    )
    assert response.status_code == 200


def test_size_limits_leave_room_for_one_ingest_document(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE > settings.INGEST_MAX_BYTES
    assert settings.FILE_UPLOAD_MAX_SIZE >= settings.INGEST_MAX_BYTES
    assert settings.FILE_UPLOAD_HANDLERS[0] == "kb.security.UploadLimitHandler"
