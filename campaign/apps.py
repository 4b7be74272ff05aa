from django.apps import AppConfig


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = "Campaigns"

    def ready(self):
        # Cached petition lookups and blocked domains are dropped when they change.
        from campaign import lookups

        lookups.connect()
