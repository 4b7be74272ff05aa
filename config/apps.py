from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Site-wide plumbing that belongs to no one app: the page cache's invalidation, CSV exports
    a spreadsheet cannot run, logs without query strings or tokens, and the checks that links
    in emails lead somewhere."""

    name = "config"
    label = "site"
    verbose_name = "Site"

    def ready(self):
        from config import (
            cache_invalidation,  # noqa: F401 - connects the signal handlers
            checks,  # noqa: F401 - registers the system checks
        )
        from core.exports import protect_csv_exports
        from core.log_privacy import keep_paths_private_in_logs

        protect_csv_exports()
        keep_paths_private_in_logs()
