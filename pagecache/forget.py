"""Making cached copies of pages forget a person who must no longer be shown.

A petition page lists its recent signers' first names and a story its comments, and both are
cached whole: in our page cache (pagecache/middleware.py, for PAGE_CACHE_SECONDS) and, where one
is configured, in a CDN. Erasing a supporter or a commenter, purging old signatures and hiding
a name must reach both, or the person stays in public for minutes after we said they were gone.

The pages concerned are made stale at their addresses, ours and the CDN's, after the
transaction commits: a visitor arriving in between must not cache the page again from rows
that still hold the name.
"""

from pagecache.invalidation import changed_on_commit


def forget_on_commit(pages):
    """After the current transaction commits, drop every cached copy of these pages."""
    pages = list(pages)
    if pages:
        changed_on_commit(pages=pages)
