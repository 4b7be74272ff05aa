"""Every campaign model, for Django and for other apps. Within campaign, import a model from
its own module (campaign.models.signatures, ...): this package also loads the page models,
which sit at the top of the app."""

from campaign.models.pages import CampaignPage, CampaignPageTag, HomePage
from campaign.models.petition import PetitionPage, PetitionUpdate
from campaign.models.settings import OrganisationSettings
from campaign.models.signatures import BlockedEmailDomain, Signature, SignatureCountShard

__all__ = [
    "BlockedEmailDomain",
    "CampaignPage",
    "CampaignPageTag",
    "HomePage",
    "OrganisationSettings",
    "PetitionPage",
    "PetitionUpdate",
    "Signature",
    "SignatureCountShard",
]
