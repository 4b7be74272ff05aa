"""Pieces of pages kept in the shared cache between renders, under the same versions as whole
pages (pagecache/versions.py).

When a comment is approved its story is rendered again, but the site, the route to the story,
the menu, the settings, the story's body and its "Latest stories" and related boxes have not
changed: kept here, they cost one cache round trip instead of their queries and rendering.
Each piece names what it depends on and is recomputed once that moves on, exactly as the
pages holding it are.

Values are whatever the computation returns (model instances included), pickled by the cache.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache import versions

PREFIX = "page-cache:fragment:"
# Long: a piece is dropped by its versions moving on, not by age. The limit only bounds what
# a change made behind the ORM's back could leave stale.
FRAGMENT_SECONDS = 3600


def cached(name, dependencies, compute):
    """The value of `compute()`, kept until any of `dependencies` changes. None is not kept:
    it is computed again each time."""
    if not settings.PAGE_FRAGMENT_CACHE:
        return compute()
    key = PREFIX + name
    found, current = versions.read_with([key], dependencies)
    entry = found[key]
    if entry is not None:
        recorded, value = entry
        if versions.still_current(recorded, current):
            return value
    value = compute()
    if value is not None:
        cache.set(key, (current, value), FRAGMENT_SECONDS)
    return value


class CachedSiteSettingMixin:
    """For a Wagtail site setting shown on public pages: read once per change, not once per
    render. Saving one drops it at once, for the rest of the saving request, and the app that
    owns it registers it with `register_shown_on_pages`, so that after the commit every page
    and piece that showed the old value is stale too."""

    @classmethod
    def for_site(cls, site):
        return cached(
            setting_key(cls, site.pk),
            {versions.SITE},
            lambda: super(CachedSiteSettingMixin, cls).for_site(site),
        )


def setting_key(model, site_id):
    return f"setting:{model._meta.label_lower}:{site_id}"


@receiver(post_save, dispatch_uid="page-fragments-setting-saved")
@receiver(post_delete, dispatch_uid="page-fragments-setting-deleted")
def drop_saved_setting(sender, instance, **kwargs):
    if isinstance(instance, CachedSiteSettingMixin):
        cache.delete(PREFIX + setting_key(type(instance), instance.site_id))
