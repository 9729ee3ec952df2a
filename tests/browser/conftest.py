"""Headless Chromium (Playwright) against pytest-django's live server.

Chromium comes from the system (`apt-get install chromium`), never from `playwright install`.
Screenshots go to test-artifacts/screenshots/ (gitignored).
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

# live_server runs Django in a thread while Playwright's sync API runs an event loop in
# this one; Django's async-safety check would refuse the ORM calls the tests make.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    # `make test` deselects these tests (-m "not browser") when Chromium is missing, so
    # reaching here without it is a set-up error, not a reason to pass quietly.
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def shot():
    """Save a full-page screenshot: shot(page, "name")."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def sample(transactional_db):
    from tests.factories import make_sample_kb

    return make_sample_kb()


@pytest.fixture
def demo_kb(transactional_db, django_user_model):
    """The demo knowledge base (the seeds as ingested) and a superuser to sign in with."""
    call_command("loaddata", "demo", verbosity=0)
    return django_user_model.objects.create_superuser("a11y", "a11y@example.org", "pw")


def log_in(page, client, live_server, user) -> None:
    """The browser shares the session of a test client logged in as `user`."""
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
