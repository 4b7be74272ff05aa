"""What moderators do to comments, and what happens as a result.

Each change of status is a single conditional UPDATE, so two moderators acting on the same
comment at once (or a double click) change it once, log it once and notify once.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import ModelLogEntry, Page

from comments import reports
from comments.models import Ban, Comment, CommentReport, CommentSettings
from comments.queue_counts import queue_changed
from comments.tasks import notify_approved, notify_commenter, notify_subscribers
from pagecache.invalidation import page_changed

# The permission every moderation view and bulk action checks.
MODERATE = "comments.moderate_comment"
# Actions in Wagtail's audit log (registered in wagtail_hooks.py).
APPROVE = "comments.approve"
REJECT = "comments.reject"
SPAM = "comments.spam"
BAN = "comments.ban"


def rule_of_first_flag(comment):
    return comment.flags[0]["rule"] if comment.flags else ""


def _move(comment, status, user, **fields):
    """Change the status unless it already is that; True if this call changed it."""
    now = timezone.now()
    was_shown = comment.status == Comment.Status.APPROVED
    changed = (
        Comment.objects.filter(pk=comment.pk)
        .exclude(status=status)
        .update(status=status, decided_at=now, decided_by=user, **fields)
    )
    if changed:
        queue_changed()
        comment.status = status
        comment.decided_at = now
        comment.decided_by = user
        for name, value in fields.items():
            setattr(comment, name, value)
        if was_shown or status == Comment.Status.APPROVED:
            # The page now shows one comment more or fewer: its cached copies are stale.
            page_changed(comment.page)
    return bool(changed)


def publish(comment, user=None, automatic=False):
    """Approve a comment; subscribers are told once the transaction commits."""
    fields = {"rejection_reason": "", "published_at": comment.published_at or timezone.now()}
    if not _move(comment, Comment.Status.APPROVED, user, **fields):
        return False
    log(comment, APPROVE, user=user, data={"automatic": automatic})
    transaction.on_commit(lambda: notify_subscribers.enqueue(comment.pk))
    if user is not None:
        transaction.on_commit(lambda: _tell_outcome(comment, notify_commenter))
    return True


def _tell_outcome(comment, task):
    if CommentSettings.for_site(comment.page.get_site()).tell_commenter_outcome:
        task.enqueue(comment.pk)


def approve(comment, user):
    with transaction.atomic():
        return publish(comment, user=user)


def approve_many(comments, user):
    """Approve a selection in one go; returns how many this call approved.

    The same outcome as approving each in turn (each newly approved comment is logged once and
    its subscribers and author told once; those already approved are left alone) for a fixed
    number of queries: one UPDATE, one INSERT of audit entries, one task that queues the
    notifications, and one page cache bump, instead of all of that per comment."""
    by_pk = {comment.pk: comment for comment in comments}
    now = timezone.now()
    with transaction.atomic():
        # Locked in a fixed order: a moderator approving one of these at the same moment
        # waits, then finds it approved and does nothing.
        ids = list(
            Comment.objects.select_for_update()
            .filter(pk__in=by_pk)
            .exclude(status=Comment.Status.APPROVED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        Comment.objects.filter(pk__in=ids).update(
            status=Comment.Status.APPROVED,
            decided_at=now,
            decided_by=user,
            rejection_reason="",
            published_at=Coalesce(F("published_at"), Value(now)),
        )
        approved = [by_pk[pk] for pk in ids]
        _log_many(approved, APPROVE, user, data={"automatic": False}, timestamp=now)
        queue_changed()
        for page in Page.objects.filter(pk__in={comment.page_id for comment in approved}):
            page_changed(page)
        transaction.on_commit(
            lambda: notify_approved.enqueue(ids, tell_commenters=user is not None)
        )
    return len(ids)


def _log_many(comments, action, user, data, timestamp):
    """The audit entries `log()` would write one by one, in one INSERT."""
    context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(Comment, for_concrete_model=False)
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=content_type,
            object_id=str(comment.pk),
            label=ModelLogEntry.objects.get_instance_title(comment),
            action=action,
            timestamp=timestamp,
            data=data,
            user=user or context.user,
            uuid=context.uuid,
        )
        for comment in comments
    )


def reject(comment, user, reason="", note=""):
    with transaction.atomic():
        reason = reason or rule_of_first_flag(comment)
        if not _move(comment, Comment.Status.REJECTED, user, rejection_reason=reason):
            return False
        if note:
            Comment.objects.filter(pk=comment.pk).update(moderator_note=note)
        log(comment, REJECT, user=user, data={"reason": reason, "note": note})
        _resolve_reports(comment, user)
        transaction.on_commit(lambda: _tell_outcome(comment, notify_commenter))
        return True


def _resolve_reports(comment, user):
    """A comment taken down closes the readers' reports that brought it back to the queue."""
    if comment.open_reports:
        reports.resolve(comment, CommentReport.Outcome.REMOVED, user)


def mark_spam(comment, user):
    with transaction.atomic():
        if not _move(comment, Comment.Status.SPAM, user):
            return False
        log(comment, SPAM, user=user)
        _resolve_reports(comment, user)
        return True


def ban(comment, user, until=None, reason="", note=""):
    """Ban the comment's author by the hash of their email, and take down what is waiting.

    Only through a comment whose address was proven: anyone can type someone else's address,
    and banning through that comment would ban the address's owner, not its writer."""
    if comment.commenter is None or comment.proven_at is None:
        return None
    key = comment.commenter.email_hash
    with transaction.atomic():
        entry = Ban.objects.create(
            email_hash=key, until=until, reason=reason, note=note, created_by=user
        )
        log(
            comment,
            BAN,
            user=user,
            data={"until": until.isoformat() if until else None, "reason": reason, "note": note},
        )
        # Whatever the banned person still has waiting will not be published.
        waiting = Comment.objects.filter(
            commenter__email_hash=key,
            status__in=[Comment.Status.PENDING, Comment.Status.UNCONFIRMED],
        )
        for other in waiting:
            _move(other, Comment.Status.REJECTED, user, rejection_reason=reason)
    return entry
