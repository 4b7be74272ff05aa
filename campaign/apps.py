"""The campaign app: campaigns, petitions, signatures and their admin."""

from django.apps import AppConfig

from core.data_rights import register_eraser


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = "Campaigns"

    def ready(self):
        # Imported here, not at the top: these import models, and Django imports this module
        # before any model can be.
        from campaign import blocked_domains, live_petitions
        from campaign.erasure import erase_signatures

        # Cached petition lookups and blocked domains are dropped when they change.
        live_petitions.connect_signals()
        blocked_domains.connect_signals()
        register_eraser("signature(s)", erase_signatures)
