"""Signing a petition, shared by the HTML form and the JSON API.

The outcome a visitor sees is the same whether or not the address had signed before: new and
pending signers get a confirmation email, confirmed signers an "already signed" email.
"""

from contextlib import nullcontext

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django_ratelimit.core import get_usage

from campaign.links import confirmation_token
from campaign.models import BlockedEmailDomain, Signature
from campaign.tasks import send_already_signed_email, send_confirmation_email
from config.privacy import ip_hash, ratelimit_key
from core.identity import email_domain
from core.links import page_url


class SigningRefused(Exception):
    """A refusal the visitor can understand: HTTP status, stable code, a sentence."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


CLOSED = SigningRefused(409, "petition_closed", "This petition is closed to new signatures.")
HONEYPOT = SigningRefused(
    400, "suspected_bot", "Your signature could not be accepted. Please try again."
)
RATE_LIMITED = SigningRefused(
    429,
    "rate_limited",
    "Too many signatures have come from your connection just now. Please wait a few minutes "
    "and try again.",
)
BLOCKED = SigningRefused(
    422,
    "email_domain_blocked",
    "We cannot accept signatures from this email provider. Please use another address.",
)


def sign_rates():
    return getattr(settings, "PETITION_SIGN_RATES", ["1/m", "5/5m"])


def _rate_group(petition):
    return f"petition-sign:{petition.pk}"


def _over_rate_limit(request, petition):
    """Count this attempt against every rate and say whether one is now exceeded.

    As django-ratelimit's own decorator does, every attempt that reaches this point counts,
    refused or not: one cache write per rate, and no separate read to check first."""
    over = False
    for rate in sign_rates():
        usage = get_usage(
            request, group=_rate_group(petition), key=ratelimit_key, rate=rate, increment=True
        )
        over = over or bool(usage and usage["should_limit"])
    return over


def check_can_sign(request, petition, form, blocked_domains=None):
    """Raise SigningRefused for a closed petition, a bot, a blocked domain or a flood.

    The refusals that cost nothing come first; the rate limit last, so that typos, bots and
    blocked providers do not use up a person's allowance. `blocked_domains` is the list if the
    caller already read it with the petition."""
    if not petition.is_open:
        raise CLOSED
    if form.cleaned_data.get("website"):
        raise HONEYPOT
    if BlockedEmailDomain.blocks(email_domain(form.cleaned_data["email"]), blocked_domains):
        raise BLOCKED
    if _over_rate_limit(request, petition):
        raise RATE_LIMITED


def sign(request, petition, form, blocked_domains=None):
    """Store a valid form's signature (or find the existing one) and send the right email."""
    check_can_sign(request, petition, form, blocked_domains)
    signature, created = _create_or_find(request, petition, form.cleaned_data)
    if signature.is_confirmed:
        send_already_signed_email.enqueue(signature.pk, page_url(petition))
    else:
        send_confirmation_email.enqueue(signature.pk, confirmation_url(petition, signature))
    return signature, created


def _create_or_find(request, petition, data):
    signature = Signature(
        petition=petition,
        email_normalised=data["email_normalised"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        country=data["country"],
        postcode=data.get("postcode", ""),
        opt_in=bool(data.get("opt_in")),
        show_publicly=bool(data.get("show_publicly")),
        consent_version=petition.consent_version,
        ip_hash=ip_hash(request),
    )
    try:
        with _savepoint_if_in_transaction():
            signature.save(force_insert=True)
        return signature, True
    except IntegrityError:
        # The same person signed before, or at this very moment in another request.
        existing = Signature.objects.get(
            petition=petition, email_normalised=data["email_normalised"]
        )
        return existing, False


def _savepoint_if_in_transaction():
    """A lone INSERT is its own transaction: wrapping it in one only adds BEGIN and COMMIT
    round trips. Inside someone else's transaction a duplicate would abort theirs, so there
    it gets a savepoint."""
    if connection.in_atomic_block:
        return transaction.atomic()
    return nullcontext()


def confirmation_url(petition, signature):
    """The link in the confirmation email: on the petition's Site, like every email link."""
    return page_url(
        petition, petition.reverse_subpage("confirm", args=[confirmation_token(signature)])
    )
