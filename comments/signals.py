"""Invalidate the cached screen whenever a moderator edits a word list, the cached queue
counts whenever a comment is saved or deleted, and the cached copies of a page whenever a
comment it shows is edited or deleted. (Status changes made by moderation, which saves with
`update()`, make the page stale in comments/moderation.py.)"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from comments.models import AllowedPhrase, BannedTerm, Comment, SuspectTerm
from comments.queue_counts import queue_changed
from comments.screening import lists_changed
from pagecache.invalidation import page_changed


@receiver(post_save, sender=BannedTerm)
@receiver(post_save, sender=SuspectTerm)
@receiver(post_save, sender=AllowedPhrase)
@receiver(post_delete, sender=BannedTerm)
@receiver(post_delete, sender=SuspectTerm)
@receiver(post_delete, sender=AllowedPhrase)
def word_list_changed(sender, **kwargs):
    lists_changed()


@receiver(post_save, sender=Comment, dispatch_uid="comments-queue-counts-saved")
@receiver(post_delete, sender=Comment, dispatch_uid="comments-queue-counts-deleted")
def comment_changed(sender, **kwargs):
    queue_changed()


@receiver(post_save, sender=Comment, dispatch_uid="comments-page-cache-saved")
@receiver(post_delete, sender=Comment, dispatch_uid="comments-page-cache-deleted")
def shown_comment_changed(sender, instance, **kwargs):
    if instance.status == Comment.Status.APPROVED:
        page_changed(instance.page)
