"""Knowing without a query that a page has no view restriction, which is nearly always.

Wagtail checks every page it serves for view restrictions on it and its ancestors, two queries
a page, although a campaign site restricts few pages or none. The paths of the restricted pages
are kept between renders (pagecache/fragments.py) under the site's version, which saving or
deleting a restriction moves on (pagecache/invalidation.py). A page under none of them has an
empty set of restrictions at no cost; any other page asks Wagtail as before, so a restricted
page is checked exactly as Wagtail checks it.
"""

from wagtail.models import PageViewRestriction

from pagecache import fragments, versions


def restricted_paths():
    return fragments.cached(
        "restricted-paths",
        {versions.SITE},
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


class CachedViewRestrictionsMixin:
    """For page classes: `get_view_restrictions()` without queries for unrestricted pages."""

    def get_view_restrictions(self):
        # An alias takes its restrictions from the page it copies: Wagtail works that out.
        if self.alias_of_id is None and not any(
            self.path.startswith(path) for path in restricted_paths()
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
