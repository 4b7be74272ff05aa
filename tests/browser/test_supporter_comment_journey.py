"""A supporter comments on a story and confirms their email; a moderator approves the comment
in the admin; it appears under the story, and a subscriber is emailed."""

import re
from importlib import import_module

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import Page, Site

from comments.models import Comment
from tests.factories import (
    CommenterFactory,
    CommentFactory,
    HomePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SubscriptionFactory,
)

# One journey per module: the live-server flush removes the rows migrations create.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def restore_migration_rows():
    """If a journey ran before this one, its flush removed the root page, the root collection
    and the Moderators group that migrations made (permissions come back by themselves)."""
    from django.apps import apps
    from wagtail.models import Collection, Locale

    Locale.objects.get_or_create(language_code="en-gb")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    migration = import_module("comments.migrations.0002_seed_word_lists_and_moderators")
    migration.create_moderators(apps, None)
    migration.seed_lists(apps, None)


@pytest.fixture
def site_with_story(transactional_db, live_server):
    restore_migration_rows()
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    story = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home), title="Police referred victims to the Home Office"
    )
    first = CommentFactory(
        page=story, name="Rosa", body="Reporting abuse should never lead to deportation."
    )
    subscriber = CommenterFactory(email="follower@example.org")
    SubscriptionFactory(page=story, commenter=subscriber, kind="follow_ups")
    return story, first


def test_comment_is_confirmed_moderated_published_and_announced(
    live_server, site_with_story, django_user_model, page, screenshot_dir
):
    story, first = site_with_story
    page.goto(live_server.url + story.url)
    section = page.get_by_role("region", name=re.compile("Comments"))
    section.scroll_into_view_if_needed()
    assert section.get_by_text("Reporting abuse should never lead to deportation.").is_visible()

    # The reply form opens in place, under Rosa's comment.
    page.get_by_role("link", name="Reply to Rosa").click()
    form = page.get_by_role("group", name="Reply to Rosa")
    form.get_by_label("Name", exact=True).fill("Kwame")
    form.get_by_label("Email", exact=True).fill("kwame@example.org")
    form.get_by_label("Comment", exact=True).fill(
        "My neighbour was trafficked and too scared to call the police. A firewall would help."
    )
    form.get_by_label("New replies to my comments").check()
    form.get_by_role("button", name="Post reply").click()
    assert "emailed you a link" in page.get_by_role("status").inner_text()

    link = re.search(r"http://\S+/comments/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + link[link.index("/comments/") :])
    page.get_by_role("button", name="Yes, I wrote this comment").click()
    assert "confirmed" in page.get_by_role("heading", level=1).inner_text()
    comment = Comment.objects.get(name="Kwame")
    assert comment.status == "pending"

    user = django_user_model.objects.create_user("moderator", "mod@example.org", "a-long-pw-1")
    user.groups.add(Group.objects.get(name="Moderators"))
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("moderator")
    page.locator("#id_password").fill("a-long-pw-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + "/admin/snippets/comments/comment/")
    page.screenshot(path=str(screenshot_dir / "moderation-queue.png"), full_page=True)
    page.get_by_role("link", name="Kwame").click()
    page.get_by_role("button", name="Approve").click()
    assert "approved" in page.get_by_role("status").first.inner_text().lower()

    page.goto(live_server.url + story.url)
    reply = page.locator(f"#comment-{comment.pk}")
    reply.scroll_into_view_if_needed()
    assert "A firewall would help." in reply.inner_text()
    # Threaded: the reply sits inside Rosa's comment.
    assert page.locator(f"#comment-{first.pk} #comment-{comment.pk}").count() == 1
    page.locator("#comments").screenshot(path=str(screenshot_dir / "comments.png"))

    to_subscriber = [m for m in mail.outbox if m.to == ["follower@example.org"]]
    assert len(to_subscriber) == 1
    assert "A firewall would help." in to_subscriber[0].body
