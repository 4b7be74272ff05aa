from campaign.models.pages import CampaignPage, CampaignPageTag, HomePage
from campaign.models.petition import PetitionPage
from campaign.models.settings import OrganisationSettings
from campaign.models.signatures import BlockedEmailDomain, Signature, SignatureCountShard

__all__ = [
    "BlockedEmailDomain",
    "CampaignPage",
    "CampaignPageTag",
    "HomePage",
    "OrganisationSettings",
    "PetitionPage",
    "Signature",
    "SignatureCountShard",
]
