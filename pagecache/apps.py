"""The page cache app: at start-up it connects what makes cached pages stale."""

from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Whole rendered pages for anonymous readers, kept in the shared cache and forgotten the
    moment anything they show changes (a publish, a moderated comment, an erasure). A new
    signature does not: petition pages fetch their count."""

    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        # Imported here, not at the top: it imports Wagtail's models, which cannot load before
        # the apps are. Importing it connects the signal handlers.
        from pagecache import admin_sidebar, invalidation  # noqa: F401

        admin_sidebar.install()
