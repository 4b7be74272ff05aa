"""Emails about comments, sent in the background (immediately in development and tests).

Each task retries with back-off when the mail server fails (outbox/retries.py) and sends each
email once however often it runs (outbox/deliveries.py): a worker killed half-way through the
subscribers' emails is re-queued, and the rerun sends only the ones that had not gone.
Beside them, the readers' reports' daily retention purge (`purge_old_reports`).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import Truncator
from django_tasks import task

from comments import reports
from comments.email_links import comment_confirmation_token, email_link, unsubscribe_token
from comments.models import Comment, CommentSettings, Subscription
from core.links import page_url
from outbox import inbox_floor
from outbox.deliveries import delivery_key, send_once
from outbox.retries import retrying_task

# How much of a comment its confirmation email quotes.
EXCERPT_LENGTH = 200


def send_email(to, subject, template, context, unsubscribe_url=None):
    headers = {}
    if unsubscribe_url:
        # RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this address.
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    context = {"site_name": settings.SITE_NAME, "unsubscribe_url": unsubscribe_url, **context}
    body = render_to_string(template, context)
    EmailMessage(subject, body, to=[to], headers=headers).send()


def may_email(commenter):
    """Only an address its owner has proven gets mail about comments."""
    return bool(commenter and commenter.email and commenter.is_confirmed)


def confirmation_topic(key):
    """The delivery topic of confirmations to one address, by its hash: every spelling of
    the address shares it. Erasure removes these rows (comments/erasure.py)."""
    return f"comment-confirm:{key}"


@retrying_task()
def send_confirmation(attempt, comment_id):
    """Email the link that confirms this one comment, quoting its start so that its owner
    knows what they confirm (and can ignore a comment someone else posted as them).

    Nothing goes to a banned address (its comment is stored as spam, not unconfirmed), and at
    most one confirmation a floor period (EMAIL_REPEAT_FLOOR_SECONDS) to one address, however
    it is spelt: the answer to the post was the same either way."""
    comment = (
        Comment.objects.select_related("page", "commenter")
        .filter(pk=comment_id, status=Comment.Status.UNCONFIRMED)
        .first()
    )
    if comment is None or comment.commenter is None or not comment.commenter.email:
        return False
    topic = confirmation_topic(comment.commenter.email_hash)
    if attempt.number == 1 and not inbox_floor.claim(comment.commenter.email_hash, "comment"):
        return False
    page = comment.page.specific_deferred
    url = email_link(comment.page, "comments:confirm", comment_confirmation_token(comment))
    return send_once(
        delivery_key(topic, attempt),
        lambda: send_email(
            comment.commenter.email,
            f"Confirm your comment on {settings.SITE_NAME}",
            "comments/email/confirm.txt",
            {
                "page": page,
                "excerpt": Truncator(" ".join(comment.body.split())).chars(EXCERPT_LENGTH),
                "confirm_url": url,
            },
        ),
    )


def recipients(comment):
    """(subscription, reason) for everyone to tell about this comment, each person once."""
    follow_ups = Subscription.objects.filter(
        page_id=comment.page_id, kind=Subscription.Kind.FOLLOW_UPS
    ).select_related("commenter")
    replies = Subscription.objects.none()
    # Replies to a comment are news to its address's owner only if the comment was theirs.
    if comment.parent_id and comment.parent.commenter_id and comment.parent.proven_at:
        replies = Subscription.objects.filter(
            page_id=comment.page_id,
            kind=Subscription.Kind.REPLIES,
            commenter_id=comment.parent.commenter_id,
        ).select_related("commenter")
    chosen = {}
    # A reply to your comment matters more than a follow-up: it wins the one email.
    for subscription in [*replies, *follow_ups]:
        if subscription.commenter_id == comment.commenter_id:
            continue
        chosen.setdefault(subscription.commenter_id, subscription)
    return list(chosen.values())


@retrying_task()
def notify_subscribers(attempt, comment_id):
    """Tell each subscriber once per comment: the keys name the comment and the person, not
    the task, so a rerun, a retry or a second approval emails nobody twice."""
    comment = (
        Comment.objects.select_related("page", "parent")
        .filter(pk=comment_id, status=Comment.Status.APPROVED)
        .first()
    )
    if comment is None:
        return 0
    Comment.objects.filter(pk=comment_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    page = comment.page.specific_deferred
    sent = 0
    for subscription in recipients(comment):
        if not may_email(subscription.commenter):
            continue
        key = f"comment:{comment.pk}:notify:{subscription.commenter_id}"
        sent += send_once(key, lambda s=subscription: _send_notification(comment, page, s))
    return sent


def _send_notification(comment, page, subscription):
    is_reply = subscription.kind == Subscription.Kind.REPLIES
    send_email(
        subscription.commenter.email,
        f"New {'reply to your comment' if is_reply else 'comment'} on “{page.title}”",
        "comments/email/new_comment.txt",
        {
            "comment": comment,
            "page": page,
            "is_reply": is_reply,
            "comment_url": page_url(page, f"#comment-{comment.pk}"),
        },
        unsubscribe_url=email_link(page, "comments:unsubscribe", unsubscribe_token(subscription)),
    )


@retrying_task()
def notify_commenter(attempt, comment_id):
    """Tell the author what the moderators decided (once per decision: the key is the task's).
    Only for a comment whose address was proven: otherwise its author may not be the owner."""
    comment = Comment.objects.select_related("page", "commenter").filter(pk=comment_id).first()
    if comment is None or comment.status not in (Comment.Status.APPROVED, Comment.Status.REJECTED):
        return False
    if comment.proven_at is None or not may_email(comment.commenter):
        return False
    options = CommentSettings.for_site(comment.page.get_site())
    key = delivery_key(f"comment:{comment_id}:outcome", attempt)
    return send_once(key, lambda: _send_outcome(comment, options))


def _send_outcome(comment, options):
    page = comment.page.specific_deferred
    send_email(
        comment.commenter.email,
        f"Your comment on “{page.title}”",
        "comments/email/outcome.txt",
        {
            "comment": comment,
            "page": page,
            "approved": comment.status == Comment.Status.APPROVED,
            "reason": comment.get_rejection_reason_display(),
            "policy": options.policy,
            "comment_url": page_url(page, f"#comment-{comment.pk}"),
        },
    )


@retrying_task()
def notify_approved(attempt, comment_ids, tell_commenters=True):
    """After a bulk approval: queue each comment's own notification tasks, so every email keeps
    the retries and the once-only claim of a single approval. All are queued in one
    transaction: a run that fails queues none, so trying it again queues each once."""
    comments = Comment.objects.filter(
        pk__in=comment_ids, status=Comment.Status.APPROVED
    ).select_related("page")
    tells = {}  # page id: whether its site tells commenters the outcome
    with transaction.atomic():
        for comment in comments:
            notify_subscribers.enqueue(comment.pk)
            if not tell_commenters:
                continue
            if comment.page_id not in tells:
                options = CommentSettings.for_site(comment.page.get_site())
                tells[comment.page_id] = options.tell_commenter_outcome
            if tells[comment.page_id]:
                notify_commenter.enqueue(comment.pk)


@task()
def purge_old_reports():
    """The readers' reports' retention purge (comments/reports.py), for a scheduler to enqueue
    daily, as `manage.py purge_comment_reports` does from cron."""
    deleted, blanked = reports.purge_old_reports()
    return {"deleted": deleted, "blanked": blanked}
