"""Absolute links for emails: the one place that decides which address a link starts with.

An email has no request to take a host from, and a background worker may send it long after
the request that caused it. So every link in every email starts from the root URL of the
Wagtail Site that serves the page concerned (Settings → Sites: hostname and port; port 443
means https). That is right behind a proxy (the Site names the public host, not the one the
proxy talks to) and with several sites (each page belongs to one). `make run` and
`load_demo_content --site-url` set the demo Site to the address the server listens on, and a
system check (core/checks.py) warns when a production Site still has a local address.
"""

from django.conf import settings


def _url_parts(page):
    """(root URL of the page's Site, the page's path on it), or None if no Site serves it.
    Wagtail keeps the Sites' root paths in the cache: no query for a page it has seen."""
    parts = page.get_url_parts() if page is not None else None
    if parts is None:
        return None
    _site_id, root_url, page_path = parts
    return root_url.rstrip("/"), page_path


def site_root(page):
    """The root URL of the site that serves `page`, without a trailing slash. A page that no
    Site serves (or none) gets the admin's base URL."""
    parts = _url_parts(page)
    return parts[0] if parts else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(page, path):
    """`path` (starting with "/") on the site that serves `page`."""
    return site_root(page) + path


def page_url(page, route=""):
    """The absolute URL of `page`, or of one of its routes (`route` as `reverse_subpage`
    gives it, e.g. "confirm/<token>/"), on the site that serves it."""
    parts = _url_parts(page)
    path = parts[1] if parts else "/"
    return absolute_url(page, path + route)
