"""Readers report a comment and a moderator deals with it; the moderation queue's polish
(who and why on the Bans list, one chip per rule, en-GB dates, "comments" in the bulk bar,
keyboard shortcuts that keep the queue's place, the dashboard panel, accessible names), in
real Chromium against the demo site."""

import os
from datetime import datetime
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import ModelLogEntry

from comments import moderation, reports
from comments.models import Ban, Comment, CommentReport
from tests.browser.conftest import RESULTS
from tests.factories import CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-and-unusual-passphrase-for-moderators"
QUEUE = "/admin/snippets/comments/comment/"
# Screenshots for people to look at; QUEUE_SHOTS puts them elsewhere.
SHOTS = Path(os.environ.get("QUEUE_SHOTS", RESULTS))


@pytest.fixture
def moderator(demo_site):
    # A live-server test's flush may have removed the group migrations make.
    import_module("comments.migrations.0002_seed_word_lists_and_moderators").create_moderators(
        apps, None
    )
    user = get_user_model().objects.create_user(
        "moderator", "moderator@example.org", PASSWORD, first_name="Maya", last_name="Okafor"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def sign_in(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_reader_reports_a_comment_and_a_moderator_dismisses_the_report(
    live_server, moderator, page
):
    comment = Comment.objects.approved().filter(parent__isnull=True).order_by("pk").first()
    story = comment.page.specific
    page.goto(live_server.url + story.url)
    address = page.url

    # The form opens in place under the comment (static/js/comment-report.js).
    page.get_by_role("link", name=f"Report {comment.name}’s comment").click()
    form = page.locator(f"#comment-{comment.pk} [data-report-form]")
    expect(form).to_be_visible()
    form.get_by_label("Personal attack").check()
    form.get_by_label("Anything the moderators should know").fill("Sneers at another reader.")
    form.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "report-in-place.png"))
    form.get_by_role("button", name="Send report").click()
    thanks = page.locator(f"#comment-{comment.pk} .notice")
    expect(thanks).to_contain_text("Thank you")
    expect(thanks).to_contain_text("We do not tell anyone who reported it")
    assert page.url == address  # no page load: the story stayed where the reader was

    report = CommentReport.objects.get(comment=comment)
    assert (report.reason, report.note) == ("personal_attack", "Sneers at another reader.")
    assert len(report.reporter_key) == 64 and "127.0.0.1" not in report.reporter_key
    # One report is under the site's threshold (3): the comment stays up.
    page.goto(address)
    expect(page.locator(f"#comment-{comment.pk}")).to_be_visible()
    # The page the link opens without JavaScript, on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/comments/report/{comment.pk}/")
    expect(page.get_by_role("heading", name="Report a comment")).to_be_visible()
    shot(page, "report-page-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The moderator finds it counted in the Reported view of the queue, and dismisses it.
    sign_in(page, live_server)
    page.goto(live_server.url + QUEUE + "?queue=reported")
    row = page.locator("#listing-results tr", has_text=comment.name)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Personal attack × 1")
    expect(row).to_contain_text("1 report · still shown to readers")
    shot(page, "queue-reported-view")
    row.locator("[data-queue-comment]").click()
    expect(page.get_by_role("heading", name="Reported by readers: 1 report")).to_be_visible()
    expect(page.get_by_text("“Sneers at another reader.”")).to_be_visible()
    shot(page, "moderate-reported-comment")
    page.get_by_role("button", name="Dismiss the reports: keep it published").click()
    page.wait_for_url("**/comments/comment/?queue=reported*")
    expect(page.get_by_text("Reports dismissed; the comment stays published.")).to_be_visible()
    expect(page.locator("#listing-results tr", has_text=comment.name)).to_have_count(0)

    comment.refresh_from_db()
    assert comment.status == "approved" and comment.open_reports == 0
    assert ModelLogEntry.objects.filter(
        object_id=str(comment.pk), action=reports.DISMISS, user=moderator
    ).exists()


def test_the_moderation_queue_for_a_keyboard_and_a_screen_reader(live_server, moderator, page):
    angry = Comment.objects.get(name="Angry Reader")
    story = angry.page
    # Two list entries and the model found the same rule: it is one rule, one chip.
    Comment.objects.filter(pk=angry.pk).update(
        flags=[
            {"rule": "xenophobia", "words": ["swamped"], "reason": "Dehumanising."},
            {"rule": "xenophobia", "words": ["send them back"], "reason": "Dehumanising."},
            {"rule": "profanity", "words": [], "reason": "Model."},
        ],
        score=0.99,
    )
    for n, score in enumerate((0.5, 0.4, 0.3)):
        CommentFactory(page=story, status="pending", name=f"Waiting {n}", score=score)
    banned = Comment.objects.filter(status="approved", proven_at__isnull=False).first()
    until = timezone.make_aware(datetime(2030, 12, 25, 9, 30))
    moderation.ban(banned, None, until=until, reason="personal_attack", note="Insults in July.")

    sign_in(page, live_server)
    # The dashboard panel's heading, text and button line up.
    shot(page, "dashboard")
    panel = page.locator("section[aria-labelledby=comments-waiting-heading]")
    heading_x = panel.locator("h2").bounding_box()["x"]
    text_x = panel.locator("p").first.bounding_box()["x"]
    assert abs(heading_x - text_x) < 2, (heading_x, text_x)
    expect(panel).to_contain_text("reported by readers")

    # Bans: who, with a link to their comments, why, and dates as the site writes them.
    page.goto(live_server.url + "/admin/snippets/comments/ban/")
    row = page.locator("#listing-results tbody tr").first
    expect(row).to_contain_text(banned.name)
    expect(row).to_contain_text("Personal attack")
    expect(row).to_contain_text("Insults in July.")
    expect(row).to_contain_text("25 December 2030, 09:30")
    expect(row).not_to_contain_text("Ban ")
    shot(page, "bans-list")
    row.get_by_role("link", name="Their comments in the queue").click()
    rows = page.locator("#listing-results tbody tr")
    expect(rows.first).to_be_visible()
    names = set(Comment.objects.filter(commenter=banned.commenter).values_list("name", flat=True))
    assert set(rows.locator("[data-queue-comment] strong").all_inner_texts()) <= names

    # The pending queue: one chip per rule, checkboxes named for their comment, "comments".
    page.goto(live_server.url + QUEUE)
    angry_row = page.locator("#listing-results tr", has_text="Angry Reader")
    expect(angry_row.get_by_text("Xenophobia", exact=True)).to_have_count(1)
    expect(angry_row.get_by_text("Profanity", exact=True)).to_have_count(1)
    checkbox = page.get_by_role("checkbox", name="Select the comment by Angry Reader")
    expect(checkbox).to_have_count(1)
    checkbox.check()
    expect(page.locator("[data-bulk-action-num-objects]")).to_have_text("1 comment selected")
    checkbox.uncheck()
    expect(page.get_by_role("heading", name="Keyboard shortcuts")).to_be_visible()
    shot(page, "queue-pending")

    # j and k move through the queue; a approves and comes back to the same view, at the
    # comment that now comes next.
    links = page.locator("#listing-results [data-queue-comment]")
    ids = links.evaluate_all("links => links.map(link => link.id)")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == ids[1]
    page.keyboard.press("a")
    page.wait_for_url(f"**{QUEUE}*#{ids[2]}")
    expect(page.get_by_text("Comment approved and published.")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == ids[2]
    approved_pk = int(ids[1].split("_")[1])
    assert Comment.objects.get(pk=approved_pk).status == "approved"
    # Enter opens the focused comment; there, k opens the previous one in the same view.
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/admin/comments/moderate/{ids[2].split('_')[1]}/?next=*")
    page.keyboard.press("k")
    page.wait_for_url(f"**/admin/comments/moderate/{ids[0].split('_')[1]}/?next=*")
    expect(page.get_by_role("heading", name="Keyboard shortcuts")).to_be_visible()

    # The comment's page: every field has one id and one name; the ban's date is en-GB.
    page.goto(live_server.url + f"/admin/comments/moderate/{angry.pk}/")
    duplicates = page.evaluate(
        """() => { const seen = {}; document.querySelectorAll('[id]').forEach(e => {
            seen[e.id] = (seen[e.id] || 0) + 1; });
            return Object.keys(seen).filter(id => seen[id] > 1); }"""
    )
    assert duplicates == []
    reject = page.locator("form[data-reject-form]")
    ban = page.locator("form", has=page.get_by_role("heading", name="Ban the commenter"))
    for form, prefix in ((reject, "reject"), (ban, "ban")):
        reason = form.get_by_label("Policy reason")
        expect(reason).to_have_count(1)
        assert reason.get_attribute("id") == f"id_{prefix}-reason"
    expect(reject.get_by_label("Note for other moderators")).to_have_attribute(
        "id", "id_reject-note"
    )
    expect(ban.get_by_label("Note", exact=True)).to_have_attribute("id", "id_ban-note")
    shot(page, "moderate-view")
    ban.get_by_label("Banned until").fill("31/01/2031 18:00")
    ban.get_by_label("Banned until").press("Escape")
    ban.get_by_role("button", name="Ban").click()
    expect(page.get_by_text("Commenter banned")).to_be_visible()
    latest = Ban.objects.order_by("-pk").first()
    assert timezone.localtime(latest.until).strftime("%d/%m/%Y %H:%M") == "31/01/2031 18:00"
