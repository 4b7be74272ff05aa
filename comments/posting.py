"""Posting a comment: the one path that the HTML form and the JSON API share.

Order matters: cheap refusals (honeypot, rate limits) come before the screen, and nothing is
written until every check has passed.

Whose address it is changes what happens to a comment, never the answer. From a browser that
has not proven the address (comments/proof.py), every comment is stored unconfirmed and the
answer is "we have emailed you a link", whether the address is new, known, confirmed or banned:
only its owner, by following the link emailed for that comment, can make it theirs. A banned
address's comment is kept as spam for the moderators and quietly never published, with the
answer its owner would get if it were not banned. Refusals that depend on the comment alone
(its length, the screen, too many posts) stay as they are: they say nothing about the address.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page

from comments import proof
from comments.civility import Decision
from comments.models import Comment, Commenter, CommentSettings
from comments.moderation import publish, rule_of_first_flag
from comments.ownership import BANNED_NOTE, is_banned, prove
from comments.screen_choices import RULE_CHOICES
from comments.screening import screen_comment
from comments.tasks import send_confirmation
from core.identity import email_hash
from core.privacy import ratelimit_key
from core.refusals import Refusal


@dataclass
class Posted:
    comment: Comment
    # What the author is told: the stored status may differ (a banned address's is spam).
    status: str
    message: str


MESSAGES = {
    Comment.Status.UNCONFIRMED: (
        "Thank you. We have emailed you a link to confirm that this comment is yours: open "
        "it and press the button, and your comment will go to our moderators. Confirm in this "
        "browser, and your next comments from it will need no email."
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


def commentable_page(page_id):
    """The live, public page with this id, as its own type, if it takes comments; else None.
    The form and the API each say "not found" their own way."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    page = page.specific if page else None
    return page if page is not None and accepts_comments(page) else None


def check_not_refused(request, key, honeypot):
    """Honeypot, and rate limits per network address and per email address (its hash)."""
    if honeypot:
        raise Refusal(
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
        key=lambda group, request: key,
        rate=settings.COMMENTS_RATE_PER_EMAIL,
        increment=True,
    )
    if limited_by_ip or limited_by_email:
        raise Refusal(
            429,
            "rate_limited",
            "You have posted several comments in a short time. Please wait a while and try "
            "again; your text is kept below.",
        )


def find_parent(page, parent_id, options):
    if not parent_id:
        return None
    parent = Comment.objects.approved().filter(pk=parent_id, page=page).first()
    if parent is None:
        raise Refusal(
            404, "parent_not_found", "The comment you are replying to is not published here."
        )
    if parent.depth >= options.max_depth:
        raise Refusal(
            400, "too_deep", "Replies cannot go deeper here; reply to the conversation above."
        )
    return parent


def commenter_for(email, key):
    """The commenter with this address, created once even if two posts race.

    The same two queries whether the address is new or known (an insert that does nothing
    when the row exists, then a read), so the time taken does not tell which it was."""
    Commenter.objects.bulk_create(
        [Commenter(email=email.strip(), email_hash=key)], ignore_conflicts=True
    )
    return Commenter.objects.get(email_hash=key)


def statuses_for(screening, commenter, options, *, proven, banned):
    """(status to store, status to tell the author) for a screened comment."""
    if screening.decision is Decision.REJECT:
        return Comment.Status.REJECTED, Comment.Status.REJECTED
    if not proven:
        stored = Comment.Status.SPAM if banned else Comment.Status.UNCONFIRMED
        return stored, Comment.Status.UNCONFIRMED
    if banned:
        return Comment.Status.SPAM, Comment.Status.PENDING
    if can_skip_queue(commenter, options, screening.decision):
        return Comment.Status.APPROVED, Comment.Status.APPROVED
    return Comment.Status.PENDING, Comment.Status.PENDING


def can_skip_queue(commenter, options, decision):
    """The optional fast lane: trusted commenters' comments that pass the screen. Only for a
    comment from a browser that has proven the address (see `statuses_for`)."""
    if not options.auto_publish_after or decision is not Decision.PASS:
        return False
    return commenter.comments.approved().count() >= options.auto_publish_after


def post_comment(request, page, *, name, email, body, parent_id=None, notify=(), honeypot=""):
    """Validate, screen and store a comment. Raises Refusal; returns Posted."""
    if not accepts_comments(page):
        raise Refusal(404, "comments_closed", "This page does not take comments.")
    options = CommentSettings.for_site(page.get_site())
    if len(body) > options.max_length:
        raise Refusal(
            400, "too_long", f"Comments can be at most {options.max_length} characters long."
        )
    key = email_hash(email)
    check_not_refused(request, key, honeypot)
    parent = find_parent(page, parent_id, options)
    screening = screen_comment(body, options)
    proven = proof.proves(request, key)
    with transaction.atomic():
        commenter = commenter_for(email, key)
        comment = Comment(
            page=page,
            parent=parent,
            thread=parent.thread if parent else None,
            depth=parent.depth + 1 if parent else 1,
            commenter=commenter,
            name=name.strip(),
            body=body.strip(),
            notify=list(dict.fromkeys(notify)),
        )
        comment.set_screening(screening)
        banned = is_banned(key)
        stored, told = statuses_for(screening, commenter, options, proven=proven, banned=banned)
        store(comment, stored, proven=proven, banned=banned)
        if proven:
            prove(comment, commenter, subscribe_too=not banned)
        if stored == Comment.Status.APPROVED:
            publish(comment, user=None, automatic=True)
        if told == Comment.Status.UNCONFIRMED:
            # Queued whatever the address: the task itself sends nothing for a banned one,
            # so the request does the same work, and takes the same time, either way.
            transaction.on_commit(lambda: send_confirmation.enqueue(comment.pk))
    return Posted(comment, told, message_for(told, comment))


def store(comment, status, *, proven, banned):
    """Save the comment, as pending if it is to be published: publishing below goes through
    the one path that notifies subscribers."""
    comment.status = Comment.Status.PENDING if status == Comment.Status.APPROVED else status
    if status == Comment.Status.REJECTED:
        comment.rejection_reason = rule_of_first_flag(comment)
    if status == Comment.Status.SPAM and banned:
        comment.moderator_note = BANNED_NOTE
    if proven:
        comment.proven_at = timezone.now()
    comment.save()
    if comment.thread_id is None:
        Comment.objects.filter(pk=comment.pk).update(thread=comment)
        comment.thread_id = comment.pk


def message_for(status, comment):
    rule = dict(RULE_CHOICES).get(comment.rejection_reason, "civility").lower()
    return MESSAGES[status].format(rule=rule)
