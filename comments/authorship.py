"""Comments a browser may call its own: seeing them while they wait, editing, withdrawing.

Posting a comment gives the browser that posted it a cookie naming that comment, signed with
the secret key under its own salt and dated (the style of comments/proof.py). It is HttpOnly,
SameSite=Lax, Secure over HTTPS and sent only to /comments/: the story pages, which every
reader shares from the cache, never see it. It names at most `MAX_COMMENTS` comments, the
newest, and lapses `MAX_AGE` after the last post. Nobody can add a comment to it without the
secret key, so a comment id alone gives nobody anything.

A comment is this browser's own when the cookie names it, or when the browser holds proof of
the address it was posted with and the address was proven for that comment (comments/proof.py,
comments/ownership.py). Its owner sees it on the page while it waits, marked as waiting, may
edit it for a short while (CommentSettings.edit_minutes) and may withdraw it at any time.

A second cookie, `HINT_COOKIE`, says only "this browser has commented here": it is readable by
the page's script so that readers who never commented do not ask the server about comments of
their own on every story they read. It names nothing and grants nothing.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from comments import proof
from comments.civility import Decision
from comments.models import Comment
from comments.queue_counts import queue_changed
from comments.screen_choices import RULE_CHOICES
from comments.screening import screen_comment
from core.refusals import Refusal
from pagecache.invalidation import page_changed

COOKIE = "comment_posts"
HINT_COOKIE = "commented"
SALT = "comments.posted-from-this-browser"
PATH = "/comments/"
MAX_AGE = 30 * 24 * 3600
MAX_COMMENTS = 20

# What a comment waiting for a moderator may look like in the database. A comment from a
# banned address is kept as spam without a decision (comments/posting.py); its author was told
# it waits, so to its author it waits, as any other: showing otherwise would tell them of the
# ban. Spam a moderator marked has a decision date.
WAITING = (Comment.Status.PENDING, Comment.Status.UNCONFIRMED, Comment.Status.SPAM)

WITHDRAWN_NAME = "Withdrawn"
WITHDRAWN_BODY = "This comment was withdrawn by its author."


def posted_ids(request):
    """The comment ids this browser's genuine, unexpired cookie names (newest first)."""
    value = request.COOKIES.get(COOKIE, "")
    if not value:
        return []
    try:
        ids = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return []
    if not isinstance(ids, list):
        return []
    return [i for i in ids if isinstance(i, int) and not isinstance(i, bool)][:MAX_COMMENTS]


def remember(request, response, comment):
    """Add `comment` to this browser's own comments (on the response to posting it)."""
    ids = [comment.pk, *(i for i in posted_ids(request) if i != comment.pk)][:MAX_COMMENTS]
    secure = settings.SESSION_COOKIE_SECURE or request.is_secure()
    response.set_cookie(
        COOKIE,
        signing.dumps(ids, salt=SALT, compress=True),
        max_age=MAX_AGE,
        path=PATH,
        secure=secure,
        httponly=True,
        samesite="Lax",
    )
    remember_hint(request, response, max_age=MAX_AGE)


def remember_hint(request, response, max_age):
    response.set_cookie(
        HINT_COOKIE,
        "1",
        max_age=max_age,
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
        samesite="Lax",
    )


def owns(request, comment, ids=None):
    """Whether this browser may call `comment` its own (see the module's docstring)."""
    if comment.status == Comment.Status.WITHDRAWN:
        return False
    if comment.pk in (posted_ids(request) if ids is None else ids):
        return True
    commenter = comment.commenter
    return (
        commenter is not None
        and comment.proven_at is not None
        and proof.proves(request, commenter.email_hash)
    )


def own_comments_on(request, page_id):
    """This browser's own comments on the page, not withdrawn, oldest first."""
    ids = posted_ids(request)
    hashes = proof.proven_hashes(request)
    if not ids and not hashes:
        return []
    mine = Comment.objects.filter(pk__in=ids)
    if hashes:
        mine = mine | Comment.objects.filter(
            commenter__email_hash__in=hashes, proven_at__isnull=False
        )
    return list(
        mine.filter(page_id=page_id)
        .exclude(status=Comment.Status.WITHDRAWN)
        .select_related("commenter")
        .order_by("created_at", "pk")
    )


def is_waiting(comment):
    """Whether its author should see the comment as waiting for a moderator."""
    if comment.status == Comment.Status.SPAM:
        return comment.decided_at is None
    return comment.status in (Comment.Status.PENDING, Comment.Status.UNCONFIRMED)


def edit_deadline(comment, options):
    return comment.created_at + datetime.timedelta(minutes=options.edit_minutes)


def can_still_edit(comment, options, now=None):
    if not options.edit_minutes or comment.status == Comment.Status.REJECTED:
        return False
    if not (comment.status == Comment.Status.APPROVED or is_waiting(comment)):
        return False
    return (now or timezone.now()) < edit_deadline(comment, options)


def edit(comment, body, options):
    """Replace the comment's text. If it changed, the screen reads it again and the comment
    waits for a moderator again (off the page until then). Raises Refusal; returns whether
    the text changed."""
    body = body.strip()
    if body == comment.body:
        return False
    if len(body) > options.max_length:
        raise Refusal(
            400, "too_long", f"Comments can be at most {options.max_length} characters long."
        )
    screening = screen_comment(body, options)
    if screening.decision is Decision.REJECT:
        first = screening.flags[0].rule.value if screening.flags else ""
        rule = dict(RULE_CHOICES).get(first, "civility").lower()
        raise Refusal(
            422,
            "rejected",
            f"Your change breaks our comment policy ({rule}), so it was not saved. "
            "Your comment is as it was; your new text is below if you would like to rephrase it.",
        )
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        was_shown = locked.status == Comment.Status.APPROVED
        locked.body = body
        locked.set_screening(screening)
        if was_shown:
            # Read again by a moderator before it is shown again; subscribers were told of it
            # once already (notified_at stays), so approving it again tells nobody twice.
            locked.status = Comment.Status.PENDING
            locked.decided_at = None
            locked.decided_by = None
        locked.save()
        queue_changed()
        if was_shown:
            page_changed(locked.page)
    comment.refresh_from_db()
    return True


def withdraw(comment):
    """The author deletes their comment: it leaves the page and the queue, and its words are
    not kept. Replies others wrote to it stay published; the conversation shows them under a
    line saying it was withdrawn."""
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if locked.status == Comment.Status.WITHDRAWN:
            return False
        was_shown = locked.status == Comment.Status.APPROVED
        Comment.objects.filter(pk=locked.pk).update(
            status=Comment.Status.WITHDRAWN,
            name=WITHDRAWN_NAME,
            body=WITHDRAWN_BODY,
            flags=[],
            rules="",
            flagged=False,
            notify=[],
            decided_at=timezone.now(),
            decided_by=None,
        )
        queue_changed()
        if was_shown:
            page_changed(locked.page)
    return True
