"""What makes cached pages stale: anything that changes what a visitor sees.

Publishing, unpublishing, moving or deleting a page; editing the snippets and settings that
pages show; a comment being published. A signature does not: petition counts refresh from their
own endpoint. Each handler waits for the transaction to commit, so a visitor never caches a page
rendered from data that was then rolled back.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from pagecache.middleware import invalidate_all

# Models whose rows appear on public pages without being pages themselves.
SHOWN_ON_PAGES = {
    ("news", "newscategory"),
    ("news", "newssource"),
    ("campaign", "organisationsettings"),
    ("comments", "commentsettings"),
    ("wagtailcore", "site"),
    # A restriction hides a page and its descendants; no cached copy may outlive it.
    ("wagtailcore", "pageviewrestriction"),
    ("wagtailimages", "image"),
}


def invalidate_on_commit(**kwargs):
    transaction.on_commit(invalidate_all)


for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
    signal.connect(invalidate_on_commit, dispatch_uid=f"page-cache-{signal!r}")


@receiver(post_delete, dispatch_uid="page-cache-page-deleted")
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_on_commit()


@receiver(post_save, dispatch_uid="page-cache-content-saved")
@receiver(post_delete, dispatch_uid="page-cache-content-deleted")
def shown_content_changed(sender, **kwargs):
    if (sender._meta.app_label, sender._meta.model_name) in SHOWN_ON_PAGES:
        invalidate_on_commit()
