"""Erase one commenter on request: their address, their name and their words.

Comments that others replied to stay in place, so the conversation still reads, but say only
that they were removed; the audit log's labels for them, which quoted the name and the first
words, are rewritten, and moderators' notes in it are blanked.

A ban on the address stays, as the keyed hash of the address and nothing readable (its note
is blanked): erasure must not be a way round a ban. The hash cannot be turned back into an
address without the key; the comment policy says that bans are kept this way.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page

from comments.models import Ban, Comment, Commenter
from comments.tasks import confirmation_topic
from core.identity import email_hash
from outbox.deliveries import forget_topic
from pagecache.forget import forget_on_commit

# The audit log's action, registered in comments/wagtail_hooks.py: comments names its own
# actions, so the log of an erasure does not depend on campaign being installed.
ERASE_COMMENTER = "comments.erase_commenter"
REMOVED_NAME = "Removed"
REMOVED_BODY = "This comment was removed at its author's request."


def erase_commenter(email, user=None):
    """Erase everything about the commenter with this address; returns how many comments."""
    key = email_hash(email)
    with transaction.atomic():
        Ban.objects.filter(email_hash=key).update(note="")
        # The records of confirmations sent name the address's hash in their keys.
        forget_topic(confirmation_topic(key))
        commenter = Commenter.objects.filter(email_hash=key).first()
        if commenter is None:
            return 0
        comments = Comment.objects.filter(commenter=commenter)
        ids = list(comments.values_list("pk", flat=True))
        # Read now: once the comments lose their commenter, this filter would find none.
        pages = list(Page.objects.filter(pk__in=comments.values("page_id")))
        # Nothing of what they wrote stays: the screen's flags quote their words. Comments not
        # yet published leave the queue, so nobody can publish the removal notice.
        comments.exclude(status=Comment.Status.APPROVED).update(status=Comment.Status.REJECTED)
        comments.update(
            name=REMOVED_NAME,
            body=REMOVED_BODY,
            commenter=None,
            flags=[],
            rules="",
            flagged=False,
            moderator_note="",
            notify=[],
        )
        _relabel(Comment, ids)
        commenter.delete()  # and with it every subscription
        for page in pages:
            log(page, ERASE_COMMENTER, user=user, data={"comments": len(ids)})
        # Every cached copy of those pages, ours and a CDN's, forgets their name and words.
        forget_on_commit(pages)
    return len(ids)


def _relabel(model, ids):
    """Audit entries keep what was done and when, but no longer quote the person: the label
    quoted their name and words, and a moderator's note may have described them."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=[str(i) for i in ids]
    )
    entries.update(label=f"{model._meta.verbose_name} (erased)")
    for entry in entries.filter(data__has_key="note").only("pk", "data"):
        ModelLogEntry.objects.filter(pk=entry.pk).update(data={**entry.data, "note": ""})
