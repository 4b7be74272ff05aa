"""Whose a comment is: an address proven for it, bans on an address, the owner's subscriptions.

A comment is its address's owner's once the address is proven for it: posted from a browser
that holds proof of the address (comments/proof.py, checked when posting), or confirmed by the
link emailed for that comment (`confirm_comment`, here). Either way the commenter becomes
confirmed and the comment's "Notify me of" choices take effect, unless the address is banned.
Posting (comments/posting.py) and confirming both build on this module, and it on neither.
"""

from django.db import transaction
from django.utils import timezone

from comments.models import Ban, Comment, Commenter, Subscription
from comments.queue_counts import queue_changed

BANNED_NOTE = "Kept back without a word to the author: the address was banned when posted."


def is_banned(key):
    """Whether the address with this hash (core.identity.email_hash) is banned now."""
    return Ban.objects.active().filter(email_hash=key).exists()


def subscribe(commenter, page, kinds):
    valid = set(Subscription.Kind.values)
    for kind in kinds:
        if kind in valid:
            Subscription.objects.get_or_create(commenter=commenter, page=page, kind=kind)


def prove(comment, commenter, *, subscribe_too=True):
    """The address is its owner's for this comment: mark the commenter confirmed (once) and
    let the comment's "Notify me of" choices take effect."""
    if not commenter.is_confirmed:
        Commenter.objects.filter(pk=commenter.pk, confirmed_at__isnull=True).update(
            confirmed_at=comment.proven_at or timezone.now()
        )
    if subscribe_too:
        subscribe(commenter, comment.page, comment.notify)


def confirm_comment(comment):
    """The owner of the address followed the link emailed for this comment and pressed its
    button: the comment is theirs. It joins the queue (never the fast lane: it was posted from
    a browser that had not proven the address), and its "Notify me of" choices take effect.
    A banned address's comment is kept as spam instead, without a word. Returns whether this
    call confirmed it (a second press changes nothing)."""
    now = timezone.now()
    with transaction.atomic():
        banned = is_banned(comment.commenter.email_hash)
        fields = {"status": Comment.Status.PENDING, "proven_at": now}
        if banned:
            fields.update(status=Comment.Status.SPAM, moderator_note=BANNED_NOTE)
        changed = Comment.objects.filter(pk=comment.pk, status=Comment.Status.UNCONFIRMED).update(
            **fields
        )
        if not changed:
            return False
        for name, value in fields.items():
            setattr(comment, name, value)
        queue_changed()
        prove(comment, comment.commenter, subscribe_too=not banned)
        return True
