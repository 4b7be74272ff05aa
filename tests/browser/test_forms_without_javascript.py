"""Forms on cached pages work on the first try in a browser with JavaScript off, and a form on
another website cannot post to them."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from wagtail.models import Site

from campaign.models import Signature
from comments.models import Comment
from tests.conftest import ensure_wagtail_roots
from tests.factories import (
    CampaignPageFactory,
    HomePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PetitionPageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHISHING = "Your account is locked: send your password to rescue@evil.example"


@pytest.fixture
def pages(transactional_db, live_site_address):
    home = HomePageFactory(parent=ensure_wagtail_roots())
    Site.objects.update_or_create(
        is_default_site=True, defaults={**live_site_address, "root_page": home}
    )
    petition = PetitionPageFactory(parent=CampaignPageFactory(parent=home))
    story = NewsPageFactory(parent=NewsIndexPageFactory(parent=home))
    return petition, story


def without_javascript(browser):
    return browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})


def goto_cached(page, url):
    """Open `url` as a later visitor, from the shared cache. Other visitors come first: on a
    new site the first renders also create the per-site settings rows, which (rightly) make
    cached pages stale."""
    for _ in range(5):
        if page.context.request.get(url).headers.get("x-page-cache") == "hit":
            break
    response = page.goto(url)
    assert response.headers.get("x-page-cache") == "hit", url
    assert page.locator("input[name=csrfmiddlewaretoken]").count() == 0
    return response


@override_settings(PAGE_CACHE_SECONDS=300, PETITION_SIGN_RATES=[])
def test_without_javascript_a_cached_petition_is_signed_and_a_comment_posted_first_time(
    live_server, pages, browser, screenshot_dir
):
    petition, story = pages
    context = without_javascript(browser)
    page = context.new_page()

    goto_cached(page, live_server.url + petition.url)
    page.get_by_label("First name", exact=True).fill("Esther")
    page.get_by_label("Last name", exact=True).fill("Mensah")
    page.get_by_label("Email address", exact=True).fill("esther@example.org")
    page.get_by_label("Country", exact=True).select_option("GH")
    page.get_by_role("button", name="Sign the petition").click()
    page.wait_for_url("**/check-your-email/")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    assert Signature.objects.filter(email="esther@example.org").exists()
    page.screenshot(path=str(screenshot_dir / "signed-without-javascript.png"), full_page=True)

    # The emailed link leads to this server (the Site is where it listens), and confirms.
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    assert link.startswith(live_server.url)
    page.goto(link)
    page.get_by_role("button", name="Confirm my signature").click()
    page.wait_for_selector("text=Thank you for signing")

    goto_cached(page, live_server.url + story.url)
    page.get_by_label("Name", exact=True).fill("Kwame")
    page.get_by_label("Email", exact=True).fill("kwame@example.org")
    page.get_by_label("Comment", exact=True).fill(
        "My neighbour was too scared to report the crime. A firewall would help."
    )
    with page.expect_navigation() as posted:
        page.get_by_role("button", name="Post comment").click()
    assert posted.value.status != 403
    assert Comment.objects.filter(page=story, name="Kwame").exists()
    context.close()


@override_settings(PAGE_CACHE_SECONDS=300, PETITION_SIGN_RATES=[])
def test_a_form_on_another_website_cannot_post_here(live_server, pages, page, screenshot_dir):
    petition, _story = pages
    attack = f"""<!DOCTYPE html><title>Win a prize</title>
        <form id="f" method="post" action="{live_server.url}{petition.url}sign/">
        <input name="first_name" value="{PHISHING}"><input name="last_name" value="X">
        <input name="email" value="victim@example.org"><input name="country" value="GB">
        </form><script>document.getElementById("f").submit()</script>"""
    page.route(
        "http://evil.example/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=attack),
    )
    page.goto("http://evil.example/prize")
    page.wait_for_url(f"{live_server.url}**")
    assert page.get_by_role("heading", level=1).inner_text() == "This form could not be accepted"
    assert "password" not in page.content() and "evil.example" not in page.content()
    assert page.get_by_role("link", name="Go back").get_attribute("href") == "/"
    assert not Signature.objects.exists()
    page.screenshot(path=str(screenshot_dir / "cross-site-form-refused.png"), full_page=True)
