"""axe-core finds nothing on the public pages and the moderation queue, in real Chromium.

axe-core comes from npm (`npm ci` at the top of the project; `.ci/run` does it) and is
injected into each page. Two kinds of result fail a test: violations, and "incomplete" items
(the ones axe cannot decide and leaves for a person to review), because each of those has been
reviewed once and the template changed so that axe can decide. In the admin only the parts this
project draws are checked: Wagtail's own chrome around them is Wagtail's to answer for.
"""

import json
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from campaign.models import CampaignPage, PetitionPage
from news.models import NewsIndexPage, NewsPage
from tests.factories import CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("AXE_CORE_PATH", ROOT / "node_modules" / "axe-core" / "axe.min.js"))
PASSWORD = "a-long-and-unusual-passphrase-for-tests"
PHONE = {"width": 390, "height": 844}

# WCAG 2.2 A and AA, and axe's own best practices (landmarks, one h1, heading order).
RUN_AXE = """async (selectors) => {
    const context = selectors.length ? {include: selectors.map((s) => [s])} : document;
    const results = await axe.run(context, {
        runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                         "best-practice"]},
        resultTypes: ["violations", "incomplete"],
    });
    const brief = (items) => items.map((item) => ({
        rule: item.id,
        help: item.help,
        nodes: item.nodes.map((node) => ({
            target: node.target.join(" "),
            html: node.html.slice(0, 160),
            why: (node.any.concat(node.all, node.none)).map((check) => check.message).join("; "),
        })),
    }));
    return {violations: brief(results.violations), incomplete: brief(results.incomplete)};
}"""


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        message = f"axe-core not found at {AXE} (run `npm ci` in the project folder)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def axe_page(browser, axe_source):
    """A browser tab that can inject axe: the site's policy allows no inline script, so the
    tab ignores the policy (another test, test_content_security_policy, checks the policy)."""

    def open_tab(viewport):
        context = browser.new_context(viewport=viewport, bypass_csp=True)
        context.route("**/admin/editing-sessions/release/**", lambda route: route.abort())
        opened.append(context)
        return context.new_page()

    opened = []
    yield open_tab
    for context in opened:
        context.close()


def audit(page, axe_source, url, *, only=(), status=200):
    response = page.goto(url)
    assert response.status == status, url
    page.wait_for_load_state("networkidle")
    page.add_script_tag(content=axe_source)
    return page.evaluate(RUN_AXE, list(only))


def findings(results, *, admin=False):
    if admin:
        results["incomplete"] = [
            item for item in results["incomplete"] if not wagtails_select(item)
        ]
    return {kind: items for kind, items in results.items() if items}


def wagtails_select(item):
    """Wagtail's admin draws every select box's arrow as a background gradient, so axe cannot
    read the contrast behind any of them: Wagtail's style, not a template of ours."""
    return item["rule"] == "color-contrast" and all(
        node["html"].startswith("<select") and "gradient" in node["why"] for node in item["nodes"]
    )


def public_addresses():
    story = NewsPage.objects.live().order_by("-first_published_at").first()
    petition = PetitionPage.objects.live().first()
    campaign = CampaignPage.objects.live().first()
    index = NewsIndexPage.objects.live().first()
    tag = story.tags.first()
    comment = CommentFactory(page=story, status="approved", name="Amira")
    return {
        "home": "/",
        "newsroom": index.url,
        "category": index.url + f"category/{story.category.slug}/",
        "tag": index.url + f"tag/{tag.slug}/" if tag else index.url,
        "search": index.url + "search/?q=police",
        "story": story.url,
        "campaign": campaign.url,
        "petition": petition.url,
        "all comments": f"/comments/page/{story.pk}/",
        "reply": f"/comments/reply/{comment.pk}/",
    }


def test_public_pages_have_no_accessibility_findings(live_server, demo_site, axe_page, axe_source):
    addresses = public_addresses()
    failures = {}
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        page = axe_page(viewport)
        for name, path in addresses.items():
            found = findings(audit(page, axe_source, live_server.url + path))
            if found:
                failures[f"{name} at {viewport['width']} px ({path})"] = found
        found = findings(audit(page, axe_source, live_server.url + "/no-such-page/", status=404))
        if found:
            failures[f"not found at {viewport['width']} px"] = found
    assert not failures, json.dumps(failures, indent=2, ensure_ascii=False)


def test_the_moderation_queue_has_no_accessibility_findings_in_what_it_draws(
    live_server, demo_site, axe_page, axe_source
):
    get_user_model().objects.create_superuser("moderator", "mod@example.org", PASSWORD)
    story = NewsPage.objects.live().first()
    waiting = CommentFactory(page=story, status="pending", name="Jordan")
    page = axe_page({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")

    failures = {}
    for name, path, only in [
        ("queue", "/admin/snippets/comments/comment/", ["#listing-results table"]),
        ("moderate", f"/admin/comments/moderate/{waiting.pk}/", ["main"]),
    ]:
        found = findings(audit(page, axe_source, live_server.url + path, only=only), admin=True)
        if found:
            failures[name] = found
    assert not failures, json.dumps(failures, indent=2, ensure_ascii=False)
