"""Routing a request to its page in two queries, for the page at the root of a site.

Wagtail finds `/news/a-story/` one level at a time: the news index by its slug, then its
specific object, then the story by its slug, then the story's specific object, two queries a
level. The root page can find every page on the path in one query instead, since each page's
`url_path` spells its whole path, then load the one page served.

Wagtail's answer is kept in every case. A routable page's own routes still come before its
children (as RoutablePageMixin.route does: `/news/tag/x/` is the newsroom's tag listing), an
unpublished page is still a 404, and any path this does not recognise is left to Wagtail's
own routing from the deepest page found.
"""

from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


class DirectRoutingMixin:
    """For the page at the root of a site: route to descendants in two queries."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
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
                # Not a page: Wagtail decides (a route of the parent's, or a 404).
                if parent is self:
                    return super().route(request, path_components)
                return parent.specific.route(request, path_components[depth:])
            page._cached_parent_obj = parent
            if remaining and takes_route(page, remaining):
                return page.specific.route(request, remaining)
            parent = page
        served = load_specific(parent)
        served._cached_parent_obj = parent._cached_parent_obj
        return served.route(request, [])


def load_specific(page):
    """The page as its own class, with what its class says its template always shows
    (`serve_select_related`, foreign keys such as a banner image) in the same query."""
    page_class = page.specific_class
    related = getattr(page_class, "serve_select_related", ())
    if not related:
        return page.specific
    return page_class.objects.select_related(*related).get(pk=page.pk)


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
