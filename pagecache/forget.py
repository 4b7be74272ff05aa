"""Making cached copies of pages forget a person who must no longer be shown.

A petition page lists its recent signers' first names and a story its comments, and both are
cached whole: in our page cache (pagecache/middleware.py, for PAGE_CACHE_SECONDS) and, where one
is configured, in a CDN. Erasing a supporter or a commenter, purging old signatures and hiding
a name must reach both, or the person stays in public for minutes after we said they were gone.

- Our page cache moves on to a new generation (`invalidate_all`): every cached page is stale
  at once. Erasures and hidden names are rare, so one re-render per page each time is cheap.
- A CDN configured through Wagtail's frontend cache (`WAGTAILFRONTENDCACHE`) is asked to purge
  the pages concerned, with wagtail.contrib.frontend_cache's own purge (a background task).

Both wait for the transaction to commit: a visitor arriving in between must not cache the page
again from rows that still hold the name.
"""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

from pagecache.middleware import invalidate_all


def forget_on_commit(pages):
    """After the current transaction commits, drop every cached copy of these pages."""
    pages = list(pages)
    if pages:
        transaction.on_commit(lambda: forget(pages))


def forget(pages):
    # Ours first: a CDN purged before it would fetch the old copy from us again.
    invalidate_all()
    if cdn_configured():
        purge_pages_from_cache(pages)


def cdn_configured():
    return bool(settings.WAGTAILFRONTENDCACHE or settings.WAGTAILFRONTENDCACHE_LOCATION)
