"""The outbox app: at start-up it registers the eraser of its per-inbox email records."""

from django.apps import AppConfig

from core.data_rights import register_eraser


class OutboxConfig(AppConfig):
    """Background work that is safe to run twice: retried tasks, each email sent once, one
    visitor-triggered email of each kind a minute per inbox, and the failures staff can see."""

    name = "outbox"
    verbose_name = "Outbox"

    def ready(self):
        # Imported here, not at the top: it imports the outbox's models, which cannot load
        # before the apps are.
        from outbox.inbox_floor import erase_inbox

        register_eraser("email record(s)", erase_inbox)
