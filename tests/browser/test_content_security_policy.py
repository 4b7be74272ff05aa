"""The site and its admin work under their Content Security Policies, in real Chromium.

A policy that blocks one of Wagtail's scripts leaves an editor with a half-working page and no
error message; Chromium reports each blocked resource as a `securitypolicyviolation` event,
so every page here is opened with a listener that records them.
"""

import pytest
from django.contrib.auth import get_user_model

from campaign.models import PetitionPage
from news.models import NewsPage
from tests.csp_policy import directives

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""
PASSWORD = "a-long-and-unusual-passphrase-for-tests"


@pytest.fixture
def chief_editor(demo_site):
    get_user_model().objects.create_superuser("editor-in-chief", "chief@example.org", PASSWORD)


def violations(page):
    return page.evaluate("window.__cspViolations")


def open_and_check(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert response.headers.get("content-security-policy"), url
    page.wait_for_load_state("networkidle")
    assert violations(page) == [], url


def test_public_pages_and_the_admin_run_without_policy_violations(
    live_server, chief_editor, page, screenshot_dir
):
    page.add_init_script(RECORD_VIOLATIONS)
    story = NewsPage.objects.live().first()
    petition = PetitionPage.objects.live().first()

    for path in ["/", story.url, petition.url, petition.get_parent().url, "/news/"]:
        open_and_check(page, live_server.url + path)

    # The public policy allows no inline script; the admin's allows Wagtail's own.
    public_policy = page.goto(live_server.url + petition.url).headers["content-security-policy"]
    assert directives(public_policy)["script-src"] == ["'self'"]
    assert directives(public_policy)["frame-ancestors"] == ["'none'"]

    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor-in-chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    assert violations(page) == []

    for path in [
        "/admin/",
        f"/admin/pages/{story.pk}/edit/",
        f"/admin/pages/{petition.pk}/edit/",
        "/admin/snippets/comments/comment/",
        "/admin/signatures/",
        "/admin/images/",
    ]:
        open_and_check(page, live_server.url + path)

    # The editor's scripts really ran: the StreamField's blocks were drawn by JavaScript.
    page.goto(live_server.url + f"/admin/pages/{story.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-streamfield-child]").count() > 0
    page.screenshot(path=str(screenshot_dir / "admin-editor-under-csp.png"))
    assert violations(page) == []
