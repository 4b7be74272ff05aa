"""Whole-page caching for anonymous visitors, shared by every app server through the cache.

What is cached: GET and HEAD requests from visitors who are not logged in, answered 200 with a
page, feed or sitemap, that set no cookie and did not ask not to be cached. Admin, API, comment
and document URLs, previews (which live under /admin/) and searches never are.

Invalidation follows what changed (pagecache/versions.py): each cached page records the version
of what it depends on (the whole site, the list of stories, its own address) and is stale once
any of them moves on. A comment approved makes its story stale and nothing else; a story
published makes stale the pages that list stories; a settings change, everything. Pages say
what they depend on through `page_cache_dependencies` (pagecache/wagtail_hooks.py); anything
else depends on all of it. Petition counts change too often to invalidate on, so cached
petition pages refresh their number from the count endpoint instead.

The key is the host, the path and only the query parameters pages declare
(pagecache/query_strings.py), so `?utm_source=...` or a random query string is the same cached
page, not a fresh render.

Responses say what a CDN may do with them: public for `s-maxage`, with stale-while-revalidate,
and `max-age=0` so browsers always come back for a fresh copy.

A visit reads the page and the versions it may depend on in one cache round trip.

After an invalidation the first visitor to a page renders it; visitors arriving meanwhile wait
for that copy (a short lock in the cache) instead of all rendering the same page at once, which
on a viral story would queue every worker behind the same half-second render. A URL whose
answer cannot be cached (a 404, a redirect, the health check) is remembered as such for a short
while, so that its visitors neither take the lock nor queue behind each other for it.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from pagecache import query_strings, versions

NEVER_CACHED_PREFIXES = ("/admin/", "/api/", "/comments/", "/documents/")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml")
STALE_WHILE_REVALIDATE = 60
# The render lock: how long it lives if its owner dies, and how long others wait for the copy.
RENDER_LOCK_SECONDS = 10
RENDER_WAIT_SECONDS = 3.0
RENDER_POLL_SECONDS = 0.05
# How long a URL that gave an uncacheable answer is served without trying to cache it. Short,
# because the same URL may become cacheable (a page published at a URL that was a 404).
UNCACHEABLE = "uncacheable"
UNCACHEABLE_SECONDS = 30


def page_cache_seconds():
    return settings.PAGE_CACHE_SECONDS


def cache_key(request):
    return query_strings.cache_key(request.get_host(), request.path, request.GET)


def lock_key(key):
    return f"{key}:rendering"


def possible_dependencies(request):
    """Everything a page at this address could depend on; it records which it does."""
    return versions.EVERYTHING | {versions.path_dependency(request.path)}


def declared_dependencies(request):
    """What the response depends on, as the page said while it was served (see
    pagecache/wagtail_hooks.py); a response nothing spoke for depends on everything."""
    declared = getattr(request, "page_cache_dependencies", None)
    return possible_dependencies(request) if declared is None else declared


def read(request, key):
    """(current versions, what is stored for this URL if still current, else None), in one
    round trip to the cache."""
    versions.retry_pending()
    found, current = versions.read_with([key], possible_dependencies(request))
    return current, fresh(found[key], current)


def fresh(entry, current):
    if entry is None:
        return None
    recorded, value = entry
    return value if versions.still_current(recorded, current) else None


def wait_for_render(key, current):
    """Another worker is rendering this page: wait for its copy while its lock lasts, up to
    RENDER_WAIT_SECONDS. None means render it here (the other render was not cacheable, took
    too long, or the cache is down, in which case no lock is ever seen and nobody waits)."""
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline and cache.get(lock_key(key)) is not None:
        time.sleep(RENDER_POLL_SECONDS)
        stored = fresh(cache.get(key), current)
        if stored is not None:
            return stored
    return fresh(cache.get(key), current)


def request_is_cacheable(request):
    if not page_cache_seconds() or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(NEVER_CACHED_PREFIXES) or "q" in request.GET:
        return False
    return not request.user.is_authenticated


def response_is_cacheable(response):
    return not response.cookies and not uncacheable_for_everyone(response)


def rendered_a_csrf_token(request):
    """A page with a CSRF token in it belongs to one visitor: shared, the token would let
    whoever saw the page forge that visitor's posts (and fail everyone else's). Django notes
    the use on the request; the cookie that would show it is only set later, on the way out."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def uncacheable_for_everyone(response):
    """What the URL itself answers (status, type, caching headers), not something about this
    visitor: a cookie set for one visitor must not stop the page being cached for the rest."""
    if response.status_code != 200 or response.streaming:
        return True
    control = response.get("Cache-Control", "")
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return True
    return not response.get("Content-Type", "").startswith(CACHEABLE_TYPES)


def public_headers(response):
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=page_cache_seconds(),
        stale_while_revalidate=STALE_WHILE_REVALIDATE,
    )


class AnonymousPageCacheMiddleware:
    """Serve anonymous visitors from the shared cache, and fill it. Goes after the
    authentication middleware, which tells us who is logged in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        key = cache_key(request)
        # The page is rendered from what the key holds and nothing more, so that no other
        # parameter can make the copy differ from its key.
        request.GET = query_strings.only_declared(request.GET)
        current, stored = read(request, key)
        owns_lock = False
        if stored is None:
            owns_lock = cache.add(lock_key(key), 1, RENDER_LOCK_SECONDS)
            if not owns_lock:
                stored = wait_for_render(key, current)
        if stored == UNCACHEABLE:
            return self.get_response(request)
        if stored is not None:
            return self.rebuild(stored)
        try:
            response = self.get_response(request)
            self.store(request, key, current, response)
        finally:
            if owns_lock:
                cache.delete(lock_key(key))
        return response

    def store(self, request, key, current, response):
        if rendered_a_csrf_token(request):
            return
        # The versions read before rendering, not after: a change committed during the
        # render must leave this copy stale.
        recorded = {name: current.get(name) for name in declared_dependencies(request)}
        if response_is_cacheable(response):
            public_headers(response)
            cache.set(key, (recorded, self.snapshot(response)), page_cache_seconds())
            response["X-Page-Cache"] = "miss"
        elif uncacheable_for_everyone(response) and response.status_code < 500:
            # A server error (the database down for a moment) says nothing about the URL:
            # noting it would send every visitor past the render lock for 30 s. The note
            # depends on everything: a page published at this address ends it.
            everything = {name: current.get(name) for name in possible_dependencies(request)}
            cache.set(key, (everything, UNCACHEABLE), UNCACHEABLE_SECONDS)

    @staticmethod
    def snapshot(response):
        # Only what the next visitor needs: no cookies, nothing about this request.
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in {"set-cookie", "vary", "x-page-cache"}
        }
        return response.status_code, headers, response.content

    @staticmethod
    def rebuild(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
