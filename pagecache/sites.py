"""Knowing which Site a request is for without a query on every render.

Wagtail looks the Site up from the request's host on every page it serves, and notes it on
the request (`Site.find_for_request`). This looks it up once per host and keeps it between
renders (pagecache/fragments.py) under the site's version, which saving a Site or publishing a
page other than a story moves on (pagecache/invalidation.py); the root page comes with it as
its own class, as routing asks for it. Hosts are those ALLOWED_HOSTS lets through, so the
entries are few. Only for Wagtail's pages: the admin, the API, the health check and the rest
look their sites up as before, if at all.
"""

from django.db import DatabaseError
from wagtail import views as wagtail_views
from wagtail.models import Site

from pagecache import fragments, versions


class KnownSiteMiddleware:
    """After the page cache (a cached page needs no Site)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve:
            return None
        try:
            site = fragments.cached(
                f"site:{request.get_host()}", {versions.SITE}, lambda: site_for(request)
            )
        except DatabaseError:
            # The database is down: the view's own lookup fails again, and the database-down
            # page answers that (core/db_unavailable.py).
            return None
        if site is not None:
            request._wagtail_site = site
        return None


def site_for(request):
    """The request's Site with its root page as its own class."""
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site
