"""Readers report published comments; moderators deal with the reports.

A report puts an approved comment back in front of the moderators: it is counted (per reason)
and listed under Reported in the queue, and stays up for readers until as many readers as
Comment settings' "hide after reports" have reported it (0: never). Hidden, it stays hidden
until a moderator either dismisses the reports (it comes back, and those reports no longer
count) or takes it down (reject or spam; `moderation.reject`/`mark_spam` resolve them).

Anonymous: a report stores the reason, the note and a keyed hash of the comment and the
reporter's network (core/privacy.py), so that one connection counts once per comment. The
reporter is told the same thing whether theirs was the first report, a repeat, or the one that
hid the comment: nothing about anyone else's reports. Reports are rate-limited per network
(COMMENTS_REPORT_RATE), as posting is, with django-ratelimit.
"""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django_ratelimit.core import is_ratelimited
from wagtail.log_actions import log

from comments.models import Comment, CommentReport, CommentSettings
from comments.models.reports import REPORT_REASON_CHOICES
from comments.queue_counts import queue_changed
from core.keyed_hash import keyed_hash
from core.privacy import client_ip, network_of, ratelimit_key
from core.refusals import Refusal
from pagecache.invalidation import page_changed

# Actions in Wagtail's audit log (registered in wagtail_hooks.py).
HIDDEN = "comments.hidden_by_reports"
DISMISS = "comments.dismiss_reports"

REASON_LABELS = dict(REPORT_REASON_CHOICES)
THANKS = (
    "Thank you. Our moderators will read this comment again against our comment policy. "
    "We do not tell anyone who reported it."
)


def reporter_key(request, comment):
    """The same connection reporting the same comment gives the same key; nothing else does,
    and without the secret key the network cannot be recovered from it."""
    return keyed_hash(f"comment-report:{comment.pk}:{network_of(client_ip(request))}")


def reportable(comment_id):
    """The published comment with this id, on a live page, or None."""
    return (
        Comment.objects.approved()
        .filter(pk=comment_id, page__live=True)
        .select_related("page")
        .first()
    )


def check_rate(request):
    if is_ratelimited(
        request,
        group="comments.report.ip",
        key=ratelimit_key,
        rate=settings.COMMENTS_REPORT_RATE,
        increment=True,
    ):
        raise Refusal(
            429,
            "rate_limited",
            "You have sent several reports in a short time. Please wait a while and try again.",
        )


def report(request, comment, reason, note=""):
    """Record a reader's report; hide the comment if it reaches the site's threshold.

    Returns nothing the reader could learn from: a repeat from the same connection is
    quietly not counted twice."""
    check_rate(request)
    key = reporter_key(request, comment)
    try:
        with transaction.atomic():
            CommentReport.objects.create(
                comment=comment, reason=reason, note=note.strip(), reporter_key=key
            )
            Comment.objects.filter(pk=comment.pk).update(open_reports=F("open_reports") + 1)
            queue_changed()
            _hide_if_reported_enough(comment)
    except IntegrityError:
        return  # this connection has reported this comment already


def _hide_if_reported_enough(comment):
    threshold = CommentSettings.for_site(comment.page.get_site()).hide_after_reports
    if not threshold:
        return
    hidden = Comment.objects.filter(
        pk=comment.pk,
        status=Comment.Status.APPROVED,
        hidden_at__isnull=True,
        open_reports__gte=threshold,
    ).update(hidden_at=timezone.now())
    if hidden:
        comment.refresh_from_db(fields=["open_reports", "hidden_at"])
        log(comment, HIDDEN, user=None, data={"reports": comment.open_reports})
        # The story shows one comment fewer: its cached copies are stale.
        page_changed(comment.page)


def open_reports_of(comment):
    return comment.reports.filter(resolved_at__isnull=True)


def counts_by_reason(reports):
    """[(label, number)] most reported first, for the queue and the comment's page."""
    counted = Counter(report.reason for report in reports)
    return [(REASON_LABELS.get(reason, reason), n) for reason, n in counted.most_common()]


def most_reported_rule(comment):
    """The policy rule readers cited most, to preset the Reject form's reason; else ""."""
    rules = {value for value, _ in REPORT_REASON_CHOICES[:-2]}
    counted = Counter(r.reason for r in open_reports_of(comment) if r.reason in rules)
    return counted.most_common(1)[0][0] if counted else ""


def resolve(comment, outcome, user=None):
    """Close the comment's open reports; bring a hidden comment back if they are dismissed.
    Returns how many were open, per reason, for the audit log."""
    now = timezone.now()
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        reports = list(open_reports_of(locked))
        open_reports_of(locked).update(resolved_at=now, outcome=outcome)
        fields = {"open_reports": 0}
        was_hidden = locked.hidden_at is not None
        if outcome == CommentReport.Outcome.DISMISSED:
            fields["hidden_at"] = None
        Comment.objects.filter(pk=comment.pk).update(**fields)
        for name, value in fields.items():
            setattr(comment, name, value)
        queue_changed()
        counted = dict(Counter(report.reason for report in reports))
        if outcome == CommentReport.Outcome.DISMISSED and (reports or was_hidden):
            log(comment, DISMISS, user=user, data={"reports": counted, "was_hidden": was_hidden})
            if was_hidden:
                page_changed(comment.page)
    return counted


def dismiss(comment, user):
    return resolve(comment, CommentReport.Outcome.DISMISSED, user)


def purge_old_reports(days=None, now=None):
    """The retention purge: delete reports a moderator dealt with more than `days` ago, and
    blank the connection fingerprint of every report older than that. Returns (deleted,
    blanked)."""
    days = settings.COMMENT_REPORT_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _ = CommentReport.objects.filter(resolved_at__lt=cutoff).delete()
    blanked = (
        CommentReport.objects.filter(created_at__lt=cutoff)
        .filter(~Q(reporter_key=""))
        .update(reporter_key="")
    )
    return deleted, blanked
