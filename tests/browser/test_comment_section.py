"""The comment section under a story, as Coral Talk and wpDiscuz users expect it, in Chromium:
reply in place, a form above the conversations as well as at the end, sorting, the author's
own comment shown "awaiting moderation" to their browser alone, editing and deleting it, and
form errors that show, are tied to their fields and take the focus."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Site

from comments.models import Comment
from comments.moderation import publish
from tests.browser.test_supporter_comment_journey import restore_migration_rows
from tests.factories import (
    CampaignPageFactory,
    CommentFactory,
    HomePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PetitionPageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RED = "rgb(180, 35, 24)"
DUPLICATE_IDS = """() => {
    const seen = {}, twice = [];
    document.querySelectorAll("[id]").forEach((el) => {
        if (seen[el.id]) twice.push(el.id);
        seen[el.id] = true;
    });
    return twice;
}"""


@pytest.fixture
def story(transactional_db, live_server):
    from wagtail.models import Page

    restore_migration_rows()
    home = HomePageFactory(parent=Page.get_first_root_node())
    where = urlsplit(live_server.url)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": where.hostname, "port": where.port, "root_page": home},
    )
    story = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home), title="Police passed victims' details on"
    )
    now = timezone.now()
    oldest = CommentFactory(
        page=story, name="Rosa", body="The oldest comment: reporting must be safe.",
        created_at=now - datetime.timedelta(days=3),
    )  # fmt: skip
    busy = CommentFactory(
        page=story, name="Kwame", body="The busiest conversation, about the firewall.",
        created_at=now - datetime.timedelta(days=2),
    )  # fmt: skip
    for name in ("Amani", "Esther"):
        CommentFactory(
            page=story, parent=busy, thread=busy, depth=2, name=name,
            body=f"{name} agrees: a firewall would help.", created_at=now - datetime.timedelta(1),
        )  # fmt: skip
    newest = CommentFactory(
        page=story, name="Yusuf", body="The newest comment, posted this morning.",
        created_at=now - datetime.timedelta(hours=2),
    )  # fmt: skip
    return story, oldest, busy, newest


def first_comment(page):
    return page.locator("#comments > .comment-list > .comment").first


def fill(page, scope, prefix, name, email, body):
    scope.locator(f"#{prefix}body").fill(body)
    scope.locator(f"#{prefix}name").fill(name)
    scope.locator(f"#{prefix}email").fill(email)


@override_settings(PAGE_CACHE_SECONDS=300)
def test_reply_in_place_sort_and_own_waiting_comment_edited_and_deleted(
    live_server, story, browser, page, screenshot_dir
):
    story, oldest, busy, newest = story
    url = live_server.url + story.url
    page.goto(url + "#comments")

    # 3. Sorting: newest first by default, then oldest, then most replied; a plain link each.
    sort = page.get_by_role("navigation", name="Sort comments")
    assert sort.locator("[aria-current]").inner_text() == "Newest"
    assert first_comment(page).get_attribute("id") == f"comment-{newest.pk}"
    sort.get_by_role("link", name="Oldest").click()
    page.wait_for_url("**?sort=oldest#comments")
    assert first_comment(page).get_attribute("id") == f"comment-{oldest.pk}"
    page.get_by_role("navigation", name="Sort comments").get_by_role(
        "link", name="Most replied"
    ).click()
    page.wait_for_url("**?sort=replies#comments")
    assert first_comment(page).get_attribute("id") == f"comment-{busy.pk}"

    # 1. A form for a new conversation above the comments as well as at the end; no id twice.
    page.goto(url)
    top = page.locator("#comment-form-top")
    assert top.get_by_role("heading", name="Start a new conversation").is_visible()
    assert page.locator("#comment-form").get_by_role("button", name="Post comment").count() == 1
    assert page.evaluate(DUPLICATE_IDS) == []
    # It shows only the comment box until used, so the conversations start higher up.
    assert top.locator("#top_body").is_visible() and not top.locator("#top_name").is_visible()

    # Reply opens in place under the comment, focus in it; Escape closes, back on "Reply".
    reply_link = page.get_by_role("link", name="Reply to Rosa")
    reply_link.click()
    box = page.locator(f"#comment-{oldest.pk} > .comment-form-box--reply")
    assert box.is_visible() and reply_link.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "reply_name"
    assert page.evaluate(DUPLICATE_IDS) == []
    page.keyboard.press("Escape")
    assert box.count() == 0 and page.evaluate("document.activeElement.textContent") == "Reply"
    reply_link.click()
    page.set_viewport_size({"width": 390, "height": 844})
    box.screenshot(path=str(screenshot_dir / "comment-reply-in-place-390.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(f"#comment-{oldest.pk}").screenshot(
        path=str(screenshot_dir / "comment-reply-in-place.png")
    )
    fill(page, box, "reply_", "Amira", "amira@example.org", "Replying in place works well.")
    box.get_by_role("button", name="Post reply").click()
    page.wait_for_url("**/comments/post/**")
    reply = Comment.objects.get(name="Amira")
    assert reply.parent_id == oldest.pk and reply.status == "unconfirmed"

    # 2. Back on the cached story: both of this browser's comments, marked as waiting, under
    # their place in the conversation; the reply under Rosa's comment.
    page.goto(url)
    top.locator("#top_body").focus()
    assert top.locator("#top_name").is_visible()
    fill(page, top, "top_", "Amira", "amira@example.org", "A new conversation from the top.")
    top.get_by_role("button", name="Post comment").click()
    assert "emailed you a link" in page.get_by_role("status").inner_text()
    mine = Comment.objects.get(body="A new conversation from the top.")
    page.goto(url)
    waiting = page.locator(f"#comment-{mine.pk}")
    waiting.wait_for()
    assert "Awaiting moderation" in waiting.text_content()
    assert first_comment(page).get_attribute("id") == f"comment-{mine.pk}"
    nested = page.locator(f"#comment-{oldest.pk} #comment-{reply.pk}")
    assert "Awaiting moderation" in nested.text_content()
    assert waiting.get_by_role("link", name="Edit your comment").is_visible()
    page.locator("#comments").screenshot(path=str(screenshot_dir / "comment-waiting.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#comments").screenshot(path=str(screenshot_dir / "comment-waiting-390.png"))
    page.set_viewport_size({"width": 1280, "height": 900})

    # Nobody else sees it, even from the same cached page.
    other = browser.new_context()
    try:
        stranger = other.new_page()
        stranger.goto(url)
        stranger.wait_for_load_state("networkidle")
        assert stranger.locator(f"#comment-{mine.pk}").count() == 0
        assert stranger.get_by_role("link", name="Edit your comment").count() == 0
        stranger.goto(f"{live_server.url}/comments/edit/{mine.pk}/")
        assert stranger.get_by_role("heading", level=1).inner_text().startswith("This is not")
    finally:
        other.close()

    # Approved: shown to all as any comment, and to its author with Edit and Delete.
    Comment.objects.filter(pk=mine.pk).update(status="pending")
    publish(Comment.objects.get(pk=mine.pk))
    page.goto(url)
    shown = page.locator(f"#comment-{mine.pk}")
    shown.get_by_role("link", name="Edit your comment").wait_for()
    assert "Awaiting moderation" not in shown.text_content()

    # 4. Edit: re-screened, back to the queue, off the page until approved again.
    shown.get_by_role("link", name="Edit your comment").click()
    page.get_by_label("Comment", exact=True).fill("A new conversation from the top, edited.")
    page.get_by_role("button", name="Save changes").click()
    assert "off the page until a moderator" in page.get_by_role("status").inner_text()
    mine.refresh_from_db()
    assert mine.status == "pending" and mine.body.endswith("edited.")
    page.goto(url)
    waiting = page.locator(f"#comment-{mine.pk}")
    waiting.wait_for()
    assert "Awaiting moderation" in waiting.text_content() and "edited." in waiting.inner_text()
    # Everyone else's copy of the story, from the cache, no longer shows it.
    assert f'id="comment-{mine.pk}"' not in page.context.request.get(url).text()

    # Past the window: a clear message, and the text stays.
    Comment.objects.filter(pk=mine.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    page.goto(f"{live_server.url}/comments/edit/{mine.pk}/")
    assert "can no longer be edited" in page.get_by_role("heading", level=1).inner_text()
    assert "10 minutes" in page.get_by_role("alert").inner_text()

    # Delete: withdrawn, gone from the story for everyone (its cached copy too).
    publish(Comment.objects.get(pk=mine.pk))
    page.goto(url)
    page.locator(f"#comment-{mine.pk}").get_by_role("link", name="Delete your comment").click()
    page.get_by_role("button", name="Delete my comment").click()
    assert "deleted" in page.get_by_role("heading", level=1).inner_text()
    assert Comment.objects.get(pk=mine.pk).status == "withdrawn"
    assert "edited." not in page.context.request.get(url).text()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.locator(f"#comment-{mine.pk}").count() == 0


@override_settings(PAGE_CACHE_SECONDS=300, PETITION_SIGN_RATES=[])
def test_form_errors_show_are_tied_to_their_fields_and_take_the_focus(
    live_server, story, browser, screenshot_dir
):
    story = story[0]
    # Server-rendered: it works with JavaScript off.
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + story.url)
        form = page.locator("#comment-form")
        form.locator("#id_email").fill("not an address")
        form.get_by_role("button", name="Post comment").click()
        assert page.get_by_role("alert").first.inner_text().startswith("Please correct")
        # Focus is on the first field in error, whose message is its description.
        assert page.evaluate("document.activeElement.id") == "id_name"
        for field in ("id_name", "id_email", "id_body"):
            box = page.locator(f"#{field}")
            assert box.get_attribute("aria-invalid") == "true"
            described = box.get_attribute("aria-describedby").split()
            error = page.locator(f"#{described[0]}")
            assert error.count() == 1 and error.inner_text().strip()
            assert all(page.locator(f"#{id_}").count() == 1 for id_ in described)
            # The red border shows on text inputs as on the comment box.
            assert box.evaluate("el => getComputedStyle(el).borderTopColor") == RED
        described = page.get_by_role("textbox", name="Email").get_attribute("aria-describedby")
        error = page.locator(f"#{described.split()[0]}").inner_text()
        assert error.startswith("Enter an email address like")
        summary = page.locator(".error-summary")
        assert summary.get_by_role("link", name=re.compile("^Email")).get_attribute("href") == (
            "#id_email"
        )
        page.screenshot(path=str(screenshot_dir / "comment-errors.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(screenshot_dir / "comment-errors-390.png"))

        # The petition form's text fields turn red too (site-wide rule).
        home = story.get_parent().get_parent()
        petition = PetitionPageFactory(parent=CampaignPageFactory(parent=home))
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server.url + petition.url)
        page.get_by_role("button", name="Sign the petition").click()
        page.locator(".field--error").first.wait_for()
        first_name = page.locator(".field--error input[type=text]").first
        assert first_name.evaluate("el => getComputedStyle(el).borderTopColor") == RED
    finally:
        context.close()
