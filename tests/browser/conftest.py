"""Real Chromium (Debian's package) driven by Playwright against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULTS = Path(__file__).resolve().parents[2] / "test-results" / "browser"


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are still synchronous and safe. Only for as long as the browser is open.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # On leaving, the page editor releases its editing session in the background; a release
    # that reaches the live server while the test's database is being emptied fails the
    # teardown ("table is locked" on SQLite). No browser test is about releasing a session
    # (the editor's pings, which publishing needs, still go through).
    context.route("**/admin/editing-sessions/release/**", lambda route: route.abort())
    page = context.new_page()
    yield page
    # The page editor autosaves and pings on timers; one that fires while the database is being
    # emptied fails the teardown and the tests after it. Refuse every request, leave the page,
    # then close.
    context.route("**/*", lambda route: route.abort())
    page.goto("about:blank")
    context.close()


@pytest.fixture
def screenshot_dir():
    RESULTS.mkdir(parents=True, exist_ok=True)
    return RESULTS


@pytest.fixture
def demo_site(transactional_db, tmp_path, monkeypatch):
    """The demo site, built as `load_demo_content` builds it (without its admin account)."""
    from django.core.management import call_command

    from tests.conftest import ensure_default_word_lists, ensure_wagtail_roots

    monkeypatch.setattr("demo.management.commands.load_demo_content.PASSWORD_FILE", tmp_path / "pw")
    # An earlier live-server test's flush may have emptied what migrations insert: the page
    # tree, and the word lists the screen needs to reject the demo's abusive comment.
    ensure_wagtail_roots()
    ensure_default_word_lists()
    call_command("load_demo_content", "--no-admin")


@pytest.fixture
def live_site_address(live_server):
    """The live server's hostname and port, for the default Site: links in emails start from
    the Site (core/links.py), as `make run` points it at the development server."""
    from urllib.parse import urlsplit

    parts = urlsplit(live_server.url)
    return {"hostname": parts.hostname, "port": parts.port}
