"""Bulk approval at a fixed cost with the same outcome as one by one, and queue counts that are
shared between page views yet right after every change."""

from collections import Counter

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from comments import moderation
from comments.models import Comment
from comments.moderation_views.bulk import ApproveBulkAction
from comments.moderation_views.listing import waiting_counts
from tests.factories import CommentFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/snippets/comments/comment/"


def approve_in_bulk(comments, user):
    return ApproveBulkAction.execute_action(comments, user=user)[0]


def test_bulk_approval_logs_and_notifies_each_comment_once(
    story, moderator, django_capture_on_commit_callbacks
):
    follower = SubscriptionFactory(page=story, kind="follow_ups")
    waiting = CommentFactory.create_batch(12, page=story, status="pending")
    already = CommentFactory(page=story, status="approved")

    with django_capture_on_commit_callbacks(execute=True):
        assert approve_in_bulk([*waiting, already], moderator) == 12

    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    entries = ModelLogEntry.objects.filter(action=moderation.APPROVE)
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(str(c.pk) for c in waiting)
    assert {entry.user_id for entry in entries} == {moderator.pk}
    assert entries.get(object_id=str(waiting[0].pk)).label == str(waiting[0])
    recipients = Counter(address for message in mail.outbox for address in message.to)
    # The follower hears of each new comment once; each author hears the outcome once.
    assert recipients[follower.commenter.email] == 12
    for comment in waiting:
        assert recipients[comment.commenter.email] == 1
    assert recipients[already.commenter.email] == 0


def test_approving_the_same_selection_again_changes_nothing(
    story, moderator, django_capture_on_commit_callbacks
):
    SubscriptionFactory(page=story, kind="follow_ups")
    waiting = CommentFactory.create_batch(3, page=story, status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        approve_in_bulk(waiting, moderator)
    sent = len(mail.outbox)
    assert sent == 6  # the follower three times, each author once
    with django_capture_on_commit_callbacks(execute=True):
        assert approve_in_bulk(waiting, moderator) == 0
    assert len(mail.outbox) == sent
    assert ModelLogEntry.objects.filter(action=moderation.APPROVE).count() == 3


def test_bulk_approval_costs_the_same_queries_for_5_and_for_50(
    story, moderator, django_assert_max_num_queries, settings
):
    # What the moderator waits for: the notifications go to the task queue.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    few = CommentFactory.create_batch(5, page=story, status="pending")
    many = CommentFactory.create_batch(50, page=story, status="pending")
    with django_assert_max_num_queries(6):
        assert approve_in_bulk(few, moderator) == 5
    with django_assert_max_num_queries(6):
        assert approve_in_bulk(many, moderator) == 50


def test_bulk_approval_through_the_admin(client, story, moderator):
    waiting = CommentFactory.create_batch(2, page=story, status="pending")
    client.force_login(moderator)
    ids = "&".join(f"id={c.pk}" for c in waiting)
    client.post(f"/admin/bulk/comments/comment/approve/?next={QUEUE}&{ids}")
    assert Comment.objects.filter(status="approved").count() == 2
    assert ModelLogEntry.objects.filter(action=moderation.APPROVE).count() == 2


def test_queue_counts_follow_every_change(
    client, story, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    first, second = CommentFactory.create_batch(2, page=story, status="pending")
    CommentFactory(page=story, status="pending", flagged=True, rules=",profanity,")
    assert waiting_counts() == {"pending": 3, "flagged": 1, "reported": 0}
    assert "Moderation queue (3)" in client.get(QUEUE).content.decode()

    # Each change takes effect when its transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(first, moderator)  # a conditional UPDATE: no signal
    assert waiting_counts() == {"pending": 2, "flagged": 1, "reported": 0}
    with django_capture_on_commit_callbacks(execute=True):
        CommentFactory(page=story, status="pending")  # a new comment: saved
    assert waiting_counts() == {"pending": 3, "flagged": 1, "reported": 0}
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    html = client.get(QUEUE).content.decode()
    assert "Moderation queue (2)" in html
    assert waiting_counts() == {"pending": 2, "flagged": 1, "reported": 0}


def test_the_paginator_counts_each_filtered_queue_exactly(
    client, story, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    CommentFactory.create_batch(30, page=story, status="pending")
    CommentFactory.create_batch(2, page=story, status="rejected")
    first = client.get(QUEUE)
    assert first.context["paginator"].count == 30
    assert client.get(QUEUE + "?queue=rejected").context["paginator"].count == 2
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(Comment.objects.filter(status="pending").first(), moderator)
    again = client.get(QUEUE)
    assert again.context["paginator"].count == 29
    # Every waiting comment is on one of the pages.
    second_page = client.get(QUEUE + "?p=2")
    shown = {c.pk for c in again.context["object_list"]} | {
        c.pk for c in second_page.context["object_list"]
    }
    assert shown == set(Comment.objects.filter(status="pending").values_list("pk", flat=True))
