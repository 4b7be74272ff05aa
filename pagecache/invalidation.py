"""What makes cached pages stale, and which ones: only those that show what changed.

- A page published or unpublished: its own address, and what it says publishing it changes
  (`page_cache_publish_changes` on the page class: a story changes the list of stories, which
  home, the newsroom, feeds and every story's side boxes show; any other page changes the
  site, whose menus and sitemap list pages).
- A page moved, renamed or deleted, and the snippets and settings that pages show: the site.
- A comment published, edited or removed: its page's address (`page_changed`, called by the
  comments app).
- A signature: nothing. Petition counts refresh from their own endpoint.

Each change waits for the transaction to commit, so a visitor never caches a page rendered from
data that was then rolled back. Then the same dependencies are purged from the CDN, if one is
configured (pagecache/cdn.py).

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

from pagecache import cdn, versions


def changed_on_commit(dependencies=(), pages=()):
    """After the current transaction commits, make stale every cached page (ours and the
    CDN's) that depends on any of `dependencies`, or is served at the address of one of
    `pages` (worked out then, from the committed tree), and every piece kept for one of
    `pages` alone."""
    dependencies, pages = set(dependencies), list(pages)
    transaction.on_commit(lambda: changed(dependencies | shown_only_by(pages)))


def shown_only_by(pages):
    """What depends on these pages alone: their addresses, and the pieces kept per page."""
    addresses = {versions.path_dependency(path) for page in pages for path in page_paths(page)}
    return addresses | {versions.page_dependency(page.pk) for page in pages}


def changed(dependencies):
    failed = versions.bump(dependencies)
    if failed:
        cdn.replay_later(failed)
    # Ours first: a CDN purged before it would fetch the old copy from us again.
    cdn.purge(dependencies)


def invalidate_all(*args, **kwargs):
    """Make every cached page stale at once. Takes any arguments, to serve as a receiver."""
    changed_on_commit({versions.SITE})


def page_paths(page):
    """The paths at which `page` is served on each site that holds it."""
    parts = page.get_url_parts()
    return {parts[2]} if parts and parts[2] else set()


def page_changed(page):
    """Something only this page shows changed (a comment on it, say)."""
    changed_on_commit(pages=[page])


def published_or_unpublished(sender, instance, **kwargs):
    page = instance.specific_deferred
    changes = getattr(page, "page_cache_publish_changes", (versions.SITE,))
    changed_on_commit(changes, pages=[page])


for signal in (page_published, page_unpublished):
    signal.connect(published_or_unpublished, dispatch_uid=f"page-cache-{signal!r}")
for signal in (post_page_move, page_slug_changed):
    signal.connect(invalidate_all, dispatch_uid=f"page-cache-{signal!r}")


@receiver(post_delete, dispatch_uid="page-cache-page-deleted")
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_all()


def shown_content_changed(sender, **kwargs):
    invalidate_all()


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
