"""The moderation queue: who may use it, the decisions, bulk actions, audit log, notifications."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from comments.models import Ban, Comment, Subscription
from tests.factories import CommenterFactory, CommentFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/snippets/comments/comment/"


def moderate_url(comment):
    return f"/admin/comments/moderate/{comment.pk}/"


def test_moderators_see_the_queue_editors_and_guests_do_not(client, story, moderator, editor):
    comment = CommentFactory(page=story, status="pending", name="Waiting Person")
    assert client.get(QUEUE).status_code == 302  # to the admin login
    assert client.get(moderate_url(comment)).status_code == 302
    assert client.post(moderate_url(comment), {"action": "approve"}).status_code == 302

    client.force_login(editor)
    assert client.get(QUEUE).status_code in (302, 403)
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert client.get(moderate_url(comment)).status_code in (302, 403)
    assert client.post(moderate_url(comment), {"action": "approve"}).status_code in (302, 403)
    comment.refresh_from_db()
    assert comment.status == "pending"

    client.force_login(moderator)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert "Waiting Person" in response.content.decode()


def test_moderators_cannot_edit_pages(client, story, moderator):
    client.force_login(moderator)
    assert client.get(f"/admin/pages/{story.pk}/edit/").status_code in (302, 403)


def test_queue_defaults_to_pending_most_hostile_first_and_filters(client, story, moderator):
    now = timezone.now()
    flagged = CommentFactory(
        page=story, status="pending", name="Flagged", flagged=True, rules=",xenophobia,",
        flags=[{"rule": "xenophobia", "words": ["swarm"], "reason": "why"}],
        body="They arrive in a swarm.", score=0.96, model_score=0.2,
        created_at=now - timedelta(hours=3),
    )  # fmt: skip
    # Unflagged but worded hostilely: the score ranks it above the calm comment posted later.
    CommentFactory(
        page=story, status="pending", name="Sharp", score=0.6, created_at=now - timedelta(hours=2)
    )
    calm = CommentFactory(
        page=story, status="pending", name="Calm", score=0.05, created_at=now - timedelta(hours=1)
    )
    CommentFactory(page=story, status="approved", name="Published", score=0.99)
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    assert "Published" not in html
    assert html.index("<strong>Flagged</strong>") < html.index("<strong>Sharp</strong>")
    assert html.index("<strong>Sharp</strong>") < html.index("<strong>Calm</strong>")
    assert "<mark>swarm</mark>" in html
    assert "Score 0.96 (wording 0.20)" in html
    # Newest first is one click away, from the header, and keeps the queue chosen.
    assert (
        'href="/admin/snippets/comments/comment/?queue=flagged&amp;order=newest"'
        in client.get(QUEUE + "?queue=flagged").content.decode()
    )
    html = client.get(QUEUE + "?queue=pending&order=newest").content.decode()
    assert html.index("<strong>Calm</strong>") < html.index("<strong>Sharp</strong>")
    assert html.index("<strong>Sharp</strong>") < html.index("<strong>Flagged</strong>")
    assert "order=score" in html and "Most hostile first" in html
    html = client.get(QUEUE + "?queue=flagged").content.decode()
    assert "<strong>Calm</strong>" not in html and "<strong>Flagged</strong>" in html
    html = client.get(QUEUE + "?queue=pending&rule=profanity").content.decode()
    assert "<strong>Calm</strong>" not in html
    html = client.get(QUEUE + "?queue=approved").content.decode()
    assert "Published" in html
    html = client.get(QUEUE + "?queue=pending&order=oldest").content.decode()
    assert html.index("<strong>Flagged</strong>") < html.index("<strong>Calm</strong>")
    html = client.get(QUEUE + "?queue=pending&order=flagged").content.decode()
    assert html.index("<strong>Flagged</strong>") < html.index("<strong>Calm</strong>")
    assert html.index("<strong>Calm</strong>") < html.index("<strong>Sharp</strong>")
    assert calm and flagged


def test_queue_query_count_does_not_grow_with_rows(
    client, story, moderator, django_assert_max_num_queries
):
    client.force_login(moderator)
    CommentFactory.create_batch(2, page=story, status="pending")
    client.get(QUEUE)
    with django_assert_max_num_queries(60) as few:
        client.get(QUEUE)
    CommentFactory.create_batch(20, page=story, status="pending")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(QUEUE)


def test_delayed_approval_notifies_subscribers_and_logs_who(
    client, story, moderator, django_capture_on_commit_callbacks
):
    follower = SubscriptionFactory(page=story, commenter=CommenterFactory(email="f@example.org"))
    author = CommenterFactory(email="author@example.org")
    parent = CommentFactory(page=story, commenter=author)
    SubscriptionFactory(page=story, commenter=author, kind="replies")
    reply = CommentFactory(page=story, parent=parent, status="pending", body="I agree with you.")
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(moderate_url(reply), {"action": "approve"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.status == "approved" and reply.decided_by == moderator and reply.published_at
    to = sorted(m.to[0] for m in mail.outbox if "I agree with you." in m.body)
    assert to == ["author@example.org", "f@example.org"]
    reply_mail = next(m for m in mail.outbox if m.to == ["author@example.org"])
    assert "replied to your comment" in reply_mail.body
    assert "List-Unsubscribe" in reply_mail.extra_headers
    entry = ModelLogEntry.objects.get(action="comments.approve")
    assert entry.user == moderator and entry.object_id == str(reply.pk)
    assert follower

    # Approving again changes nothing and sends nothing.
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(moderate_url(reply), {"action": "approve"})
    assert len(mail.outbox) == sent
    assert ModelLogEntry.objects.filter(action="comments.approve").count() == 1


def test_unsubscribe_link_shows_a_button_and_post_unsubscribes(
    client, story, moderator, django_capture_on_commit_callbacks
):
    SubscriptionFactory(page=story, commenter=CommenterFactory(email="f@example.org"))
    comment = CommentFactory(page=story, status="pending")
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(moderate_url(comment), {"action": "approve"})
    message = next(m for m in mail.outbox if m.to == ["f@example.org"])
    url = re.search(r"http://\S+/comments/unsubscribe/\S+/", message.body).group(0)
    client.logout()
    assert "Unsubscribe" in client.get(url).content.decode()
    assert Subscription.objects.count() == 1
    # A mail client's one-click POST carries no CSRF token.
    client.handler.enforce_csrf_checks = True
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscription.objects.exists()
    assert client.post(url).status_code == 200  # already gone: still fine
    assert client.get("/comments/unsubscribe/forged/").status_code == 400


def test_reject_needs_a_policy_reason_and_is_logged(
    client, story, moderator, django_capture_on_commit_callbacks
):
    comment = CommentFactory(page=story, status="pending")
    client.force_login(moderator)
    response = client.post(moderate_url(comment), {"action": "reject", "reject-reason": ""})
    assert response.status_code == 200  # the form again, with the error
    comment.refresh_from_db()
    assert comment.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            moderate_url(comment),
            {
                "action": "reject",
                "reject-reason": "personal_attack",
                "reject-note": "Aimed at another reader",
            },
        )
    comment.refresh_from_db()
    assert comment.status == "rejected" and comment.rejection_reason == "personal_attack"
    entry = ModelLogEntry.objects.get(action="comments.reject")
    assert entry.data == {"reason": "personal_attack", "note": "Aimed at another reader"}
    # The commenter is told, with the reason (a site setting, on by default).
    outcome = mail.outbox[-1]
    assert outcome.to == [comment.commenter.email]
    assert "personal attack" in outcome.body


def test_spam_and_ban(client, story, moderator):
    comment = CommentFactory(page=story, status="pending")
    other_waiting = CommentFactory(page=story, status="pending", commenter=comment.commenter)
    client.force_login(moderator)
    client.post(moderate_url(comment), {"action": "spam"})
    comment.refresh_from_db()
    assert comment.status == "spam"
    client.post(
        moderate_url(comment), {"action": "ban", "ban-reason": "profanity", "ban-until": ""}
    )
    ban = Ban.objects.get()
    assert ban.email_hash == comment.commenter.email_hash and ban.until is None
    assert ban.reason == "profanity"
    assert ban.created_by == moderator
    other_waiting.refresh_from_db()
    assert other_waiting.status == "rejected"
    assert ModelLogEntry.objects.filter(action__in=["comments.spam", "comments.ban"]).count() == 2


def bulk_url(action, comments):
    ids = "&".join(f"id={c.pk}" for c in comments)
    return f"/admin/bulk/comments/comment/{action}/?next={QUEUE}&{ids}"


def test_bulk_approve_reject_and_ban(client, story, moderator, editor):
    first, second, third = CommentFactory.create_batch(3, page=story, status="pending")
    client.force_login(editor)
    client.post(bulk_url("approve", [first]))
    first.refresh_from_db()
    assert first.status == "pending"

    client.force_login(moderator)
    confirm = client.get(bulk_url("approve", [first, second]))
    assert confirm.status_code == 200
    assert client.post(bulk_url("approve", [first, second])).status_code == 302
    assert set(Comment.objects.filter(status="approved")) == {first, second}

    client.post(bulk_url("reject", [third]), {"reason": "prejudice"})
    third.refresh_from_db()
    assert (third.status, third.rejection_reason) == ("rejected", "prejudice")

    client.post(bulk_url("ban", [first, second]), {"reason": "", "until": "2099-01-01T00:00"})
    assert Ban.objects.count() == 2
    assert ModelLogEntry.objects.filter(action="comments.approve").count() == 2


def test_dashboard_panel_and_menu_count(client, story, moderator):
    CommentFactory.create_batch(3, page=story, status="pending")
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "Comments waiting" in html
    assert "Moderation queue (3)" in html


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_queue_export_never_contains_commenters_emails(client, story, moderator, export_format):
    CommentFactory(
        page=story,
        status="pending",
        name="Exported Person",
        commenter=CommenterFactory(email="secret@example.org"),
    )
    client.force_login(moderator)
    response = client.get(QUEUE, {"export": export_format})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        assert b"Exported Person" in content
    assert b"secret@example.org" not in content


def test_moderators_never_see_signatures(client, moderator, db):
    client.force_login(moderator)
    assert client.get("/admin/signatures/").status_code in (302, 403)
    assert client.get("/admin/signatures/", {"export": "csv"}).status_code in (302, 403)
    assert client.get("/admin/reports/signatures-per-day/").status_code in (302, 403)
