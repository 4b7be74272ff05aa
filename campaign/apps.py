from django.apps import AppConfig


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = "Campaigns"

    def ready(self):
        # Cached petition lookups and blocked domains are dropped when they change.
        from campaign import lookups

        lookups.connect()

        from campaign.erasure import erase_signatures
        from core.data_rights import register_eraser

        register_eraser("signature(s)", erase_signatures)
