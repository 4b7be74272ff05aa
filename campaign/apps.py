"""The campaign app: campaigns, petitions, signatures and their admin."""

from django.apps import AppConfig

from core.data_rights import register_eraser


class CampaignConfig(AppConfig):
    """Home, campaign and petition pages; signatures, their counting, confirmation, erasure and
    purge; blocked email domains; the managers' admin and the petitions' JSON API."""

    name = "campaign"
    verbose_name = "Campaigns"

    def ready(self):
        # Imported here, not at the top: these import models (pagecache.invalidation, Wagtail's
        # page model), and Django imports this module before any model can be.
        from campaign import blocked_domains, live_petitions
        from campaign.erasure import erase_signatures
        from pagecache.invalidation import register_shown_on_pages

        # Cached petition lookups and blocked domains are dropped when they change.
        live_petitions.connect_signals()
        blocked_domains.connect_signals()
        register_eraser("signature(s)", erase_signatures)
        # The organisation's settings are in every page's footer and sharing links.
        register_shown_on_pages(self.get_model("OrganisationSettings"))
