"""Knowing which Site a request is for without a query on every render.

Wagtail looks the Site up from the request's host on every page it serves, and notes it on
the request (`Site.find_for_request`). This looks it up once per host and keeps it between
renders (pagecache/fragments.py) under the site's version, which saving a Site moves on
(pagecache/invalidation.py). Hosts are those ALLOWED_HOSTS lets through, so the entries are
few. Only for public pages: the admin, the API and comment actions look their sites up as
before, without the extra round trip to the cache.
"""

from wagtail.models import Site

from pagecache import fragments, versions
from pagecache.middleware import NEVER_CACHED_PREFIXES


class KnownSiteMiddleware:
    """After the page cache (a cached page needs no Site), before any view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(NEVER_CACHED_PREFIXES):
            site = fragments.cached(
                f"site:{request.get_host()}",
                {versions.SITE},
                lambda: Site.find_for_request(request),
            )
            if site is not None:
                request._wagtail_site = site
        return self.get_response(request)
