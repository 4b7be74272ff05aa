"""A commenter proves their address in a real browser: the link in the confirmation email leads,
as written, to the page that confirms the comment; that browser's next comment goes straight to
the moderators without an email, and another browser typing the same address does not."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from wagtail.models import Site

from comments import proof
from comments.models import Comment
from tests.browser.test_supporter_comment_journey import restore_migration_rows
from tests.factories import HomePageFactory, NewsIndexPageFactory, NewsPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDRESS = "amani@example.org"


@pytest.fixture
def story(transactional_db, live_server):
    """A story on a Site whose address is the live server's, as `make run` sets the demo's."""
    from wagtail.models import Page

    restore_migration_rows()
    home = HomePageFactory(parent=Page.get_first_root_node())
    where = urlsplit(live_server.url)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": where.hostname, "port": where.port, "root_page": home},
    )
    return NewsPageFactory(parent=NewsIndexPageFactory(parent=home), title="Reporting is safe")


def post_comment(page, url, body):
    page.goto(url)
    page.get_by_label("Name", exact=True).fill("Amani")
    page.get_by_label("Email", exact=True).fill(ADDRESS)
    page.get_by_label("Comment", exact=True).fill(body)
    page.get_by_role("button", name="Post comment").click()
    return page.get_by_role("status").inner_text()


def test_a_confirmed_browser_is_proven_and_another_is_not(
    live_server, story, browser, page, screenshot_dir
):
    story_url = live_server.url + story.url
    answer = post_comment(page, story_url, "Survivors need to know the police will not tell.")
    assert "emailed you a link" in answer
    page.screenshot(path=str(screenshot_dir / "comment-answer.png"), full_page=True)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [ADDRESS]

    # The link as the email gives it: it must lead to this site, not to http://localhost/.
    link = re.search(r"https?://\S+/comments/confirm/\S+/", mail.outbox[0].body).group(0)
    assert link.startswith(live_server.url + "/")
    page.goto(link)
    assert "Survivors need to know" in page.locator(".comment-excerpt").inner_text()
    page.screenshot(path=str(screenshot_dir / "comment-confirm.png"), full_page=True)
    page.get_by_role("button", name="Yes, I wrote this comment").click()
    assert "confirmed" in page.get_by_role("heading", level=1).inner_text()
    page.screenshot(path=str(screenshot_dir / "comment-confirmed.png"), full_page=True)
    assert Comment.objects.get().status == "pending"
    (cookie,) = [c for c in page.context.cookies() if c["name"] == proof.COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    # The same browser: straight to the moderators, no new email.
    answer = post_comment(page, story_url, "And a second thought, from the same browser.")
    assert "once a moderator has read it" in answer
    assert Comment.objects.latest("pk").status == "pending"
    assert len(mail.outbox) == 1

    # Another browser with the same address: the answer anybody gets, and a new link.
    other = browser.new_context()
    try:
        answer = post_comment(other.new_page(), story_url, "Someone else typing Amani's address.")
    finally:
        other.close()
    assert "emailed you a link" in answer
    assert Comment.objects.latest("pk").status == "unconfirmed"
    assert len(mail.outbox) == 2
