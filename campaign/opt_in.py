"""Withdrawing the opt-in a signer ticked: "stop emailing me" from a link in a petition
update. The signature still counts; only the permission to write about the campaign goes."""

from campaign.models.signatures import Signature


def withdraw_opt_in(email_hash):
    """Untick the opt-in on every signature of the person with this address hash; returns
    how many signatures changed."""
    return Signature.objects.filter(email_hash=email_hash, opt_in=True).update(opt_in=False)
