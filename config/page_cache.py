"""Whole-page caching for anonymous visitors, shared by every app server through the cache.

What is cached: GET and HEAD requests from visitors who are not logged in, answered 200 with a
page, feed or sitemap, that set no cookie and did not ask not to be cached. Admin, API, comment
and document URLs, previews (which live under /admin/) and searches never are.

Invalidation is by generation: every cached page's key carries a number that any change to
published content increments, so one write makes every cached page stale at once. Finer
invalidation would buy little here: the "This week" and related-story boxes put every story on
nearly every page. Petition counts are the exception: they change too often to invalidate on,
so cached petition pages refresh their number from the count endpoint instead.

Responses say what a CDN may do with them: public for `s-maxage`, with stale-while-revalidate,
and `max-age=0` so browsers always come back for a fresh copy.

After an invalidation the first visitor to a page renders it; visitors arriving meanwhile wait
for that copy (a short lock in the cache) instead of all rendering the same page at once, which
on a viral story would queue every worker behind the same half-second render.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

GENERATION_KEY = "page-cache:generation"
NEVER_CACHED_PREFIXES = ("/admin/", "/api/", "/comments/", "/documents/")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml")
STALE_WHILE_REVALIDATE = 60
# The render lock: how long it lives if its owner dies, and how long others wait for the copy.
RENDER_LOCK_SECONDS = 10
RENDER_WAIT_SECONDS = 3.0
RENDER_POLL_SECONDS = 0.05


def page_cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def generation():
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        current = cache.get(GENERATION_KEY, 1)
    return current


def invalidate_all(*args, **kwargs):
    """Make every cached page stale. Safe to call from signal handlers and `on_commit`."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: nothing is cached under one
        cache.add(GENERATION_KEY, 1, timeout=None)


def cache_key(request):
    raw = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"page-cache:{generation()}:{digest}"


def lock_key(key):
    return f"{key}:rendering"


def wait_for_render(key):
    """Another worker is rendering this page: wait for its copy while its lock lasts, up to
    RENDER_WAIT_SECONDS. None means render it here (the other render was not cacheable, took
    too long, or the cache is down, in which case no lock is ever seen and nobody waits)."""
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline and cache.get(lock_key(key)) is not None:
        time.sleep(RENDER_POLL_SECONDS)
        stored = cache.get(key)
        if stored is not None:
            return stored
    return cache.get(key)


def request_is_cacheable(request):
    if not page_cache_seconds() or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(NEVER_CACHED_PREFIXES) or "q" in request.GET:
        return False
    return not request.user.is_authenticated


def response_is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    return response.get("Content-Type", "").startswith(CACHEABLE_TYPES)


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
        stored = cache.get(key)
        owns_lock = False
        if stored is None:
            owns_lock = cache.add(lock_key(key), 1, RENDER_LOCK_SECONDS)
            if not owns_lock:
                stored = wait_for_render(key)
        if stored is not None:
            return self.rebuild(stored)
        try:
            response = self.get_response(request)
            if response_is_cacheable(response):
                public_headers(response)
                cache.set(key, self.snapshot(response), page_cache_seconds())
                response["X-Page-Cache"] = "miss"
        finally:
            if owns_lock:
                cache.delete(lock_key(key))
        return response

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
