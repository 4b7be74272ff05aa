"""Adding a signature to a petition, shared by the HTML form and the JSON API.

The outcome a visitor sees is the same whether or not the address had signed before: new and
pending signers get a confirmation email, confirmed signers an "already signed" email. The
database work is the same too (one statement, campaign/signature_upsert.py), so the time an
answer takes does not tell either. What cannot be signed is refused with a `Refusal` the page
shows beside the form and the API answers as it is.
"""

from django.conf import settings
from django_ratelimit.core import get_usage

from campaign.blocked_domains import is_blocked
from campaign.confirmation_links import confirmation_url
from campaign.signature_upsert import create_or_find_signature
from campaign.tasks import send_already_signed_email, send_confirmation_email
from core.identity import email_domain
from core.links import page_url
from core.privacy import ip_hash, ratelimit_key
from core.refusals import Refusal

# (status, code, message) of each refusal; each raise makes a new Refusal, so no traceback
# (and none of the frames it holds) is kept from one request to the next.
CLOSED = (409, "petition_closed", "This petition is closed to new signatures.")
HONEYPOT = (400, "suspected_bot", "Your signature could not be accepted. Please try again.")
RATE_LIMITED = (
    429,
    "rate_limited",
    "Too many signatures have come from your connection just now. Please wait a few minutes "
    "and try again.",
)
BLOCKED = (
    422,
    "email_domain_blocked",
    "We cannot accept signatures from this email provider. Please use another address.",
)


def _over_rate_limit(request, petition):
    """Count this attempt against every rate and say whether one is now exceeded.

    The rates (PETITION_SIGN_RATES) are per connection (the keyed IP hash) per petition: loose
    enough for a household, an office or a street stall on one connection, tight enough that
    one connection cannot fill the table. Email confirmation is what keeps a count honest, not
    these (docs/petitions.md, "What stops a flood"). As django-ratelimit's own decorator does, every
    attempt that reaches this point counts, refused or not: one cache write per rate, and no
    separate read to check first."""
    over = False
    for rate in settings.PETITION_SIGN_RATES:
        usage = get_usage(
            request,
            group=f"petition-sign:{petition.pk}",
            key=ratelimit_key,
            rate=rate,
            increment=True,
        )
        over = over or bool(usage and usage["should_limit"])
    return over


def check_can_sign(request, petition, data, blocked_domains=None):
    """Raise a Refusal for a closed petition, a bot, a blocked domain or a flood.

    The refusals that cost nothing come first; the rate limit last, so that typos, bots and
    blocked providers do not use up a person's allowance. `blocked_domains` is the list if the
    caller already read it with the petition."""
    if not petition.is_open:
        raise Refusal(*CLOSED)
    if data.get("website"):
        raise Refusal(*HONEYPOT)
    if is_blocked(email_domain(data["email"]), blocked_domains):
        raise Refusal(*BLOCKED)
    if _over_rate_limit(request, petition):
        raise Refusal(*RATE_LIMITED)


def add_signature(request, petition, data, blocked_domains=None):
    """Store the signature in `data` (a valid SignatureForm's cleaned_data), or find the one
    this person already has, and send the right email. Returns (signature, created); raises a
    Refusal when it may not be signed."""
    check_can_sign(request, petition, data, blocked_domains)
    signature, created = create_or_find_signature(petition, data, ip_hash(request))
    if signature.is_confirmed:
        send_already_signed_email.enqueue(signature.pk, page_url(petition))
    else:
        send_confirmation_email.enqueue(signature.pk, confirmation_url(petition, signature))
    return signature, created
