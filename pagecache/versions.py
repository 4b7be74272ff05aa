"""What a cached page depends on, and the version of each, kept in the shared cache.

A cached page records the version of each thing it depends on when it was rendered; a change
gives that thing a new version, and every page that recorded the old one is stale at once, on
every app server, without finding and deleting anything. There are three kinds:

- `site`: everything every page shows or may show (settings, snippets, menus, images, the
  page tree). Most pages depend on it; few changes bump it.
- `stories`: the list of published stories, which home, the news index and its tag and
  category listings, feeds, campaign pages, every story's "Latest stories" and related boxes and
  the sitemap show. Publishing or unpublishing a story bumps it.
- `path:<path>`: one address and what only it shows, such as a story's comments. A comment
  published, edited or removed bumps its story's path and nothing else.
- `page:<id>`: what only one page shows wherever it is served, for pieces kept apart from
  whole pages (a story's conversations, in pagecache/fragments.py), including those rendered
  in a preview under /admin/. It moves with the page's path, always together.

A version is a fresh random token, not a counter: if Redis evicts or loses a version key, the
one made in its place matches no page stored before, so nothing stale comes back to life.

A bump that cannot reach the cache (Redis down, or this process backing off after a failure)
is kept here and made again before this process serves any page from the cache; pages that
depend on it are not served meanwhile. `pending()` lets the caller also queue it somewhere
that outlives the process.
"""

import hashlib
import secrets

from django.core.cache import cache

PREFIX = "page-cache:version:"
SITE = "site"
STORIES = "stories"
EVERYTHING = frozenset({SITE, STORIES})

_pending = set()


def path_dependency(path):
    return f"path:{path}"


def page_dependency(page_id):
    return f"page:{page_id}"


def key_for(dependency):
    # Hashed: a path may be long or hold characters a cache key may not.
    return PREFIX + hashlib.sha256(dependency.encode()).hexdigest()[:32]


def new_token():
    return secrets.token_hex(8)


def read_with(keys, dependencies):
    """One round trip: the values of `keys` and the current version of each dependency.

    Returns (values by key, versions by dependency). A dependency with no version yet gets
    one, so pages stored from now on can be checked against it."""
    dependency_keys = {key_for(name): name for name in dependencies}
    found = cache.get_many([*keys, *dependency_keys])
    versions = {name: found.get(key) for key, name in dependency_keys.items()}
    missing = [name for name, version in versions.items() if version is None]
    for name in missing:
        cache.add(key_for(name), new_token(), timeout=None)
        versions[name] = cache.get(key_for(name))
    return {key: found.get(key) for key in keys}, versions


def still_current(recorded, versions):
    """True when every version a page recorded is still the current one and none of its
    dependencies has a bump waiting in this process."""
    for name, version in recorded.items():
        if version is None or versions.get(name) != version or name in _pending:
            return False
    return True


def bump(dependencies):
    """Give each dependency a new version. Returns those the cache did not take (kept to be
    made again by `retry_pending`)."""
    dependencies = set(dependencies) | _pending
    if not dependencies:
        return set()
    tokens = {key_for(name): new_token() for name in dependencies}
    cache.set_many(tokens, timeout=None)
    # Read back: a cache that is down, or a client backing off after an error, drops writes
    # without saying so.
    stored = cache.get_many(list(tokens))
    failed = {name for name in dependencies if stored.get(key_for(name)) != tokens[key_for(name)]}
    _pending.clear()
    _pending.update(failed)
    return failed


def retry_pending():
    if _pending:
        bump(())


def pending():
    return set(_pending)


class CacheUnreachable(Exception):
    """Raised by a task replaying bumps while the cache still does not take them."""
