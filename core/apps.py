"""The core app: what it switches on at start-up (system checks, safe CSV exports, private log
paths)."""

from django.apps import AppConfig

from core.log_privacy import keep_paths_private_in_logs


class CoreConfig(AppConfig):
    """What every app leans on and no app owns: one email identity, absolute links, signed
    links, refusals, the JSON API base, request guards, private logs and exports, and the
    data-rights entry point. No models."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        # Imported here, not at the top: both import Wagtail's models (checks the Site, the
        # exports Wagtail's admin views), which cannot load before the apps are.
        from core import checks  # noqa: F401 - registers the system checks
        from core.exports import protect_csv_exports

        # Both are global on purpose: Wagtail's own reports export through the same CSV
        # writer, and every logger, not just ours, may be handed a path with a token in it.
        protect_csv_exports()
        keep_paths_private_in_logs()
