"""The signed, expiring link a signer confirms with, and the signature it names.

The token is core/signed_links.py's: Django's signed, timestamped JSON in URL-safe base64,
the very format this app once wrapped by hand, so links already emailed keep working. The link
opens a page with a button; only the POST acts, so an email scanner that follows every link
confirms nothing. A bad link is a `Refusal` the page shows and the API answers as it is.
"""

from django.conf import settings

from campaign.models.signatures import Signature
from core.links import page_url
from core.refusals import Refusal
from core.signed_links import LinkExpired, LinkInvalid, make_token, read_token

CONFIRM_SALT = "campaign.signature.confirm"

# (status, code, message) of each refusal; each raise makes a new Refusal, so no traceback
# (and none of the frames it holds) is kept from one request to the next.
EXPIRED = (400, "link_expired", "This confirmation link has expired. Please sign again.")
INVALID = (400, "link_invalid", "This confirmation link is not valid. Please check the email.")
UNKNOWN = (400, "link_invalid", "This confirmation link is not valid.")


def signature_confirmation_token(signature):
    return make_token(CONFIRM_SALT, {"signature": signature.pk})


def confirmation_url(petition, signature):
    """The link in the confirmation email: on the petition's Site, like every email link."""
    return page_url(
        petition,
        petition.reverse_subpage("confirm", args=[signature_confirmation_token(signature)]),
    )


def signature_id_from_token(token):
    """The id of the signature a token names. Raises the EXPIRED or INVALID Refusal."""
    try:
        value = read_token(CONFIRM_SALT, token, max_age=settings.PETITION_CONFIRM_MAX_AGE)
    except LinkExpired as error:
        raise Refusal(*EXPIRED) from error
    except LinkInvalid as error:
        raise Refusal(*INVALID) from error
    signature_id = value.get("signature") if isinstance(value, dict) else None
    if type(signature_id) is not int:
        raise Refusal(*INVALID)
    return signature_id


def signature_from_token(token, petition=None):
    """The signature a token names (on `petition`, if given). Raises the EXPIRED or INVALID
    Refusal, or UNKNOWN for a genuine link whose signature is gone or on another petition."""
    signatures = Signature.objects.all()
    if petition is not None:
        signatures = signatures.filter(petition=petition)
    try:
        return signatures.get(pk=signature_id_from_token(token))
    except Signature.DoesNotExist as error:
        raise Refusal(*UNKNOWN) from error
