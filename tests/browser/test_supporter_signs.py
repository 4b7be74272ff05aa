"""A supporter signs, confirms from the emailed link, and sees the count go up and share links."""

import re

import pytest
from django.core import mail
from django.test import override_settings

from campaign import counting
from tests.conftest import ensure_wagtail_roots
from tests.factories import (
    CampaignPageFactory,
    HomePageFactory,
    PetitionPageFactory,
    SignatureFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def petition(transactional_db, live_site_address):
    from wagtail.models import Site

    home = HomePageFactory(parent=ensure_wagtail_roots())
    Site.objects.update_or_create(
        is_default_site=True, defaults={**live_site_address, "root_page": home}
    )
    campaign = CampaignPageFactory(parent=home, show_in_menus=True)
    petition = PetitionPageFactory(parent=campaign, goal=10, share_text="Victims first.")
    for _ in range(4):
        counting.confirm_signature(SignatureFactory(petition=petition).pk)
    return petition


@override_settings(PETITION_SIGN_RATES=[])
def test_supporter_signs_and_confirms(live_server, petition, page, screenshot_dir):
    page.goto(live_server.url + petition.url)
    assert page.locator("[data-count]").filter(visible=True).inner_text() == "4"

    page.get_by_label("First name", exact=True).fill("Esther")
    page.get_by_label("Last name", exact=True).fill("Mensah")
    page.get_by_label("Email address", exact=True).fill("esther@example.org")
    page.get_by_label("Country", exact=True).select_option("GH")
    page.get_by_role("button", name="Sign the petition").click()
    page.wait_for_url("**/check-your-email/")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"

    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm my signature").click()
    page.wait_for_selector("text=Thank you for signing")
    assert page.locator("[data-count]").first.inner_text() == "5"
    share = page.get_by_role("region", name="Share the petition")
    for network in ("Email", "WhatsApp", "Facebook", "X"):
        assert share.get_by_role("link", name=network).is_visible()
    assert "Victims" in share.get_by_role("link", name="WhatsApp").get_attribute("href")
    page.screenshot(path=str(screenshot_dir / "petition-thanks.png"), full_page=True)

    page.goto(live_server.url + petition.url)
    # The browser still holds the count endpoint's earlier answer (4); it must not win.
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-count]").filter(visible=True).inner_text() == "5"
    assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "5"
    page.screenshot(path=str(screenshot_dir / "petition.png"), full_page=True)
