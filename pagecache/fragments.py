"""Pieces of pages kept in the shared cache between renders, under the same versions as whole
pages (pagecache/versions.py).

When a comment is approved its story is rendered again, but the menu, the newsroom's address
and the story's "This week" and related boxes have not changed: kept here, they cost one cache
round trip instead of their queries. Each piece names what it depends on and is recomputed
once that moves on, exactly as the pages holding it are.

Values are whatever the computation returns (model instances included), pickled by the cache.
"""

from django.conf import settings
from django.core.cache import cache

from pagecache import versions

PREFIX = "page-cache:fragment:"
# Long: a piece is dropped by its versions moving on, not by age. The limit only bounds what
# a change made behind the ORM's back could leave stale.
FRAGMENT_SECONDS = 3600


def cached(name, dependencies, compute):
    """The value of `compute()`, kept until any of `dependencies` changes."""
    if not settings.PAGE_FRAGMENT_CACHE:
        return compute()
    key = PREFIX + name
    found, current = versions.read_with([key], dependencies)
    entry = found[key]
    if entry is not None:
        recorded, value = entry
        if versions.still_current(recorded, current):
            return value
    value = compute()
    cache.set(key, (current, value), FRAGMENT_SECONDS)
    return value
