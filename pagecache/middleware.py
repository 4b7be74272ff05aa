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

Each entry is stored with the generation it was rendered in, under a key without it, so that a
visit reads the generation and the page in one cache round trip.

After an invalidation the first visitor to a page renders it; visitors arriving meanwhile wait
for that copy (a short lock in the cache) instead of all rendering the same page at once, which
on a viral story would queue every worker behind the same half-second render. A URL whose
answer cannot be cached (a 404, a redirect, the health check) is remembered as such for a short
while, so that its visitors neither take the lock nor queue behind each other for it.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from pagecache.generations import Generation

GENERATION_KEY = "page-cache:generation"
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


PAGES = Generation(GENERATION_KEY)
generation = PAGES.current
# Make every cached page stale. Safe to call from signal handlers and `on_commit`.
invalidate_all = PAGES.bump


def cache_key(request):
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return f"page-cache:{hashlib.sha256(raw.encode()).hexdigest()}"


def lock_key(key):
    return f"{key}:rendering"


def read(key):
    """(current generation, what is stored for this generation or None), in one round trip."""
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        return generation(), None
    return current, PAGES.fresh(found.get(key), current)


def wait_for_render(key, current):
    """Another worker is rendering this page: wait for its copy while its lock lasts, up to
    RENDER_WAIT_SECONDS. None means render it here (the other render was not cacheable, took
    too long, or the cache is down, in which case no lock is ever seen and nobody waits)."""
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline and cache.get(lock_key(key)) is not None:
        time.sleep(RENDER_POLL_SECONDS)
        stored = PAGES.fresh(cache.get(key), current)
        if stored is not None:
            return stored
    return PAGES.fresh(cache.get(key), current)


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
        current, stored = read(key)
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
        if response_is_cacheable(response):
            public_headers(response)
            cache.set(key, (current, self.snapshot(response)), page_cache_seconds())
            response["X-Page-Cache"] = "miss"
        elif uncacheable_for_everyone(response) and response.status_code < 500:
            # A server error (the database down for a moment) says nothing about the URL:
            # noting it would send every visitor past the render lock for 30 s.
            cache.set(key, (current, UNCACHEABLE), UNCACHEABLE_SECONDS)

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
