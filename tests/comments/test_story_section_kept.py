"""The conversations under a story are kept between renders (comments/story_section.py): a
story rendered again for any other reason costs no comment query, and every change to what
they show reaches the very next render. Whole-page caching is off, so only the kept piece can
be stale here; every change is committed, as invalidation waits for the commit."""

from datetime import timedelta

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone
from django.utils.html import escape

from comments import authorship, moderation, reports
from comments.erasure import REMOVED_BODY, erase_commenter
from tests.factories import CommenterFactory, CommentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

KEPT = "Keep the firewall between police and immigration."


@pytest.fixture
def shown(story):
    """A published comment, already drawn once, so that the next render could reuse it."""
    commenter = CommenterFactory(email="amira@example.org")
    comment = CommentFactory(page=story, commenter=commenter, name="Amira", body=KEPT)
    assert KEPT in section(story)
    return comment


def section(story, **params):
    response = Client().get(story.url, params)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="comments"') :]


def reported_by(address):
    return RequestFactory().get("/", REMOTE_ADDR=address)


def test_a_story_rendered_again_reads_no_comments(story, shown, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = section(story)
    assert KEPT in html and 'Comments <span class="comments__count">(1)</span>' in html


def test_each_order_is_kept_apart(story):
    CommentFactory(page=story, body=KEPT, created_at=timezone.now() - timedelta(hours=1))
    CommentFactory(page=story, body="A later word of support.")
    for _ in range(2):  # drawn, then kept
        newest_first, oldest_first = section(story), section(story, sort="oldest")
        assert newest_first.index("A later word of support.") < newest_first.index(KEPT)
        assert oldest_first.index(KEPT) < oldest_first.index("A later word of support.")


def test_a_comment_approved_shows_at_once(story, shown, moderator, committed):
    waiting = CommentFactory(page=story, status="pending", body="Safe reporting saves lives.")
    assert "Safe reporting saves lives." not in section(story)
    with committed():
        moderation.approve(waiting, moderator)
    assert "Safe reporting saves lives." in section(story)


def test_a_reply_approved_shows_under_its_comment(story, shown, moderator, committed):
    reply = CommentFactory(parent=shown, status="pending", body="My sister was deported.")
    with committed():
        moderation.approve(reply, moderator)
    html = section(story)
    assert html.index(KEPT) < html.index("My sister was deported.")
    assert "(2)</span>" in html


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda c, mod, opts: moderation.reject(c, mod, reason="personal"), id="reject"
        ),
        pytest.param(lambda c, mod, opts: moderation.mark_spam(c, mod), id="spam"),
        pytest.param(lambda c, mod, opts: authorship.withdraw(c), id="withdrawn"),
        pytest.param(
            lambda c, mod, opts: authorship.edit(c, "Edited: protect every victim.", opts),
            id="edited and queued again",
        ),
        pytest.param(lambda c, mod, opts: c.delete(), id="deleted"),
    ],
)
def test_a_comment_taken_off_the_story_goes_at_once(
    story, shown, moderator, options, committed, change
):
    with committed():
        change(shown, moderator, options)
    html = section(story)
    assert KEPT not in html and "Amira" not in html
    assert "(0)</span>" in html


def test_an_erased_commenter_is_gone_at_once(story, shown, committed):
    with committed():
        erase_commenter("amira@example.org")
    html = section(story)
    assert KEPT not in html and "Amira" not in html
    assert escape(REMOVED_BODY) in html


def test_a_comment_hidden_by_reports_goes_and_comes_back_when_dismissed(
    story, shown, moderator, options, committed
):
    options.hide_after_reports = 2
    options.save()
    for address in ("198.51.100.7", "203.0.113.9"):
        with committed():
            reports.report(reported_by(address), shown, "personal")
    assert KEPT not in section(story)
    with committed():
        reports.dismiss(shown, moderator)
    assert KEPT in section(story)


def test_new_comment_settings_apply_at_once(story, shown, options, committed):
    CommentFactory.create_batch(2, page=story)
    with committed():
        CommentFactory(page=story)
    assert "View all comments" not in section(story)
    with committed():
        options.comments_per_page = 2
        options.save()
    html = section(story)
    assert html.count('class="comment"') == 2 and "View all comments" in html
