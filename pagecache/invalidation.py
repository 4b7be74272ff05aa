"""What makes cached pages stale: anything that changes what a visitor sees.

Publishing, unpublishing, moving or deleting a page; editing the snippets and settings that
pages show; a comment being published. A signature does not: petition counts refresh from their
own endpoint. Each handler waits for the transaction to commit, so a visitor never caches a page
rendered from data that was then rolled back.

Which snippets and settings pages show is for the apps that own them to say: each registers
its models with `register_shown_on_pages` in its AppConfig.ready(), so this app names none of
the apps above it. Wagtail's own such models (sites, view restrictions, images) are
registered here.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images.models import Image
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from pagecache.middleware import invalidate_all


def invalidate_on_commit(**kwargs):
    transaction.on_commit(invalidate_all)


for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
    signal.connect(invalidate_on_commit, dispatch_uid=f"page-cache-{signal!r}")


@receiver(post_delete, dispatch_uid="page-cache-page-deleted")
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_on_commit()


def shown_content_changed(sender, **kwargs):
    invalidate_on_commit()


def register_shown_on_pages(model):
    """Make every cached page stale when a row of `model` is saved or deleted: for models whose
    rows appear on public pages without being pages themselves. Registering twice is harmless."""
    label = model._meta.label_lower
    post_save.connect(
        shown_content_changed, sender=model, dispatch_uid=f"page-cache-shown-{label}-saved"
    )
    post_delete.connect(
        shown_content_changed, sender=model, dispatch_uid=f"page-cache-shown-{label}-deleted"
    )


# Wagtail's own. A view restriction hides a page and its descendants: no cached copy may
# outlive it.
for model in (Site, PageViewRestriction, Image):
    register_shown_on_pages(model)
