"""Absolute links for emails: the one place that decides which address a link starts with.

An email has no request to take a host from, and a background worker may send it long after
the request that caused it. So every link in every email starts from the root URL of the
Wagtail Site that serves the page concerned (Settings → Sites: hostname and port; port 443
means https). That is right behind a proxy (the Site names the public host, not the one the
proxy talks to) and with several sites (each page belongs to one). `make run` and
`load_demo_content` set the demo Site to the address the development server listens on.
"""

from django.conf import settings


def site_root(page):
    """The root URL of the site that serves `page`, without a trailing slash."""
    site = page.get_site() if page is not None else None
    root = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/")


def absolute_url(page, path):
    """`path` (starting with "/") on the site that serves `page`."""
    return site_root(page) + path
