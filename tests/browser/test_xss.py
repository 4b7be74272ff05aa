"""Cross-site scripting payloads, sent the way people would send them, rendered in Chromium.

Comment names and bodies (through the comment form and the JSON API), signers' first names
(ticking "show my first name", then confirming) and petition share text (set by an editor) each
carry a corpus of payloads. Every page that shows them, public and admin, is opened in a real
browser: no dialog may open, no element a payload would create may exist, no handler a payload
would add may be present, and no payload may set its window flag. Each payload must also be
visible as text, so a page that silently dropped it could not pass.
"""

import re
import secrets
from urllib.parse import unquote

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from wagtail.models import Page, Site

from comments import moderation
from comments.models import Comment
from tests.browser.test_supporter_comment_journey import restore_migration_rows
from tests.factories import (
    CampaignPageFactory,
    HomePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PetitionPageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each sets window.__xss, opens a dialog or creates an element whose id starts with "xss" if it
# ever runs or is parsed as markup. All fit a comment name (80 characters).
PAYLOADS = [
    "<script>window.__xss=1;alert('script')</script>",
    '<img id=xss-img src=x onerror="window.__xss=1;alert(1)">',
    "<svg id=xss-svg onload=window.__xss=1;alert(2)>",
    '"><img id=xss-dq src=x onerror=window.__xss=1>',
    "'><svg id=xss-sq onload=window.__xss=1>",
    "javascript:window.__xss=1;alert(3)",
    '<a id=xss-a href="javascript:window.__xss=1">go</a>',
    "{{ 7|add:42 }}{% now 'Y' %}${7*7}#{7*7}<%= 7*7 %>",
    "[link](javascript:window.__xss=1) <javascript:alert(4)>",
    'http://x.org/"onmouseover="window.__xss=1"id="xss-url',
    "http://x.org/<img/id=xss-link/src=x/onerror=window.__xss=1>",
    "\u202e<img id=xss-rtl src=x onerror=window.__xss=1>\u202c",
    "\uff1cimg id=xss-wide src=x onerror=window.__xss=1\uff1e",
    "</textarea></title><script>window.__xss=1</script>",
    "<iframe id=xss-frame srcdoc='<script>parent.__xss=1</script>'>",
    "&lt;img id=xss-ent src=x onerror=window.__xss=1&gt;",
]
# Share text is sent inside links (mailto:, WhatsApp, X); these try to break out of them.
SHARE_PAYLOADS = [
    'x" onclick="window.__xss=1" id="xss-share',
    "javascript:window.__xss=1//<script>window.__xss=1</script>",
    "'><img id=xss-share-img src=x onerror=window.__xss=1>",
]
SIGNER_PAYLOADS = PAYLOADS[:8]  # a petition shows its eight latest signers

FINDINGS = """() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        if (el.id && el.id.startsWith('xss')) found.push('element ' + el.outerHTML);
        for (const attr of el.attributes) {
            if (attr.name.startsWith('on') && attr.value.includes('__xss'))
                found.push('handler ' + el.outerHTML);
        }
        if (el.tagName === 'SCRIPT' && el.textContent.includes('__xss'))
            found.push('script ' + el.outerHTML);
        if (el.tagName === 'IFRAME' && (el.srcdoc || '').includes('__xss'))
            found.push('iframe ' + el.outerHTML);
        if (el.tagName === 'A' && /^\\s*javascript:/i.test(el.getAttribute('href') || ''))
            found.push('link ' + el.outerHTML);
    }
    if (window.__xss !== undefined) found.push('window.__xss was set');
    return found;
}"""


def visible(text):
    """How a payload reads on the page: whitespace collapsed, bidi controls invisible."""
    return " ".join(text.replace("\u202e", "").replace("\u202c", "").split())


def assert_inert(page, url, dialogs, expect=()):
    page.goto(url)
    page.wait_for_load_state("networkidle")  # broken images have fired their onerror
    assert dialogs == [], f"{url}: a payload opened a dialog: {dialogs}"
    assert page.evaluate(FINDINGS) == [], url
    shown = visible(page.locator("body").inner_text())
    for text in expect:
        assert visible(text) in shown, f"{url}: {text!r} is not shown as text"


@pytest.fixture
def browser_page(page):
    """The page, with every dialog recorded and dismissed."""
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return page, dialogs


@pytest.fixture
def home(transactional_db):
    restore_migration_rows()
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    return home


@pytest.fixture
def admin_login(live_server, browser_page):
    def login():
        page, _ = browser_page
        password = secrets.token_urlsafe(12)
        get_user_model().objects.create_superuser("xss-admin", "admin@example.org", password)
        page.goto(live_server.url + "/admin/login/")
        page.locator("#id_username").fill("xss-admin")
        page.locator("#id_password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/admin/")

    return login


@override_settings(
    PAGE_CACHE_SECONDS=0, COMMENTS_RATE_PER_IP="1000/h", COMMENTS_RATE_PER_EMAIL="1000/h"
)
def test_comment_payloads_never_run_on_public_or_admin_pages(
    live_server, home, browser_page, admin_login
):
    page, dialogs = browser_page
    story = NewsPageFactory(parent=NewsIndexPageFactory(parent=home), title="Referrals")

    # One through the form on the story page, as a person would...
    page.goto(live_server.url + story.url)
    page.get_by_label("Name", exact=True).fill(PAYLOADS[1])
    page.get_by_label("Email", exact=True).fill("form@example.org")
    page.get_by_label("Comment", exact=True).fill(PAYLOADS[0] + "\n\n" + PAYLOADS[9])
    page.get_by_role("button", name="Post comment").click()
    page.get_by_role("status").wait_for()
    # ...and every payload, as name and body, through the JSON API over HTTP.
    for number, payload in enumerate(PAYLOADS):
        response = page.request.post(
            f"{live_server.url}/api/comments/pages/{story.pk}/",
            data={"name": payload, "email": f"x{number}@example.org", "body": payload},
        )
        assert response.status in (201, 422), response.text()
    comments = list(Comment.objects.filter(page=story))
    assert len(comments) == len(PAYLOADS) + 1
    admin = get_user_model().objects.create_user("approver")
    for comment in comments:  # even what the screen rejected: the point is how it renders
        moderation.approve(comment, admin)

    public = [live_server.url + story.url, f"{live_server.url}/comments/page/{story.pk}/"]
    for url in public:
        assert_inert(page, url, dialogs)
    assert_inert(page, public[1], dialogs, expect=PAYLOADS)
    reply_to = comments[0]
    assert_inert(page, f"{live_server.url}/comments/reply/{reply_to.pk}/", dialogs, [reply_to.name])

    admin_login()
    listing = f"{live_server.url}/admin/snippets/comments/comment/?queue=approved"
    assert_inert(page, listing, dialogs)
    for comment in comments:
        url = f"{live_server.url}/admin/comments/moderate/{comment.pk}/"
        assert_inert(page, url, dialogs, expect=[comment.name])


@override_settings(PAGE_CACHE_SECONDS=0, PETITION_SIGN_RATES=[])
def test_signer_names_and_share_text_never_run(live_server, home, browser_page, admin_login):
    page, dialogs = browser_page
    petition = PetitionPageFactory(parent=CampaignPageFactory(parent=home), goal=10)

    # The first signer through the form, ticking "show my first name and country"...
    page.goto(live_server.url + petition.url)
    page.get_by_label("First name", exact=True).fill(SIGNER_PAYLOADS[0])
    page.get_by_label("Last name", exact=True).fill(PAYLOADS[3])
    page.get_by_label("Email address", exact=True).fill("form@example.org")
    page.get_by_label("Country", exact=True).select_option("GB")
    page.get_by_label(re.compile("Show my first name")).check()
    page.get_by_role("button", name="Sign the petition").click()
    page.wait_for_url("**/check-your-email/")
    # ...the rest through the JSON API, each confirming from the link in their email.
    for number, payload in enumerate(SIGNER_PAYLOADS[1:]):
        response = page.request.post(
            f"{live_server.url}/api/campaign/petitions/{petition.pk}/signatures/",
            data={
                "first_name": payload,
                "last_name": "Tester",
                "email": f"signer{number}@example.org",
                "country": "GB",
                "show_publicly": True,
            },
        )
        assert response.status == 202, response.text()
    tokens = [re.search(r"/confirm/([\w-]+)/", m.body).group(1) for m in mail.outbox]
    assert len(tokens) == len(SIGNER_PAYLOADS)
    for token in tokens:
        response = page.request.post(
            f"{live_server.url}/api/campaign/signatures/confirm/", data={"token": token}
        )
        assert response.json()["status"] == "confirmed"

    # None of them is shaped like a name, so none is listed in public (campaign/public_names.py)...
    assert_inert(page, live_server.url + petition.url, dialogs)
    shown = visible(page.locator("body").inner_text())
    assert "Recently signed" not in shown
    assert not [payload for payload in SIGNER_PAYLOADS if visible(payload) in shown]

    admin_login()
    # ...but the managers' listing shows each one, as text.
    listing = f"{live_server.url}/admin/signatures/"
    assert_inert(page, listing, dialogs, expect=SIGNER_PAYLOADS)
    edit = f"{live_server.url}/admin/pages/{petition.pk}/edit/"
    for payload in SHARE_PAYLOADS:
        # An editor sets the share text in the page editor and publishes.
        page.goto(edit)
        page.get_by_label("Share text").fill(payload)
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Publish").click()
        page.wait_for_url("**/admin/pages/**")
        assert_inert(page, edit, dialogs)
        url = live_server.url + petition.url + "check-your-email/"
        assert_inert(page, url, dialogs)
        share = page.get_by_role("region", name="Share the petition")
        whatsapp = share.get_by_role("link", name="WhatsApp").get_attribute("href")
        assert whatsapp.startswith("https://wa.me/?text=")
        assert payload in unquote(whatsapp), "the share text travels in the link, as text"
