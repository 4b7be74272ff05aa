"""Routing a request to its page without queries, for the page at the root of a site.

Wagtail finds `/news/a-story/` one level at a time: the news index by its slug, then its
specific object, then the story by its slug, then the story's specific object, two queries a
level. The root page instead finds every page on the path in one query (each page's `url_path`
spells its whole path), loads the one page served, and keeps it between requests
(pagecache/fragments.py) until a page is published, unpublished, moved or deleted, or the site
changes: a comment approved on the story leaves it where it is.

Wagtail's answer is kept in every case. A routable page's own routes still come before its
children (as RoutablePageMixin.route does: `/news/tag/x/` is the newsroom's tag listing), an
unpublished page is still a 404, and any path this does not recognise is left to Wagtail's
own routing from the deepest page found. Only pages are kept, never a 404, so that nobody can
fill the cache by asking for paths that do not exist.
"""

import hashlib

from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from pagecache import fragments, versions


class DirectRoutingMixin:
    """For the page at the root of a site: route to descendants from a kept lookup, or in
    two queries."""

    def route(self, request, path_components):
        if not path_components or getattr(request, "is_preview", False):
            return super().route(request, path_components)
        # Hashed: a path is whatever a visitor typed, of any length and characters.
        path = hashlib.sha256("/".join(path_components).encode()).hexdigest()[:32]
        found = fragments.cached(
            f"route:{self.pk}:{path}",
            versions.EVERYTHING,
            lambda: self.find_descendant(path_components),
        )
        if found is None:
            return super().route(request, path_components)
        page, remaining = found
        return page.route(request, remaining)

    def find_descendant(self, path_components):
        """(the page that answers the path, the components left for its own routes), or
        None for a path that is no page's, which Wagtail's routing then answers (a 404)."""
        prefixes = [
            self.url_path + "".join(f"{part}/" for part in path_components[: depth + 1])
            for depth in range(len(path_components))
        ]
        found = {
            page.url_path: page
            for page in Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
        }
        parent = self
        for depth, prefix in enumerate(prefixes):
            page = found.get(prefix)
            remaining = path_components[depth + 1 :]
            if page is None:
                # No such page, and no route of the parent's took the rest (checked below).
                return None
            page._cached_parent_obj = parent
            if remaining and takes_route(page, remaining):
                return page.specific, remaining
            parent = page
        served = load_specific(parent)
        served._cached_parent_obj = parent._cached_parent_obj
        return served, []


def takes_route(page, remaining):
    """True when `page` is a live routable page with a route of its own for `remaining`,
    worked out from its class, without loading it."""
    page_class = page.specific_class
    if not (page.live and page_class and issubclass(page_class, RoutablePageMixin)):
        return False
    try:
        page_class.get_resolver().resolve("/" + "".join(f"{part}/" for part in remaining))
    except Resolver404:
        return False
    return True


def load_specific(page):
    """The page as its own class, with what its class says its template always shows
    (`serve_select_related`, foreign keys such as a banner image) in the same query."""
    page_class = page.specific_class
    related = getattr(page_class, "serve_select_related", ())
    if not related:
        return page.specific
    return page_class.objects.select_related(*related).get(pk=page.pk)
