"""The alerts app: supporters follow a topic or a campaign and hear by email when a story is
published or a petition has news."""

from django.apps import AppConfig

from core.data_rights import register_eraser


class AlertsConfig(AppConfig):
    """Subscribers and what they follow, the alerts that publishing queues, their fan-out in
    batches through the task queue, one-click unsubscribe, the managers' subscriber admin, and
    the email provider's bounce and complaint tracking."""

    name = "alerts"
    verbose_name = "Story alerts"

    def ready(self):
        # Imported here, not at the top: these import models, and Django imports this module
        # before any model can be.
        from alerts import publishing, webhooks
        from alerts.erasure import erase_subscriber

        publishing.connect_signals()
        webhooks.connect_signals()
        register_eraser("alert subscription(s)", erase_subscriber)
