"""Posting a comment: the one path that the HTML form and the JSON API share.

Order matters: cheap refusals (honeypot, rate limits, bans) come before the screen, and nothing
is written until every check has passed.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django_ratelimit.core import is_ratelimited

from comments.civility import Decision
from comments.models import (
    RULE_CHOICES,
    Ban,
    Comment,
    Commenter,
    CommentSettings,
    Subscription,
)
from comments.moderation import publish, rule_of_first_flag
from comments.screening import screen_comment
from config.privacy import ratelimit_key
from core.identity import email_hash


class CommentRefused(Exception):
    """A refusal the commenter can act on: HTTP status, stable code, a sentence for people."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class Posted:
    comment: Comment
    message: str


MESSAGES = {
    Comment.Status.UNCONFIRMED: (
        "Thank you. We have emailed you a link: open it to confirm your address, and your "
        "comment will go to our moderators. You only need to do this once."
    ),
    Comment.Status.PENDING: ("Thank you. Your comment will appear once a moderator has read it."),
    Comment.Status.APPROVED: "Thank you. Your comment is published.",
    Comment.Status.REJECTED: (
        "Your comment breaks our comment policy ({rule}), so it will not be published. "
        "A moderator can still review it. Your text is below if you would like to rephrase it."
    ),
}


def accepts_comments(page):
    return bool(getattr(page, "accepts_comments", False)) and page.live


def check_not_refused(request, email, honeypot):
    """Honeypot, rate limits per address hash and per email, and bans."""
    if honeypot:
        raise CommentRefused(
            400, "honeypot", "Leave the field headed “Leave this empty” empty, then send again."
        )
    limited_by_ip = is_ratelimited(
        request,
        group="comments.post.ip",
        key=ratelimit_key,
        rate=settings.COMMENTS_RATE_PER_IP,
        increment=True,
    )
    limited_by_email = is_ratelimited(
        request,
        group="comments.post.email",
        key=lambda group, request: email_hash(email),
        rate=settings.COMMENTS_RATE_PER_EMAIL,
        increment=True,
    )
    if limited_by_ip or limited_by_email:
        raise CommentRefused(
            429,
            "rate_limited",
            "You have posted several comments in a short time. Please wait a while and try "
            "again; your text is kept below.",
        )
    if Ban.objects.active().filter(email_hash=email_hash(email)).exists():
        raise CommentRefused(
            403, "banned", "This email address may not post comments here at the moment."
        )


def find_parent(page, parent_id, options):
    if not parent_id:
        return None
    parent = Comment.objects.approved().filter(pk=parent_id, page=page).first()
    if parent is None:
        raise CommentRefused(
            404, "parent_not_found", "The comment you are replying to is not published here."
        )
    if parent.depth >= options.max_depth:
        raise CommentRefused(
            400, "too_deep", "Replies cannot go deeper here; reply to the conversation above."
        )
    return parent


def commenter_for(email):
    """The commenter with this address, created once even if two posts race."""
    key = email_hash(email)
    try:
        commenter, _ = Commenter.objects.get_or_create(
            email_hash=key, defaults={"email": email.strip()}
        )
    except IntegrityError:
        commenter = Commenter.objects.get(email_hash=key)
    return commenter


def initial_status(screening, commenter, options):
    if screening.decision is Decision.REJECT:
        return Comment.Status.REJECTED
    if options.require_email_confirmation and not commenter.is_confirmed:
        return Comment.Status.UNCONFIRMED
    if can_skip_queue(commenter, options, screening.decision):
        return Comment.Status.APPROVED
    return Comment.Status.PENDING


def can_skip_queue(commenter, options, decision):
    """The optional fast lane: trusted commenters' comments that pass the screen."""
    if not options.auto_publish_after or decision is not Decision.PASS:
        return False
    return commenter.comments.approved().count() >= options.auto_publish_after


def subscribe(commenter, page, kinds):
    for kind in kinds:
        Subscription.objects.get_or_create(commenter=commenter, page=page, kind=kind)


def post_comment(request, page, *, name, email, body, parent_id=None, notify=(), honeypot=""):
    """Validate, screen and store a comment. Raises CommentRefused; returns Posted."""
    if not accepts_comments(page):
        raise CommentRefused(404, "comments_closed", "This page does not take comments.")
    options = CommentSettings.for_site(page.get_site())
    if len(body) > options.max_length:
        raise CommentRefused(
            400, "too_long", f"Comments can be at most {options.max_length} characters long."
        )
    check_not_refused(request, email, honeypot)
    parent = find_parent(page, parent_id, options)
    screening = screen_comment(body, options)
    with transaction.atomic():
        commenter = commenter_for(email)
        comment = Comment(
            page=page,
            parent=parent,
            thread=parent.thread if parent else None,
            depth=parent.depth + 1 if parent else 1,
            commenter=commenter,
            name=name.strip(),
            body=body.strip(),
        )
        comment.set_screening(screening)
        comment.status = initial_status(screening, commenter, options)
        if comment.status == Comment.Status.REJECTED:
            comment.rejection_reason = rule_of_first_flag(comment)
        wanted = comment.status
        # Saved as pending first, so publishing below goes through the one path that notifies.
        if wanted == Comment.Status.APPROVED:
            comment.status = Comment.Status.PENDING
        comment.save()
        if comment.thread_id is None:
            Comment.objects.filter(pk=comment.pk).update(thread=comment)
            comment.thread_id = comment.pk
        subscribe(commenter, page, notify)
        if wanted == Comment.Status.APPROVED:
            publish(comment, user=None, automatic=True)
        elif wanted == Comment.Status.UNCONFIRMED:
            from comments.tasks import send_confirmation

            transaction.on_commit(lambda: send_confirmation.enqueue(commenter.pk, page.pk))
    return Posted(comment, message_for(wanted, comment))


def message_for(status, comment):
    rule = dict(RULE_CHOICES).get(comment.rejection_reason, "civility").lower()
    return MESSAGES[status].format(rule=rule)
